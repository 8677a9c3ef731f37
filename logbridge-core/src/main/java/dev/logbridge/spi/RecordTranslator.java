package dev.logbridge.spi;

/**
 * Copies what an adapter's framework event holds into a {@link RecordCapture}.
 *
 * <p>Runs on the application's logging thread, inside the bridge's re-entry guard: it must not
 * block, must not keep a reference to {@code event} or {@code capture} after it returns, and may
 * throw only by accident (the bridge contains it and counts a {@code capture_error}). Adapters
 * pass a stateless singleton, so a log call allocates no translator.
 *
 * @param <E> the framework's event type
 * @since 0.1
 */
@FunctionalInterface
public interface RecordTranslator<E> {
  /** Fills {@code capture} from {@code event}. */
  void translate(E event, RecordCapture capture);
}
