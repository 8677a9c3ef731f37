package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.impl.InstrumentationUtil;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OriginFilterTest {
  private final OriginFilter filter =
      new OriginFilter(List.of("io.opentelemetry", "dev.logbridge"));

  @Test
  void excludesPrefixesAtNameBoundariesOnly() {
    assertThat(filter.isExcludedName("io.opentelemetry")).isTrue();
    assertThat(filter.isExcludedName("io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor"))
        .isTrue();
    assertThat(filter.isExcludedName("dev.logbridge$Inner")).isTrue();
    assertThat(filter.isExcludedName("io.opentelemetryfoo")).isFalse();
    assertThat(filter.isExcludedName("com.example.Service")).isFalse();
  }

  @Test
  void suppressedContextIsSelfOrigin() {
    AtomicBoolean suppressed = new AtomicBoolean();
    InstrumentationUtil.suppressInstrumentation(
        () -> suppressed.set(selfOrigin("com.example", Context.current())));

    assertThat(suppressed).isTrue();
    assertThat(selfOrigin("com.example", Context.current())).isFalse();
  }

  @Test
  void logbridgeThreadsAreSelfOrigin() throws InterruptedException {
    AtomicBoolean onOurThread = new AtomicBoolean();
    Thread thread =
        new LogBridgeThread(
            () -> onOurThread.set(selfOrigin("com.example", Context.root())), "test");
    thread.start();
    thread.join(10_000);

    assertThat(onOurThread).isTrue();
  }

  @Test
  void theSdksWorkerThreadsAreSelfOrigin() throws InterruptedException {
    AtomicBoolean onSdkWorker = new AtomicBoolean();
    Thread worker =
        new Thread(
            () -> onSdkWorker.set(selfOrigin("com.example.AuditingExporter", Context.root())),
            "BatchLogRecordProcessor_WorkerThread-1");
    worker.start();
    worker.join(10_000);

    assertThat(onSdkWorker).isTrue();
    assertThat(OriginFilter.isSdkThreadName("http-nio-8080-exec-1")).isFalse();
  }

  /** Asks the filter about a record logged on the current thread. */
  private boolean selfOrigin(String loggerName, Context context) {
    return filter.isSelfOrigin(loggerName, context, CallerState.current());
  }
}
