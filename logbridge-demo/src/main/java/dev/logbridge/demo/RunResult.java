package dev.logbridge.demo;

import dev.logbridge.BridgeStats;
import dev.logbridge.receiver.ReceiverStats;

/**
 * Everything a finished run measured, gathered after the final flush for {@link FinalReport}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param config the run's settings
 * @param elapsedNanos how long the service ran
 * @param requests requests the service completed
 * @param logCalls log calls that returned on the workers' threads
 * @param latency the log calls' durations on the workers' threads
 * @param bridge logbridge's accounting after the final flush
 * @param flushedInTime whether the final flush finished before its deadline
 * @param collector the embedded receiver's counters; null with an external collector, whose
 *     counts the demo cannot see
 * @param sdk what the SDK counted about its own log pipeline
 * @param watchdogVerdict the stall detector's line for the report
 * @param watchdogEvents diagnostic events the watchdog handed to logbridge (accepted there too)
 */
record RunResult(
    DemoConfig config,
    long elapsedNanos,
    long requests,
    long logCalls,
    LatencySnapshot latency,
    BridgeStats bridge,
    boolean flushedInTime,
    ReceiverStats collector,
    SdkPipelineProbe.Losses sdk,
    String watchdogVerdict,
    long watchdogEvents,
    DeliveryTally.Counts delivered,
    int queuedAfterFlush) {}
