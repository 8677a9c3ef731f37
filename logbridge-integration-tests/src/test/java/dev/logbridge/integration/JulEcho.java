package dev.logbridge.integration;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/**
 * The "JUL-writing appender" that closes a loop between two frameworks: it logs every event it
 * gets back into {@code java.util.logging}, under the event's logger name, as {@code "echo: "}
 * plus the event's message. With a forwarder from JUL into the same framework, an echo is
 * forwarded back to this appender, whose echo is forwarded back again, without end unless a
 * re-entry guard cuts it. Written the plain way for each framework: Logback's {@link
 * AppenderBase} and Log4j's {@link AbstractAppender}, with the guards those frameworks give them.
 *
 * <p>Thread-safety: thread-safe; the count is shared by every instance.
 */
final class JulEcho {
  static final String PREFIX = "echo: ";
  private static final AtomicInteger APPENDS = new AtomicInteger();

  private JulEcho() {}

  /** How many events the echo appenders have handled since the last {@link #reset()}. */
  static int appends() {
    return APPENDS.get();
  }

  static void reset() {
    APPENDS.set(0);
  }

  private static void echo(String loggerName, String message) {
    APPENDS.incrementAndGet();
    Logger.getLogger(loggerName).info(PREFIX + message);
  }

  /** {@code <appender class="dev.logbridge.integration.JulEcho$ForLogback">}. */
  public static final class ForLogback extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      echo(event.getLoggerName(), event.getFormattedMessage());
    }
  }

  /** {@code <JulEcho name="..."/>}. */
  @Plugin(name = "JulEcho", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
  public static final class ForLog4j extends AbstractAppender {
    private ForLog4j(String name) {
      super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @PluginFactory
    public static ForLog4j create(@PluginAttribute("name") String name) {
      return new ForLog4j(name);
    }

    @Override
    public void append(LogEvent event) {
      echo(event.getLoggerName(), event.getMessage().getFormattedMessage());
    }
  }
}
