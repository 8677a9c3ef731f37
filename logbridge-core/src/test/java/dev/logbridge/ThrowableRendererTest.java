package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrowableRendererTest {

  @Test
  void rendersTypeMessageFramesAndCauses() {
    Exception cause = new IllegalArgumentException("inner");
    Exception outer = new IllegalStateException("outer", cause);
    outer.addSuppressed(new RuntimeException("suppressed"));

    ThrowableRenderer.Rendered trace = ThrowableRenderer.stackTrace(outer, 100_000);

    assertThat(ThrowableRenderer.type(outer)).isEqualTo("java.lang.IllegalStateException");
    assertThat(ThrowableRenderer.message(outer)).isEqualTo("outer");
    assertThat(trace.truncated()).isFalse();
    assertThat(trace.text())
        .startsWith("java.lang.IllegalStateException: outer\n\tat ")
        .contains("\tSuppressed: java.lang.RuntimeException: suppressed")
        .contains("Caused by: java.lang.IllegalArgumentException: inner")
        .contains("ThrowableRendererTest.rendersTypeMessageFramesAndCauses")
        .contains("... ");
  }

  @Test
  void causeCyclesEndInACircularReferenceMarker() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);

    String text = ThrowableRenderer.stackTrace(a, 100_000).text();

    assertThat(text).contains("[CIRCULAR REFERENCE: java.lang.Exception: a]");
  }

  @Test
  void longTracesStopAtTheLimit() {
    Exception deep = deepException(500);

    ThrowableRenderer.Rendered trace = ThrowableRenderer.stackTrace(deep, 1000);

    assertThat(trace.truncated()).isTrue();
    assertThat(trace.text().length()).isLessThanOrEqualTo(1000);
  }

  @Test
  void throwingGetMessageIsContained() {
    Exception hostile =
        new Exception() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("no message");
          }
        };

    assertThat(ThrowableRenderer.message(hostile))
        .isEqualTo("<toString() threw java.lang.IllegalStateException: no message>");
    assertThat(ThrowableRenderer.stackTrace(hostile, 10_000).text())
        .contains("IllegalStateException: no message");
  }

  @Test
  void aSnapshotIsUnaffectedByChangesToTheThrowableAfterTheCall() {
    Exception failure = new IllegalStateException("at the call");
    ThrowableRenderer.Snapshot snapshot = ThrowableRenderer.snapshot(failure, 1000);

    failure.addSuppressed(new RuntimeException("added later"));
    failure.initCause(new RuntimeException("cause added later"));
    String text = ThrowableRenderer.render(snapshot, 100_000).text();

    assertThat(text)
        .startsWith("java.lang.IllegalStateException: at the call")
        .doesNotContain("added later");
  }

  @Test
  void framesBeyondTheLimitAreOmittedAndSaidSo() {
    Exception deep = deepException(100);

    String text = ThrowableRenderer.render(ThrowableRenderer.snapshot(deep, 16), 100_000).text();

    assertThat(text.lines().filter(l -> l.startsWith("\tat "))).hasSize(16);
    assertThat(text).contains("frames omitted");
  }

  private static Exception deepException(int depth) {
    if (depth == 0) {
      return new Exception("bottom");
    }
    return deepException(depth - 1);
  }
}
