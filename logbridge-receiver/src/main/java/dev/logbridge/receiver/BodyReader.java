package dev.logbridge.receiver;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads request bodies with a size limit, before and after gzip decompression.
 *
 * <p>Stateless and thread-safe.
 */
final class BodyReader {
  private BodyReader() {}

  /**
   * Reads {@code in} to its end.
   *
   * @throws RequestException 413 when the body is longer than {@code maxBytes}
   */
  static byte[] read(InputStream in, long maxBytes) throws IOException, RequestException {
    return readLimited(in, maxBytes, "request body");
  }

  /**
   * Decompresses a gzip body; the limit applies to the decompressed size too, so that a small
   * compressed body cannot expand without bound.
   *
   * @throws RequestException 400 when the bytes are not gzip, 413 when they expand beyond the limit
   */
  static byte[] gunzip(byte[] compressed, long maxBytes) throws RequestException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return readLimited(in, maxBytes, "decompressed request body");
    } catch (IOException e) {
      throw new RequestException(400, "body is not valid gzip: " + e.getMessage(), e);
    }
  }

  /** Reads and discards at most {@code maxBytes} of {@code in}, so the connection can be reused. */
  static long discard(InputStream in, long maxBytes) throws IOException {
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while (total < maxBytes
        && (n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - total))) > 0) {
      total += n;
    }
    return total;
  }

  private static byte[] readLimited(InputStream in, long maxBytes, String what)
      throws IOException, RequestException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > maxBytes) {
        throw new RequestException(413, what + " exceeds " + maxBytes + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
