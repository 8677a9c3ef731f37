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

  /**
   * Whether the bridge may drop {@code event} without translating it when its queue is already
   * full, counting it as {@code queue_full} (or {@code pre_install_overflow}) as it would count
   * the same record found full after translation. Under overload that spares the logging thread
   * a capture whose record could not be queued anyway. False, the default, when translating has
   * an effect that must happen even for a record that is dropped: the per-thread hand-off between
   * chained adapters ({@link HandOff}) is one. Runs on the logging thread; must be cheap and must
   * not throw.
   */
  default boolean canDropUntranslated(E event) {
    return false;
  }
}
