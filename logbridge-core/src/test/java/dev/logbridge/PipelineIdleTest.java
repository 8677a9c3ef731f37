package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class PipelineIdleTest {

  @Test
  void anIdlePipelineThreadBurnsAlmostNoCpu() {
    Bridge bridge = Bridge.start(BridgeSettings.builder().shutdownHookEnabled(false).build());
    bridge.install(OpenTelemetry.noop());
    try {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long pipelineId = findPipelineThread(threads);
      long cpuBefore = threads.getThreadCpuTime(pipelineId);
      long wallStart = System.nanoTime();
      // Observe the idle thread for one second; this waits for time to pass, not for an event.
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      long wall = System.nanoTime() - wallStart;
      long cpu = threads.getThreadCpuTime(pipelineId) - cpuBefore;

      assertThat(cpu).as("pipeline CPU ns over %d ns idle", wall).isLessThan(wall / 20);
    } finally {
      bridge.shutdown(Duration.ofSeconds(5));
    }
  }

  private static long findPipelineThread(ThreadMXBean threads) {
    for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
      if (info.getThreadName().equals("logbridge-pipeline")) {
        return info.getThreadId();
      }
    }
    throw new AssertionError("no logbridge-pipeline thread");
  }
}
