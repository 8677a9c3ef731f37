package dev.logbridge.doctor.cli;

import dev.logbridge.doctor.ThreadDump;
import dev.logbridge.doctor.ThreadDumpParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doctor pid PID [--interval 2s]}: takes two dumps of a live JVM with {@code jcmd PID Thread.print -l}
 * a short interval apart and diagnoses them together.
 *
 * <p>{@code -l} makes the target walk its heap at a safepoint (tens to hundreds of milliseconds on big heaps);
 * {@code --no-locks} avoids that, at the price of "cannot tell" answers about j.u.c lock owners.
 *
 * <p>Not thread-safe; picocli creates one instance per invocation.
 */
@Command(name = "pid", mixinStandardHelpOptions = true,
        description = "Take two dumps of a running JVM with jcmd and analyse them together.")
final class PidCommand implements Callable<Integer> {
    private static final long JCMD_TIMEOUT_SECONDS = 60;

    @Parameters(index = "0", paramLabel = "PID", description = "The process id of the JVM to diagnose.")
    long pid;

    @Option(names = "--interval", defaultValue = "2s", converter = DurationConverter.class,
            description = "Time between the two dumps, e.g. 500ms, 2s, 1m (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--no-locks", description = "Use Thread.print without -l (no heap walk in the target).")
    boolean noLocks;

    @Option(names = "--jcmd", paramLabel = "PATH", description = "The jcmd executable (default: this JVM's).")
    String jcmd;

    @Mixin
    Reporting reporting;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ThreadDump first = dump();
        // The interval is the measurement itself, not a synchronisation: two samples a known time apart.
        Thread.sleep(interval.toMillis());
        ThreadDump second = dump();
        return reporting.print(reporting.analyzer().analyze(first, second), spec.commandLine().getOut());
    }

    private ThreadDump dump() throws IOException, InterruptedException {
        String executable = jcmd != null ? jcmd : defaultJcmd();
        List<String> command = noLocks ? List.of(executable, Long.toString(pid), "Thread.print")
                : List.of(executable, Long.toString(pid), "Thread.print", "-l");
        Path output = Files.createTempFile("doctor-dump", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("jcmd did not answer within " + JCMD_TIMEOUT_SECONDS + " s for pid " + pid);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("jcmd failed for pid " + pid + ": " + text.strip());
            }
            return ThreadDumpParser.hotSpotText().parse(text);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    private static String defaultJcmd() {
        Path candidate = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(candidate) ? candidate.toString() : "jcmd";
    }

    /** Converts {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601 text to a positive duration. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(java.util.Locale.ROOT);
            Duration d;
            try {
                if (v.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                } else if (v.endsWith("s")) {
                    d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
                } else if (v.endsWith("m")) {
                    d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
                } else {
                    d = Duration.parse(value);
                }
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 500ms or 2s");
            }
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new CommandLine.TypeConversionException("interval must be between 1ms and 10m, was " + value);
            }
            return d;
        }
    }
}
