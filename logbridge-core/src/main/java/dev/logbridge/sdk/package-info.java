/**
 * What logbridge adds to the OpenTelemetry SDK, when the SDK is on the class path: {@link
 * dev.logbridge.sdk.PipelineBatchProcessor}, the log processor that exports on logbridge's
 * pipeline thread, and the pipeline's SDK hooks (looking into a logger provider, force-flush,
 * autoconfiguration, shutting down an SDK logbridge built).
 *
 * <p>The only package of logbridge-core that uses {@code io.opentelemetry.sdk}: the rest of core
 * needs {@code opentelemetry-api} alone and reaches this package only through {@code
 * dev.logbridge.internal.SdkHooks}, found through {@link java.util.ServiceLoader}. Only {@code
 * PipelineBatchProcessor} and its builder are API.
 */
package dev.logbridge.sdk;
