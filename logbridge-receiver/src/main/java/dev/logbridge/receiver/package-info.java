/**
 * A small OTLP/HTTP log receiver for local development, the demo and tests: {@link
 * dev.logbridge.receiver.OtlpReceiver} serves {@code POST /v1/logs} on 127.0.0.1, keeps {@link
 * dev.logbridge.receiver.ReceivedLogRecord}s in a bounded ring, counts everything in {@link
 * dev.logbridge.receiver.ReceiverStats}, and misbehaves on request through a {@link
 * dev.logbridge.receiver.Fault}; {@link dev.logbridge.receiver.Main} is its command line.
 */
package dev.logbridge.receiver;
