package dev.logbridge.demo;

import dev.logbridge.log4j2.LogBridgeAppender;
import java.io.IOException;
import java.io.InputStream;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.jul.Log4jBridgeHandler;

/**
 * Log4j 2 configured from the bundled {@code log4j2-demo.xml} ({@code <LogBridge>} on the root
 * logger), with java.util.logging routed into Log4j by log4j-jul's {@code Log4jBridgeHandler}, as
 * Log4j applications do: the SDK's own warnings then meet logbridge's origin filter.
 *
 * <p>SLF4J stays bound to Logback; the service logs through the Log4j API directly.
 *
 * <p>Thread-safety: see {@link FrameworkSetup}.
 */
final class Log4jFramework implements FrameworkSetup {
  static final String RESOURCE = "/log4j2-demo.xml";

  private final LoggerContext context;
  private final ServiceLog log;
  private final JulRootHandlers julRoot;

  Log4jFramework() {
    context = LoggerContext.getContext(false);
    try (InputStream xml = Log4jFramework.class.getResourceAsStream(RESOURCE)) {
      if (xml == null) {
        throw new IllegalStateException("missing bundled resource " + RESOURCE);
      }
      Configurator.reconfigure(new XmlConfiguration(context, new ConfigurationSource(xml)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
    Appender appender = context.getConfiguration().getAppender("OTEL");
    if (!(appender instanceof LogBridgeAppender) || !appender.isStarted()) {
      // Most likely a jar without logbridge-log4j2's plugin index: Log4j then ignores the
      // element with a status message, and the service would log into nothing.
      Configurator.reconfigure(new DefaultConfiguration());
      throw new IllegalStateException(
          "Log4j did not start the <LogBridge> appender of "
              + RESOURCE
              + " (is Log4j2Plugins.dat from logbridge-log4j2 on the class path?)");
    }
    log = new Log4jServiceLog(context.getLogger(RequestHandler.LOGGER_NAME));
    julRoot = JulRootHandlers.replaceWith(new Log4jBridgeHandler(false, null, false));
  }

  @Override
  public ServiceLog serviceLog() {
    return log;
  }

  @Override
  public String description() {
    return "log4j2-demo.xml with <LogBridge> (dev.logbridge.log4j2.LogBridgeAppender)";
  }

  @Override
  public String sdkWarningsRoute() {
    return "routed back through log4j-jul's Log4jBridgeHandler";
  }

  @Override
  public void close() {
    julRoot.close();
    // Stops <LogBridge> (a bounded flush) and puts back what Log4j configured by itself, as no
    // configuration file is on the class path: its default, a console appender at ERROR.
    // (context.reconfigure() would get there too, with a status warning on stderr.)
    Configurator.reconfigure(new DefaultConfiguration());
  }
}
