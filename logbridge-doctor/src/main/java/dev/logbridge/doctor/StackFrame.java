package dev.logbridge.doctor;

import java.util.Objects;

/**
 * One frame of a thread's stack: class, method and source location, with any module prefix removed so that
 * frames from HotSpot text and JSON dumps compare equal.
 *
 * <p>Immutable and thread-safe.
 */
public final class StackFrame {
  private final String className;
  private final String methodName;
  private final String location;
  // Caches of derived values. A dump of 10,000 threads shares a few hundred frame objects (see
  // StackInterner),
  // so each is computed once per distinct frame. Racy single-check: every thread computes the same
  // value, and
  // Strings are safely published through their final fields.
  private int hash;
  private String shortName;
  private String groupingKey;

  StackFrame(String className, String methodName, String location) {
    this.className = Objects.requireNonNull(className, "className");
    this.methodName = Objects.requireNonNull(methodName, "methodName");
    this.location = location == null ? "" : location;
  }

  /**
   * Parses {@code StackTraceElement.toString()} text and HotSpot frame text, for example
   * {@code java.base/java.lang.Object.wait(Object.java:389)} or
   * {@code java.lang.Object.wait(java.base@17.0.15/Native Method)}.
   */
  static StackFrame parse(String text) {
    String t = text.strip();
    int paren = t.indexOf('(');
    String qualified = paren >= 0 ? t.substring(0, paren) : t;
    String location = paren >= 0 && t.endsWith(")") ? t.substring(paren + 1, t.length() - 1) : "";
    int slash = qualified.indexOf('/');
    // JSON frames carry "module/" or "loader//" prefixes; the method part never contains a slash
    // except inside hidden-class names such as Foo$$Lambda/0x..., which come after the last dot.
    int lastDot = qualified.lastIndexOf('.');
    if (slash >= 0 && slash < lastDot && !qualified.substring(0, slash).contains("$$Lambda")) {
      qualified = qualified.substring(qualified.lastIndexOf('/', lastDot) + 1);
      lastDot = qualified.lastIndexOf('.');
    }
    int locSlash = location.lastIndexOf('/');
    if (locSlash >= 0) {
      location = location.substring(locSlash + 1);
    }
    if (lastDot <= 0) {
      return new StackFrame(qualified, "", location);
    }
    return new StackFrame(
        qualified.substring(0, lastDot), qualified.substring(lastDot + 1), location);
  }

  /** Creates a frame from a live stack element. */
  static StackFrame of(StackTraceElement element) {
    String location =
        element.isNativeMethod()
            ? "Native Method"
            : element.getFileName() == null
                ? "Unknown Source"
                : element.getLineNumber() >= 0
                    ? element.getFileName() + ":" + element.getLineNumber()
                    : element.getFileName();
    return new StackFrame(element.getClassName(), element.getMethodName(), location);
  }

  /** The fully qualified class name. */
  public String className() {
    return className;
  }

  /** The method name. */
  public String methodName() {
    return methodName;
  }

  /** The source location, for example {@code Socket.java:1035} or {@code Native Method}. */
  public String location() {
    return location;
  }

  /** {@code SimpleClass.method}, the short form used in verdicts. */
  public String shortName() {
    String s = shortName;
    if (s == null) {
      s = className.substring(className.lastIndexOf('.') + 1) + "." + methodName;
      shortName = s;
    }
    return s;
  }

  /**
   * The key used to decide whether two stacks are identical: hidden-class suffixes such as
   * {@code $$Lambda$12/0x...} differ between runs and between threads, so they are dropped.
   */
  String groupingKey() {
    String k = groupingKey;
    if (k == null) {
      int lambda = className.indexOf("$$Lambda");
      String cls = lambda >= 0 ? className.substring(0, lambda + "$$Lambda".length()) : className;
      k = cls + "." + methodName + (lambda >= 0 ? "" : "(" + location + ")");
      groupingKey = k;
    }
    return k;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StackFrame)) {
      return false;
    }
    StackFrame f = (StackFrame) o;
    return f == this
        || f.className.equals(className)
            && f.methodName.equals(methodName)
            && f.location.equals(location);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = (className.hashCode() * 31 + methodName.hashCode()) * 31 + location.hashCode();
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return className + "." + methodName + "(" + location + ")";
  }
}
