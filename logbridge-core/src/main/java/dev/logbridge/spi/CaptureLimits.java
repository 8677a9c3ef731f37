package dev.logbridge.spi;

import dev.logbridge.BridgeSettings;

/**
 * The limits a {@link RecordCapture} applies while it is filled, taken from {@link
 * BridgeSettings}.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class CaptureLimits {
  private final int maxAttributes;
  private final int maxBodyLength;
  private final int maxStackTraceLength;

  public CaptureLimits(BridgeSettings settings) {
    this.maxAttributes = settings.maxAttributes();
    this.maxBodyLength = settings.maxBodyLength();
    this.maxStackTraceLength = settings.maxStackTraceLength();
  }

  public int maxAttributes() {
    return maxAttributes;
  }

  public int maxBodyLength() {
    return maxBodyLength;
  }

  public int maxStackTraceLength() {
    return maxStackTraceLength;
  }
}
