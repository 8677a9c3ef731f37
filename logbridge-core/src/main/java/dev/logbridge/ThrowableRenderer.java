package dev.logbridge;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Renders a {@link Throwable} into the {@code exception.type}, {@code exception.message} and
 * {@code exception.stacktrace} values, bounded in length and safe against hostile throwables.
 *
 * <p>In two steps: {@link #snapshot} runs on the caller's thread, because a throwable is mutable
 * and its {@code getMessage()} is user code; it copies the headlines and the (immutable) frames.
 * {@link #render} builds the string from that copy on the pipeline thread, so the caller does not
 * pay for turning hundreds of frames into text. The stack
 * trace follows the JDK's {@code printStackTrace} layout (causes and suppressed exceptions, with
 * frames in common with the enclosing trace elided) and stops as soon as the limit is reached,
 * so a deep trace costs no more than the limit. Cause cycles end in {@code [CIRCULAR REFERENCE]}.
 *
 * <p>Thread-safety: stateless.
 */
final class ThrowableRenderer {
  /** The most throwables (causes and suppressed, in all) one snapshot follows. */
  static final int MAX_THROWABLES = 64;

  private static final Snapshot[] NO_SNAPSHOTS = new Snapshot[0];

  private ThrowableRenderer() {}

  /** The exception's fully qualified class name. */
  public static String type(Throwable t) {
    return t.getClass().getName();
  }

  /** The exception's message, or null; a {@code getMessage()} that throws yields a placeholder. */
  public static String message(Throwable t) {
    try {
      return t.getMessage();
    } catch (Throwable failure) {
      return ValueCoercer.placeholder(failure);
    }
  }

  /**
   * Renders the stack trace, stopping after {@code maxLength} chars. Equivalent to rendering
   * {@link #snapshot(Throwable, int) a snapshot}, all on the calling thread.
   *
   * @return the trace and whether it was truncated
   */
  public static Rendered stackTrace(Throwable t, int maxLength) {
    return render(snapshot(t, framesFor(maxLength)), maxLength);
  }

  /**
   * The most frames per throwable worth keeping for a trace of {@code maxLength} chars: a frame
   * line is at least about 20 chars, so more could never be rendered.
   */
  public static int framesFor(int maxLength) {
    return Math.max(16, maxLength / 20);
  }

  /**
   * Copies what rendering {@code t} needs — each throwable's class name and message (user code:
   * run here, contained) and its frames (immutable) — so the string can be built later, on
   * another thread. Follows causes and suppressed exceptions, at most {@value #MAX_THROWABLES} of
   * them, marking cycles; keeps at most {@code maxFrames} frames of each.
   */
  public static Snapshot snapshot(Throwable t, int maxFrames) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return snapshotOne(t, maxFrames, seen);
  }

  private static Snapshot snapshotOne(Throwable t, int maxFrames, Set<Throwable> seen) {
    if (!seen.add(t)) {
      return new Snapshot(headline(t), null, 0, null, NO_SNAPSHOTS, true);
    }
    StackTraceElement[] frames;
    Throwable[] suppressed;
    Throwable cause;
    try {
      frames = t.getStackTrace();
      suppressed = t.getSuppressed();
      cause = t.getCause();
    } catch (Throwable failure) {
      // A Throwable subclass whose accessors throw: keep what we have, say why.
      return new Snapshot(
          headline(t) + " " + ValueCoercer.placeholder(failure),
          new StackTraceElement[0],
          0,
          null,
          NO_SNAPSHOTS,
          false);
    }
    int omitted = 0;
    if (frames.length > maxFrames) {
      omitted = frames.length - maxFrames;
      frames = Arrays.copyOf(frames, maxFrames);
    }
    Snapshot[] suppressedSnapshots = NO_SNAPSHOTS;
    if (suppressed.length > 0 && seen.size() < MAX_THROWABLES) {
      int n = Math.min(suppressed.length, MAX_THROWABLES - seen.size());
      suppressedSnapshots = new Snapshot[n];
      for (int i = 0; i < n; i++) {
        suppressedSnapshots[i] = snapshotOne(suppressed[i], maxFrames, seen);
      }
    }
    Snapshot causeSnapshot =
        cause == null || seen.size() >= MAX_THROWABLES ? null : snapshotOne(cause, maxFrames, seen);
    return new Snapshot(headline(t), frames, omitted, causeSnapshot, suppressedSnapshots, false);
  }

  /** Renders a snapshot in the JDK's {@code printStackTrace} layout, at most {@code maxLength}. */
  public static Rendered render(Snapshot snapshot, int maxLength) {
    BoundedText out = new BoundedText(maxLength);
    try {
      renderOne(snapshot, out, "", "", null);
    } catch (Throwable failure) {
      out.line(ValueCoercer.placeholder(failure));
    }
    return new Rendered(out.text(), out.truncated());
  }

  private static void renderOne(
      Snapshot t, BoundedText out, String caption, String indent, StackTraceElement[] enclosing) {
    if (out.full()) {
      return;
    }
    if (t.circular) {
      out.line(indent + caption + "[CIRCULAR REFERENCE: " + t.headline + "]");
      return;
    }
    out.line(indent + caption + t.headline);
    StackTraceElement[] trace = t.frames;
    // Frames in common with the enclosing trace are elided as the JDK does; a cut trace no
    // longer ends where the real one does, so nothing is elided then.
    int inCommon = enclosing == null || t.omittedFrames > 0 ? 0 : framesInCommon(trace, enclosing);
    for (int i = 0; i < trace.length - inCommon && !out.full(); i++) {
      out.line(indent + "\tat " + trace[i]);
    }
    if (inCommon > 0) {
      out.line(indent + "\t... " + inCommon + " more");
    }
    if (t.omittedFrames > 0) {
      out.line(indent + "\t... " + t.omittedFrames + " frames omitted");
    }
    for (Snapshot suppressed : t.suppressed) {
      renderOne(suppressed, out, "Suppressed: ", indent + "\t", trace);
    }
    if (t.cause != null) {
      renderOne(t.cause, out, "Caused by: ", indent, trace);
    }
  }

  private static int framesInCommon(StackTraceElement[] trace, StackTraceElement[] enclosing) {
    int m = trace.length - 1;
    int n = enclosing.length - 1;
    while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
      m--;
      n--;
    }
    return trace.length - 1 - m;
  }

  private static String headline(Throwable t) {
    String message = message(t);
    return message == null ? type(t) : type(t) + ": " + message;
  }

  /**
   * A throwable as copied at the call: immutable, so any thread may render it.
   *
   * <p>Thread-safety: immutable.
   */
  public static final class Snapshot {
    final String headline;
    final StackTraceElement[] frames;
    final int omittedFrames;
    final Snapshot cause;
    final Snapshot[] suppressed;
    final boolean circular;

    Snapshot(
        String headline,
        StackTraceElement[] frames,
        int omittedFrames,
        Snapshot cause,
        Snapshot[] suppressed,
        boolean circular) {
      this.headline = headline;
      this.frames = frames;
      this.omittedFrames = omittedFrames;
      this.cause = cause;
      this.suppressed = suppressed;
      this.circular = circular;
    }
  }

  /** A rendered stack trace and whether it hit the limit. */
  public static final class Rendered {
    private final String text;
    private final boolean truncated;

    Rendered(String text, boolean truncated) {
      this.text = text;
      this.truncated = truncated;
    }

    public String text() {
      return text;
    }

    public boolean truncated() {
      return truncated;
    }
  }

  /** A string builder that refuses to grow beyond a limit and remembers that it refused. */
  private static final class BoundedText {
    private final StringBuilder text = new StringBuilder(256);
    private final int max;
    private boolean truncated;

    BoundedText(int max) {
      this.max = max;
    }

    void line(String line) {
      if (full()) {
        truncated = true;
        return;
      }
      int room = max - text.length();
      if (line.length() + 1 > room) {
        text.append(line, 0, Math.max(0, room));
        truncated = true;
      } else {
        text.append(line).append('\n');
      }
    }

    boolean full() {
      return text.length() >= max;
    }

    boolean truncated() {
      return truncated;
    }

    String text() {
      return text.toString();
    }
  }
}
