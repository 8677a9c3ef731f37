package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A 10,000-thread dump with every finding kind in it is read and diagnosed in well under a second. */
@ExtendWith(DumpThreadsOnTimeout.class)
class LargeDumpTest {
    private static final int THREADS = 10_000;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void tenThousandThreadsAreParsedAndAnalysedInUnderASecond() {
        String text = bigDump();
        Diagnosis warm = analyse(text); // the first run pays for class loading and the JIT

        // CPU time of this thread, not wall time: the build machine is shared, and other processes' load stretches
        // wall time without saying anything about the doctor's own cost.
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long bestWall = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            analyse(text);
            bestWall = Math.min(bestWall, System.nanoTime() - wall);
            best = Math.min(best, mx.getCurrentThreadCpuTime() - cpu);
        }

        System.out.printf("10,000-thread dump: parse + analyse best of 3 = %d ms CPU, %d ms wall%n", best / 1_000_000,
                bestWall / 1_000_000);
        assertThat(warm.threadCount()).isEqualTo(THREADS);
        assertThat(warm.verdict()).isEqualTo(Verdict.DEADLOCK);
        assertThat(warm.findings()).extracting(Finding::kind)
                .contains(Finding.Kind.DEADLOCK, Finding.Kind.HOT_LOCK, Finding.Kind.WAIT_CHAIN);
        assertThat(best).as("CPU nanoseconds for one parse + analysis").isLessThan(TimeUnit.SECONDS.toNanos(1));
    }

    private static Diagnosis analyse(String text) {
        return Analyzer.defaults().analyze(ThreadDumpParser.autoDetect().parse(text));
    }

    private static String bigDump() {
        StringBuilder sb = new StringBuilder("Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode):\n\n");
        int n = 0;
        // A cycle, a hot lock with 500 waiters, a chain to an untimed wait; the rest idle pool workers.
        thread(sb, n++, "cycle-a", "BLOCKED (on object monitor)", "- waiting to lock <0x0b> (a com.example.B)",
                "- locked <0x0a> (a com.example.A)");
        thread(sb, n++, "cycle-b", "BLOCKED (on object monitor)", "- waiting to lock <0x0a> (a com.example.A)",
                "- locked <0x0b> (a com.example.B)");
        thread(sb, n++, "hot-owner", "RUNNABLE", "- locked <0x0c> (a com.example.Sink)");
        for (int i = 0; i < 500; i++) {
            thread(sb, n++, "hot-waiter-" + i, "BLOCKED (on object monitor)",
                    "- waiting to lock <0x0c> (a com.example.Sink)");
        }
        thread(sb, n++, "chain-root", "WAITING (parking)",
                "- parking to wait for  <0x0e> (a java.util.concurrent.CountDownLatch$Sync)",
                "- locked <0x0d> (a com.example.Registry)");
        thread(sb, n++, "chain-waiter", "BLOCKED (on object monitor)", "- waiting to lock <0x0d> (a com.example.Registry)");
        while (n < THREADS) {
            sb.append('"').append("pool-1-thread-").append(n).append("\" #").append(n + 10)
                    .append(" daemon prio=5 os_prio=0 cpu=0.10ms elapsed=9.00s tid=0x1 nid=0x2 waiting on condition  [0x3]\n")
                    .append("   java.lang.Thread.State: WAITING (parking)\n")
                    .append("\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)\n")
                    .append("\t- parking to wait for  <0x0f> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)\n")
                    .append("\tat java.util.concurrent.locks.LockSupport.park(java.base@17.0.15/LockSupport.java:341)\n")
                    .append("\tat java.util.concurrent.LinkedBlockingQueue.take(java.base@17.0.15/LinkedBlockingQueue.java:435)\n")
                    .append("\tat java.util.concurrent.ThreadPoolExecutor.getTask(java.base@17.0.15/ThreadPoolExecutor.java:1062)\n")
                    .append("\tat java.util.concurrent.ThreadPoolExecutor.runWorker(java.base@17.0.15/ThreadPoolExecutor.java:1122)\n")
                    .append("\tat java.util.concurrent.ThreadPoolExecutor$Worker.run(java.base@17.0.15/ThreadPoolExecutor.java:635)\n")
                    .append("\tat java.lang.Thread.run(java.base@17.0.15/Thread.java:840)\n\n")
                    .append("   Locked ownable synchronizers:\n\t- None\n\n");
            n++;
        }
        return sb.append("JNI global refs: 10, weak refs: 0\n").toString();
    }

    private static void thread(StringBuilder sb, int n, String name, String state, String... locks) {
        sb.append('"').append(name).append("\" #").append(n + 10)
                .append(" prio=5 os_prio=0 cpu=1.00ms elapsed=9.00s tid=0x1 nid=0x2 x  [0x3]\n")
                .append("   java.lang.Thread.State: ").append(state).append('\n')
                .append("\tat com.example.Work.step").append(n % 7).append("(Work.java:").append(n % 97).append(")\n");
        for (String l : locks) {
            sb.append('\t').append(l).append('\n');
        }
        sb.append("\tat com.example.Work.run(Work.java:1)\n\n   Locked ownable synchronizers:\n\t- None\n\n");
    }
}
