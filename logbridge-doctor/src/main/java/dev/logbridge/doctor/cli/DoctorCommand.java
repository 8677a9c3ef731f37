package dev.logbridge.doctor.cli;

import dev.logbridge.doctor.Verdict;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code doctor} command line: reads thread dumps (or takes them from a live process) and prints a verdict,
 * with an exit code per verdict so that scripts and CI can act on it.
 *
 * <p>Exit codes: 0 healthy, 2 deadlock, 3 stall or hot lock, 4 cannot tell, 64 bad input or usage.
 *
 * <p>Each invocation builds its own objects; {@link #run} is safe to call from several threads.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, version = "logbridge doctor",
        description = "Diagnoses JVM hangs from thread dumps: deadlocks (also mixed virtual/platform and self-waits),"
                + " hot locks, owner-less waits, stalls inside logging.",
        subcommands = {AnalyzeCommand.class, PidCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:healthy: no thread waits in a way that looks stuck",
            "2:deadlock: a cycle of threads, or a thread waiting for itself",
            "3:stall: a hot lock or an owner-less wait that blocks several threads",
            "4:cannot tell: the dump lacks the evidence (e.g. taken without -l)",
            "64:bad input or usage"})
public final class DoctorCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM with the verdict's exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /**
     * Runs the command line with the given output streams and returns the exit code instead of exiting.
     *
     * @return 0, 2, 3 or 4 per verdict; 64 for bad input or usage; 0 for {@code --help}
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new DoctorCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, ignored) -> {
            err.println("doctor: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return Verdict.BAD_INPUT_EXIT_CODE;
        });
        cl.setExecutionExceptionHandler((ex, command, ignored) -> {
            err.println("doctor: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return Verdict.BAD_INPUT_EXIT_CODE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        // "doctor" alone: show usage, which is not a verdict.
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: analyze or pid");
    }
}
