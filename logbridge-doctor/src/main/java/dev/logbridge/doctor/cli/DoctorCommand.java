package dev.logbridge.doctor.cli;

import dev.logbridge.doctor.Analyzer;
import dev.logbridge.doctor.Diagnosis;
import dev.logbridge.doctor.ThreadDump;
import dev.logbridge.doctor.ThreadDumpParser;
import dev.logbridge.doctor.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code doctor} command line: reads thread dumps (or takes them from a live process) and prints a verdict,
 * with an exit code per verdict so that scripts and CI can act on it.
 *
 * <p>Exit codes: 0 healthy, 2 deadlock, 3 stall or hot lock, 4 cannot tell, 64 bad input or usage.
 *
 * <p>The arguments are read by hand rather than by an annotation-driven library: a cold run on a 10,000-thread
 * dump must stay under a second, and building a reflective command model cost a fifth of that before the dump
 * was even opened.
 *
 * <p>Each invocation builds its own objects; {@link #run} is safe to call from several threads.
 */
public final class DoctorCommand {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: doctor [-hV] [COMMAND]",
          "Diagnoses JVM hangs from thread dumps: deadlocks (also mixed virtual/platform",
          "and self-waits), hot locks, owner-less waits, stalls inside logging.",
          "  -h, --help      Show this help message and exit.",
          "  -V, --version   Print version information and exit.",
          "Commands:",
          "  analyze  Analyse a thread dump (jstack / jcmd Thread.print text, or Thread.",
          "             dump_to_file JSON). Give two files taken a few seconds apart to",
          "             tell stuck threads from slow ones.",
          "  pid      Take two dumps of a running JVM with jcmd and analyse them together.",
          "  help     Display help information about the specified command.",
          "",
          "Exit codes:",
          "  0    healthy: no thread waits in a way that looks stuck",
          "  2    deadlock: a cycle of threads, or a thread waiting for itself",
          "  3    stall: a hot lock or an owner-less wait that blocks several threads",
          "  4    cannot tell: the dump lacks the evidence (e.g. taken without -l)",
          "  64   bad input or usage");
  static final String ANALYZE_USAGE =
      String.join(
          "\n",
          "Usage: doctor analyze [-hV] [--json] [--min-waiters=N] FILE...",
          "Analyse a thread dump (jstack / jcmd Thread.print text, Thread.dump_to_file",
          "JSON, Spring Boot /actuator/threaddump JSON or an OpenJ9 javacore; detected",
          "automatically). Give two files taken a few seconds apart to tell stuck threads",
          "from slow ones.",
          "      FILE...           A dump file, or - for standard input.",
          "  -h, --help            Show this help message and exit.",
          "      --json            Print the report as JSON instead of text.",
          "      --min-waiters=N   Threads waiting on one lock before it counts as a stall",
          "                          (default: 3).",
          "  -V, --version         Print version information and exit.");
  static final String PID_USAGE =
      String.join(
          "\n",
          "Usage: doctor pid [-hV] [--json] [--no-locks] [--interval=<interval>]",
          "                  [--jcmd=PATH] [--min-waiters=N] PID",
          "Take two dumps of a running JVM with jcmd and analyse them together.",
          "      PID               The process id of the JVM to diagnose.",
          "  -h, --help            Show this help message and exit.",
          "      --interval=<interval>",
          "                        Time between the two dumps, e.g. 500ms, 2s, 1m",
          "                          (default: 2s).",
          "      --jcmd=PATH       The jcmd executable (default: this JVM's).",
          "      --json            Print the report as JSON instead of text.",
          "      --min-waiters=N   Threads waiting on one lock before it counts as a stall",
          "                          (default: 3).",
          "      --no-locks        Use Thread.print without -l (no heap walk in the",
          "                          target).",
          "  -V, --version         Print version information and exit.");
  private static final String VERSION = "logbridge doctor";

  private DoctorCommand() {}

  /** Runs the command line and exits the JVM with the verdict's exit code. */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(out, err, args));
  }

  /**
   * Runs the command line with the given output streams and returns the exit code instead of exiting.
   *
   * @return 0, 2, 3 or 4 per verdict; 64 for bad input or usage; 0 for {@code --help}
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    String usage = USAGE;
    try {
      if (args.length == 0) {
        throw new UsageException("missing command: analyze or pid");
      }
      switch (args[0]) {
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        case "-V", "--version" -> {
          out.println(VERSION);
          return 0;
        }
        case "help" -> {
          out.println(
              args.length > 1 && args[1].equals("analyze")
                  ? ANALYZE_USAGE
                  : args.length > 1 && args[1].equals("pid") ? PID_USAGE : USAGE);
          return 0;
        }
        case "analyze" -> {
          usage = ANALYZE_USAGE;
          return analyze(new Arguments(args, "--json", "--min-waiters"), out);
        }
        case "pid" -> {
          usage = PID_USAGE;
          return pid(
              new Arguments(args, "--json", "--min-waiters", "--interval", "--no-locks", "--jcmd"),
              out);
        }
        default -> throw new UsageException("Unmatched argument at index 0: '" + args[0] + "'");
      }
    } catch (HelpRequested help) {
      out.println(help.getMessage() == null ? usage : VERSION);
      return 0;
    } catch (UsageException e) {
      err.println("doctor: " + e.getMessage());
      err.println(usage);
      return Verdict.BAD_INPUT_EXIT_CODE;
    } catch (Exception e) {
      err.println("doctor: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return Verdict.BAD_INPUT_EXIT_CODE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int analyze(Arguments a, PrintWriter out) throws IOException {
    List<String> files = a.positional();
    if (files.isEmpty()) {
      throw new UsageException("Missing required parameter: 'FILE'");
    }
    if (files.size() > 2) {
      throw new UsageException(
          "Unmatched argument: '" + files.get(2) + "' (give one dump, or two of one process)");
    }
    Analyzer analyzer = analyzer(a);
    ThreadDump first = read(files.get(0));
    Diagnosis diagnosis =
        files.size() == 1 ? analyzer.analyze(first) : analyzer.analyze(first, read(files.get(1)));
    return print(diagnosis, a.has("--json"), out);
  }

  private static int pid(Arguments a, PrintWriter out) throws IOException, InterruptedException {
    List<String> positional = a.positional();
    if (positional.isEmpty()) {
      throw new UsageException("Missing required parameter: 'PID'");
    }
    if (positional.size() > 1) {
      throw new UsageException("Unmatched argument: '" + positional.get(1) + "'");
    }
    long pid;
    try {
      pid = Long.parseLong(positional.get(0));
    } catch (NumberFormatException e) {
      throw new UsageException(
          "Invalid value for positional parameter 'PID': '"
              + positional.get(0)
              + "' is not a process id");
    }
    Duration interval = PidCommand.interval(a.value("--interval", "2s"));
    Analyzer analyzer = analyzer(a);
    Diagnosis diagnosis =
        new PidCommand(pid, interval, a.has("--no-locks"), a.value("--jcmd", null))
            .diagnose(analyzer);
    return print(diagnosis, a.has("--json"), out);
  }

  private static Analyzer analyzer(Arguments a) {
    String value = a.value("--min-waiters", "3");
    try {
      return Analyzer.withMinWaiters(Integer.parseInt(value));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "Invalid value for option '--min-waiters': '"
              + value
              + "' is not a number of threads (at least 1)");
    }
  }

  private static int print(Diagnosis diagnosis, boolean json, PrintWriter out) {
    out.println(json ? diagnosis.toJson() : diagnosis.toText());
    out.flush();
    return diagnosis.verdict().exitCode();
  }

  private static ThreadDump read(String file) throws IOException {
    String text;
    if (file.equals("-")) {
      text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    } else {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new IOException("no such file: " + file);
      }
      text = Files.readString(path, StandardCharsets.UTF_8);
    }
    if (text.isBlank()) {
      throw new IOException("empty input: " + file);
    }
    return ThreadDumpParser.autoDetect().parse(text);
  }

  /** A subcommand's arguments: options as {@code --name value} or {@code --name=value}, flags, positionals. */
  private static final class Arguments {
    private static final List<String> FLAGS = List.of("--json", "--no-locks");
    private final List<String> positional = new ArrayList<>();
    private final java.util.Map<String, String> options = new java.util.HashMap<>();

    Arguments(String[] args, String... known) {
      List<String> allowed = List.of(known);
      boolean onlyPositional = false;
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        if (onlyPositional || !arg.startsWith("-") || arg.equals("-")) {
          positional.add(arg);
          continue;
        }
        if (arg.equals("--")) {
          onlyPositional = true;
          continue;
        }
        if (arg.equals("-h") || arg.equals("--help")) {
          throw new HelpRequested(null);
        }
        if (arg.equals("-V") || arg.equals("--version")) {
          throw new HelpRequested(VERSION);
        }
        int eq = arg.indexOf('=');
        String name = eq > 0 ? arg.substring(0, eq) : arg;
        if (!allowed.contains(name)) {
          throw new UsageException("Unknown option: '" + arg + "'");
        }
        if (FLAGS.contains(name)) {
          if (eq > 0) {
            throw new UsageException("Option '" + name + "' takes no value");
          }
          options.put(name, "true");
        } else if (eq > 0) {
          options.put(name, arg.substring(eq + 1));
        } else if (i + 1 < args.length) {
          options.put(name, args[++i]);
        } else {
          throw new UsageException("Missing required parameter for option '" + name + "'");
        }
      }
    }

    List<String> positional() {
      return positional;
    }

    boolean has(String flag) {
      return options.containsKey(flag);
    }

    String value(String option, String otherwise) {
      return options.getOrDefault(option, otherwise);
    }
  }

  /** Bad usage: reported with the usage text and exit code 64. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /** {@code --help} or {@code --version} inside a subcommand: message {@code null} for help, else the version. */
  private static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested(String version) {
      super(version, null, false, false);
    }
  }
}
