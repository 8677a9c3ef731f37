package dev.logbridge.receiver;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link RecordSink} writing one line per record to a file or a stream.
 *
 * <p>Thread-safe: a dedicated lock serialises writers so that lines never interleave. The first
 * I/O failure is reported once on standard error and turns the sink off; received records stay in
 * memory either way.
 */
final class WriterSink implements RecordSink {
  private final Object lock = new Object();
  private final String name;
  private final Function<ReceivedLogRecord, String> format;
  private final boolean closeWriter;
  // Guarded by lock; null once the sink has failed or closed.
  private Writer writer;

  private WriterSink(
      String name, Writer writer, boolean closeWriter, Function<ReceivedLogRecord, String> format) {
    this.name = name;
    this.writer = writer;
    this.closeWriter = closeWriter;
    this.format = format;
  }

  /** Returns a sink appending JSON lines to {@code file}, created when missing. */
  static WriterSink jsonl(Path file) throws IOException {
    Writer writer =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new WriterSink("JSONL file " + file, writer, true, RecordFormats::toJson);
  }

  /** Returns a sink printing readable lines to {@code out}, which it leaves open. */
  static WriterSink print(PrintStream out) {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    return new WriterSink("print stream", writer, false, RecordFormats::toLine);
  }

  @Override
  public void accept(List<ReceivedLogRecord> records) {
    synchronized (lock) {
      if (writer == null) {
        return;
      }
      try {
        for (ReceivedLogRecord record : records) {
          writer.write(format.apply(record));
          writer.write('\n');
        }
        // Flushed per request so that a reader (or a person) sees records as they arrive.
        writer.flush();
      } catch (IOException | RuntimeException e) {
        System.err.println("logbridge-receiver: writing to " + name + " failed, output off: " + e);
        writer = null;
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (writer == null) {
        return;
      }
      try {
        writer.flush();
        if (closeWriter) {
          writer.close();
        }
      } catch (IOException e) {
        System.err.println("logbridge-receiver: closing " + name + " failed: " + e);
      } finally {
        writer = null;
      }
    }
  }
}
