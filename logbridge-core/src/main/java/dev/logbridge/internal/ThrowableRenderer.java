package dev.logbridge.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Renders a {@link Throwable} into the {@code exception.type}, {@code exception.message} and
 * {@code exception.stacktrace} values, bounded in length and safe against hostile throwables.
 *
 * <p>Runs on the caller's thread: a throwable is mutable and its {@code getMessage()} and {@code
 * toString()} are user code, so the pipeline thread must only see the rendered strings. The stack
 * trace follows the JDK's {@code printStackTrace} layout (causes and suppressed exceptions, with
 * frames in common with the enclosing trace elided) and stops as soon as the limit is reached,
 * so a deep trace costs no more than the limit. Cause cycles end in {@code [CIRCULAR REFERENCE]}.
 *
 * <p>Thread-safety: stateless.
 */
public final class ThrowableRenderer {
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
   * Renders the stack trace, stopping after {@code maxLength} chars.
   *
   * @return the trace and whether it was truncated
   */
  public static Rendered stackTrace(Throwable t, int maxLength) {
    BoundedText out = new BoundedText(maxLength);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    try {
      renderOne(t, out, "", "", null, seen);
    } catch (Throwable failure) {
      out.line(ValueCoercer.placeholder(failure));
    }
    return new Rendered(out.text(), out.truncated());
  }

  private static void renderOne(
      Throwable t,
      BoundedText out,
      String caption,
      String indent,
      StackTraceElement[] enclosing,
      Set<Throwable> seen) {
    if (out.full()) {
      return;
    }
    if (!seen.add(t)) {
      out.line(indent + caption + "[CIRCULAR REFERENCE: " + headline(t) + "]");
      return;
    }
    out.line(indent + caption + headline(t));
    StackTraceElement[] trace = t.getStackTrace();
    int inCommon = enclosing == null ? 0 : framesInCommon(trace, enclosing);
    for (int i = 0; i < trace.length - inCommon && !out.full(); i++) {
      out.line(indent + "\tat " + trace[i]);
    }
    if (inCommon > 0) {
      out.line(indent + "\t... " + inCommon + " more");
    }
    for (Throwable suppressed : t.getSuppressed()) {
      renderOne(suppressed, out, "Suppressed: ", indent + "\t", trace, seen);
    }
    Throwable cause = t.getCause();
    if (cause != null) {
      renderOne(cause, out, "Caused by: ", indent, trace, seen);
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
