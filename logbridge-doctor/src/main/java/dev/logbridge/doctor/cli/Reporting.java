package dev.logbridge.doctor.cli;

import dev.logbridge.doctor.Analyzer;
import dev.logbridge.doctor.Diagnosis;
import picocli.CommandLine.Option;

/**
 * The options every doctor subcommand shares (report format and thresholds) and the code that prints a
 * diagnosis; a picocli mixin.
 *
 * <p>Not thread-safe; picocli fills one instance per invocation.
 */
final class Reporting {
    @Option(names = "--json", description = "Print the report as JSON instead of text.")
    boolean json;

    @Option(names = "--min-waiters", defaultValue = "3", paramLabel = "N",
            description = "Threads waiting on one lock before it counts as a stall (default: ${DEFAULT-VALUE}).")
    int minWaiters;

    Analyzer analyzer() {
        return Analyzer.withMinWaiters(minWaiters);
    }

    int print(Diagnosis diagnosis, java.io.PrintWriter out) {
        out.println(json ? diagnosis.toJson() : diagnosis.toText());
        out.flush();
        return diagnosis.verdict().exitCode();
    }
}
