package dev.logbridge.receiver;

import com.google.protobuf.ByteString;

/**
 * Lower-case hexadecimal encoding of trace and span ids, the form OTLP uses for them in JSON.
 *
 * <p>Stateless and thread-safe.
 */
final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Returns the lower-case hex form of {@code bytes}; the empty string for no bytes. */
  static String encode(ByteString bytes) {
    char[] out = new char[bytes.size() * 2];
    for (int i = 0; i < bytes.size(); i++) {
      int b = bytes.byteAt(i) & 0xff;
      out[2 * i] = DIGITS[b >>> 4];
      out[2 * i + 1] = DIGITS[b & 0x0f];
    }
    return new String(out);
  }

  /**
   * Decodes an even-length hex string (either case).
   *
   * @throws IllegalArgumentException if {@code text} is not hex
   */
  static ByteString decode(CharSequence text) {
    if (text.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits: " + text.length());
    }
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (digit(text.charAt(2 * i)) << 4 | digit(text.charAt(2 * i + 1)));
    }
    return ByteString.copyFrom(out);
  }

  private static int digit(char c) {
    int d = Character.digit(c, 16);
    if (d < 0) {
      throw new IllegalArgumentException("not a hex digit: '" + c + "'");
    }
    return d;
  }
}
