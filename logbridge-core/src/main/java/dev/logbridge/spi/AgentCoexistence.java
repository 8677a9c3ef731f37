package dev.logbridge.spi;

import dev.logbridge.Bridge;
import dev.logbridge.StatusListener.Level;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;

/**
 * How an adapter shares its framework with the OpenTelemetry Java agent, decided once when the
 * adapter starts, so that each record is exported once: with the agent's own bridge for the
 * framework on, the adapter steps aside ({@link #bridges()} is false); with it off, or without
 * the agent, the adapter bridges, leaving out the trace-id keys the agent adds to the MDC or
 * context data ({@link #contextFilter}). Why this way round: see {@link JavaAgent}.
 *
 * <p>The decision is said once per JVM and framework on the bridge's status channel, naming the
 * agent flags involved: as a warning when the adapter steps aside, as information when it
 * bridges beside the agent. Without the agent, nothing is said.
 *
 * <p>Thread-safety: immutable.
 *
 */
final class AgentCoexistence {
  private static final AgentCoexistence NO_AGENT = new AgentCoexistence(true, List.of());
  private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

  private final boolean bridges;
  private final List<String> excludedKeys;

  private AgentCoexistence(boolean bridges, List<String> excludedKeys) {
    this.bridges = bridges;
    this.excludedKeys = excludedKeys;
  }

  /**
   * For Logback: the agent's {@code logback-appender} and {@code logback-mdc}. When this adapter
   * bridges while the agent's {@code java-util-logging} bridge is on and jul-to-slf4j's handler
   * sits on the JUL root logger (Spring Boot puts it there before Logback starts), each JUL
   * record would be exported twice, by the agent and through Logback by logbridge: that is said
   * once as a warning naming {@code -Dotel.instrumentation.java-util-logging.enabled=false}.
   */
  public static AgentCoexistence logback(Bridge bridge) {
    JavaAgent agent = JavaAgent.detected();
    AgentCoexistence decision =
        decide(agent, bridge, "Logback", JavaAgent.LOGBACK_APPENDER, JavaAgent.LOGBACK_MDC);
    if (decision.bridges
        && agent.isOn(JavaAgent.JUL_BRIDGE)
        && julForwardsToSlf4j()
        && SAID.add("Logback bridges with the agent's JUL bridge on")) {
      bridge.reportStatus(
          Level.WARN,
          "java_agent." + JavaAgent.JUL_BRIDGE,
          "jul-to-slf4j"
              + " forwards java.util.logging records to Logback, where logbridge bridges them, while"
              + " the OpenTelemetry Java agent bridges java.util.logging itself: each such record is"
              + " exported twice. Start the JVM with "
              + JavaAgent.offFlag(JavaAgent.JUL_BRIDGE)
              + " as well.");
    }
    return decision;
  }

  private static boolean julForwardsToSlf4j() {
    try {
      for (Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
        if (handler.getClass().getName().equals("org.slf4j.bridge.SLF4JBridgeHandler")) {
          return true;
        }
      }
    } catch (RuntimeException e) {
      // A LogManager that refuses: nothing is said.
    }
    return false;
  }

  /** For java.util.logging: the agent's {@code java-util-logging} (JUL has no MDC). */
  public static AgentCoexistence jul(Bridge bridge) {
    return decide(JavaAgent.detected(), bridge, "java.util.logging", JavaAgent.JUL_BRIDGE, null);
  }

  /** For Log4j 2: the agent's {@code log4j-appender} and {@code log4j-context-data}. */
  public static AgentCoexistence log4j2(Bridge bridge) {
    return decide(
        JavaAgent.detected(),
        bridge,
        "Log4j 2",
        JavaAgent.LOG4J_APPENDER,
        JavaAgent.LOG4J_CONTEXT_DATA);
  }

  static AgentCoexistence decide(
      JavaAgent agent,
      Bridge bridge,
      String framework,
      String agentBridge,
      String agentContextKeys) {
    Objects.requireNonNull(bridge, "bridge");
    if (!agent.isPresent()) {
      return NO_AGENT;
    }
    if (agent.isOn(agentBridge)) {
      if (SAID.add(framework + " steps aside")) {
        bridge.reportStatus(
            Level.WARN,
            "java_agent." + agentBridge,
            "the OpenTelemetry Java"
                + " agent is attached and bridges "
                + framework
                + " itself (its "
                + agentBridge
                + " instrumentation is on), so logbridge's "
                + framework
                + " adapter steps aside and"
                + " bridges nothing: each record is exported once, by the agent. To have logbridge"
                + " bridge "
                + framework
                + " instead (into the agent's SDK, with its bounded queue"
                + " and counted drops), start the JVM with "
                + JavaAgent.offFlag(agentBridge)
                + (agentContextKeys == null
                    ? ""
                    : "; logbridge then leaves out the trace-id keys"
                        + " the agent's "
                        + agentContextKeys
                        + " instrumentation adds (or add "
                        + JavaAgent.offFlag(agentContextKeys)
                        + ")")
                + ".");
      }
      return new AgentCoexistence(false, List.of());
    }
    List<String> keys =
        agentContextKeys != null && agent.isOn(agentContextKeys)
            ? agent.traceContextKeys()
            : List.of();
    if (SAID.add(framework + " bridges")) {
      bridge.reportStatus(
          Level.INFO,
          "java_agent." + agentBridge,
          "the OpenTelemetry Java"
              + " agent is attached with its "
              + framework
              + " bridge off ("
              + JavaAgent.offFlag(agentBridge)
              + "): logbridge bridges "
              + framework
              + " into the agent's OpenTelemetry SDK"
              + (keys.isEmpty()
                  ? ""
                  : "; the keys "
                      + String.join(", ", keys)
                      + " that the agent's "
                      + agentContextKeys
                      + " instrumentation adds are left out, since each record"
                      + " carries its trace context itself")
              + ".");
    }
    return new AgentCoexistence(true, keys);
  }

  /** Whether the adapter bridges; false when the agent's own bridge exports its records. */
  public boolean bridges() {
    return bridges;
  }

  /** {@code configured} without the trace-id keys the agent adds to each event, if any. */
  public KeyFilter contextFilter(KeyFilter configured) {
    return GlobKeyFilter.excluding(configured, excludedKeys);
  }

  /** Forgets what was said; for tests. */
  static void forgetNotices() {
    SAID.clear();
  }
}
