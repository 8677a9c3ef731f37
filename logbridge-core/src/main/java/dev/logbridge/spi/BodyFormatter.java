package dev.logbridge.spi;

/**
 * Formats a message pattern with its arguments, the framework's way (SLF4J's {@code {}}, JUL's
 * {@code {0}}), for a body whose formatting the adapter deferred with {@link
 * RecordCapture#deferredBody}.
 *
 * <p>Runs on logbridge's pipeline thread, and only with arguments for which {@link
 * RecordCapture#canDefer} is true, so no user code runs there. Must not log and should not throw;
 * a failure is contained and yields a placeholder body.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface BodyFormatter {
  /** Returns {@code pattern} with {@code args} substituted. */
  String format(String pattern, Object[] args);
}
