package dev.logbridge.doctor;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process's original standard error (file descriptor 2), bypassing {@code System.err}, which applications
 * sometimes redirect into logging, the very thing that may be stuck.
 *
 * <p>Thread-safe: the one PrintStream serialises writers internally.
 */
final class OriginalStderr {
  // Never closed: closing it would close fd 2 for the whole process.
  private static final PrintStream STREAM =
      new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

  private OriginalStderr() {}

  static void print(Diagnosis diagnosis) {
    STREAM.print("[logbridge stall watchdog] " + diagnosis.toText());
    STREAM.flush();
  }
}
