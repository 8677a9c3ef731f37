package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HotSpot thread-dump text ({@code jstack}, {@code jcmd <pid> Thread.print}, SIGQUIT output) from JDK 8 to
 * 25, with or without {@code -l}, including carriers with mounted virtual threads and the JVM's deadlock section;
 * the plain-text form of {@code jcmd <pid> Thread.dump_to_file} (JDK 21+, identity strings instead of addresses,
 * JDK 21 without states or locks); {@code jstack -F} and {@code jhsdb jstack} output; and the JVM's deadlock
 * report pasted on its own.
 *
 * <p>Pastes are rarely clean, so every pattern is found anywhere in a line rather than at its start: Markdown
 * indentation, {@code > } quoting and log prefixes (a timestamp before each line) are read through. What cannot
 * be read is never dropped silently: frames without a thread header become a thread named after their line, a
 * damaged header is read as far as possible, and each such repair is listed in {@link ThreadDump#unreadParts()}.
 *
 * <p>Stateless and thread-safe; each call keeps its state in a local {@link Run}.
 */
final class HotSpotTextParser implements ThreadDumpParser {
  static final HotSpotTextParser INSTANCE = new HotSpotTextParser();

  // Name is greedy up to the last quote that is followed by header keys; any log prefix before the
  // first quote
  // is skipped.
  private static final Pattern HEADER =
      Pattern.compile(
          "^[^\"]*\"(.*)\"(?: #(\\d+))?(?: \\[\\d+\\])?( daemon)?(?: (?:prio|os_prio|cpu|tid|nid)=.*)\\s*$");
  // A header whose opening quote was lost in the paste: name" #12 prio=5 ...
  private static final Pattern DAMAGED_HEADER =
      Pattern.compile(
          "^\\s*([^\"\\s][^\"]*)\"(?: #(\\d+))?(?: \\[\\d+\\])?( daemon)?(?: (?:prio|os_prio|cpu|tid|nid)=.*)\\s*$");
  // Anything else that carries the keys only a thread header has.
  private static final Pattern HEADER_KEYS =
      Pattern.compile("\\bprio=\\d+.*\\btid=0x|\\btid=0x\\S+ nid=");
  // Thread.dump_to_file plain text: #<tid> "<name>" [virtual] [STATE <instant>]
  private static final Pattern PLAIN_HEADER =
      Pattern.compile("^#(\\d+) \"(.*)\"( virtual)?(?: ([A-Z_]+))?(?: \\S+)?\\s*$");
  private static final Pattern PLAIN_VERSION = Pattern.compile("^\\d+[.+\\-0-9A-Za-z]*$");
  // jstack -F (JDK 8): Thread 24: (state = BLOCKED)
  private static final Pattern SA_HEADER =
      Pattern.compile("\\bThread (\\d+): \\(state = ([A-Z_]+)\\)");
  private static final Pattern SA_VERSION = Pattern.compile("\\bJVM version is (\\S+)");
  // jstack -F / jhsdb frames: - com.example.Foo.bar(java.lang.Object) @bci=12, line=34 (Interpreted
  // frame)
  private static final Pattern SA_FRAME =
      Pattern.compile("(?:^|\\s)- ([\\w$.<>/]+)\\([^)]*\\) @bci=-?\\d+(?:, line=(-?\\d+))?");
  private static final Pattern STATE =
      Pattern.compile("\\bjava\\.lang\\.Thread\\.State: ([A-Z_]+)");
  private static final Pattern CARRYING = Pattern.compile("\\bCarrying virtual thread #(\\d+)");
  private static final Pattern MOUNTED = Pattern.compile("\\bMounted virtual thread #(\\d+)");
  private static final Pattern FRAME =
      Pattern.compile("(?:^|\\s)at ([\\w$.<>/@\\-]+\\(.*\\))\\s*$");
  private static final Pattern ANNOTATION = Pattern.compile("(?:^|\\s)[-*] +(.+)$");
  private static final Pattern LOCK = Pattern.compile("<([^>]+)>(?: \\(a ([^)]+)\\))?");
  private static final Pattern VERSION = Pattern.compile("Full thread dump .*\\(([^ )]+)");
  private static final Pattern DEADLOCK_WAITER = Pattern.compile("^[^\"]*\"(.*)\":\\s*$");
  // Markdown sometimes eats the quotes: pool-23-thread-643:
  private static final Pattern DEADLOCK_WAITER_UNQUOTED =
      Pattern.compile("^[\\s`*>]*([^\\s\"`*][^\"]*?)\\**:\\s*$");
  private static final Pattern DEADLOCK_OWNER = Pattern.compile("which is held by \"(.*)\"");
  private static final Pattern DEADLOCK_OWNER_UNQUOTED =
      Pattern.compile("which is held by ([^\\s\"]\\S*)");
  // ThreadInfo.toString(): "name" Id=13 BLOCKED on java.lang.Object@1b2c owned by "other" Id=12
  private static final Pattern THREAD_INFO_HEADER =
      Pattern.compile(
          "^[^\"]*\"(.*)\"(?: daemon)?(?: prio=\\d+)? Id=(\\d+) ([A-Z_]+)(?: on (\\S+))?(?: owned by \"(.*)\" Id=\\d+)?");
  // Pastes whose line breaks were lost: split before each frame, lock line and state line.
  private static final Pattern FLATTENED_BREAK =
      Pattern.compile(
          "\\s+(?=at [\\w$.<>/@\\-]+\\(|- (?:waiting|locked|parking|None|<)|java\\.lang\\.Thread\\.State:|\"[^\"]+\" #\\d+ )");
  private static final Pattern THREAD_INFO_LOCK =
      Pattern.compile(
          "^(blocked on|waiting on|locked|parking to wait for) ([\\w$.]+@[0-9a-fA-F]+)");
  private static final Pattern FRAME_ANYWHERE = Pattern.compile("\\sat [\\w$.<>/@\\-]+\\([^)]*\\)");
  // waiting to lock monitor 0x.. (object 0x.., a X),   |   waiting to lock Monitor@0x..
  // (Object@0x.., a x/y/Z),
  private static final Pattern DEADLOCK_MONITOR =
      Pattern.compile(
          "waiting to lock [Mm]onitor[@ ]\\S+ \\([Oo]bject[@ ](0x[0-9a-fA-F]+), a ([^)]+)\\)");
  private static final Pattern DEADLOCK_SYNCHRONIZER =
      Pattern.compile("waiting for ownable synchronizer (0x[0-9a-fA-F]+), \\(a ([^),]+)");
  private static final Pattern DEADLOCK_FOOTER =
      Pattern.compile("\\bFound (?:a total of )?(?:\\d+|one) deadlocks?\\.");

  private HotSpotTextParser() {}

  @Override
  public ThreadDump parse(String text) {
    Run run = new Run();
    String all = unHtml(text);
    run.textNeedsNormalising =
        all.indexOf('\u00a0') >= 0
            || all.indexOf('\u2010') >= 0
            || all.indexOf('\u2011') >= 0
            || all.indexOf('\u2012') >= 0
            || all.indexOf('\u2013') >= 0
            || all.indexOf("**") >= 0;
    if (all.indexOf('\r') >= 0) {
      acceptLines(run, all, 0, all.length(), false);
      return run.finish();
    }
    // Big dumps are mostly threads whose text, after the header, is identical: idle workers of one
    // pool park
    // on the same condition in the same frames. The body of each cleanly headed thread (up to the
    // next line
    // that starts with a quote) is looked up whole; one seen before is not read again line by line,
    // its
    // state, stack and locks are copied. This keeps a cold run on 10,000 threads well under a
    // second.
    Map<String, Body> bodies = new HashMap<>();
    int start = 0;
    while (start <= all.length()) {
      int nl = all.indexOf('\n', start);
      if (nl < 0) {
        nl = all.length();
      }
      acceptLine(run, all.substring(start, nl));
      start = nl + 1;
      if (!run.takeCleanHeader() || start >= all.length()) {
        continue;
      }
      int bodyEnd = all.indexOf("\n\"", nl);
      if (bodyEnd <= nl) {
        continue; // the last thread (its text runs into the trailer), or an empty body
      }
      String body = all.substring(start, bodyEnd + 1);
      Body known = bodies.get(body);
      if (known != null) {
        run.reuse(known);
      } else {
        int complex = run.complexLines;
        DumpedThread.Builder thread = run.current;
        acceptLines(run, all, start, bodyEnd + 1, true);
        if (run.complexLines == complex && run.current == thread) {
          bodies.put(body, run.body(body));
        }
      }
      start = bodyEnd + 1;
    }
    return run.finish();
  }

  /** Reads the lines in {@code [from, to)}: \n, \r\n or \r ends a line. */
  private static void acceptLines(
      Run run, String all, int from, int to, boolean noCarriageReturns) {
    int start = from;
    while (start < to || start == all.length() && to == all.length()) {
      int nl = noCarriageReturns ? all.indexOf('\n', start) : lineEnd(all, start);
      if (nl < 0 || nl > to) {
        nl = to;
      }
      acceptLine(run, all.substring(start, nl));
      if (nl < all.length()
          && all.charAt(nl) == '\r'
          && nl + 1 < all.length()
          && all.charAt(nl + 1) == '\n') {
        nl++;
      }
      start = nl + 1;
    }
  }

  private static void acceptLine(Run run, String line) {
    for (String part : unflatten(line)) {
      run.accept(part);
    }
  }

  /** What a thread's body set, to be copied into the next thread with the identical body. */
  private static final class Body {
    final DumpedThread.Builder template;
    final int lines;
    final String lastLine;
    final boolean hasJavaInfo;
    final boolean inSynchronizers;
    final boolean synchronizerSection;
    final boolean locksSeen;

    Body(
        DumpedThread.Builder template,
        int lines,
        String lastLine,
        boolean hasJavaInfo,
        boolean inSynchronizers,
        boolean synchronizerSection,
        boolean locksSeen) {
      this.template = template;
      this.lines = lines;
      this.lastLine = lastLine;
      this.hasJavaInfo = hasJavaInfo;
      this.inSynchronizers = inSynchronizers;
      this.synchronizerSection = synchronizerSection;
      this.locksSeen = locksSeen;
    }
  }

  private static int lineEnd(String all, int start) {
    int nl = start;
    while (nl < all.length() && all.charAt(nl) != '\n' && all.charAt(nl) != '\r') {
      nl++;
    }
    return nl;
  }

  /**
   * Undoes what issue trackers migrated from HTML did to a paste: line breaks as {@code <br />} and escaped
   * angle brackets. Text without {@code <br} is returned as it is.
   */
  private static String unHtml(String text) {
    if (!text.contains("<br")) {
      return text;
    }
    return text.replaceAll("<br\\s*/?>", "\n")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  /**
   * Splits a line that holds a whole thread (or several), as pastes that lost their line breaks do, at each frame,
   * lock line and state line; other lines come back as they are.
   */
  private static String[] unflatten(String line) {
    if (line.length() < 120) {
      return new String[] {line};
    }
    int firstAt = line.indexOf(" at ");
    if (firstAt < 0 || line.indexOf(" at ", firstAt + 4) < 0) {
      return new String[] {line}; // fewer than two frames: nothing was flattened
    }
    Matcher m = FRAME_ANYWHERE.matcher(line);
    int frames = 0;
    while (m.find() && frames < 2) {
      frames++;
    }
    return frames < 2 ? new String[] {line} : FLATTENED_BREAK.split(line);
  }

  /** The state of one parse. Not thread-safe; confined to the parsing call. */
  private static final class Run {
    private final StackInterner stacks = new StackInterner();

    /** Whether any line may need normalising (see {@link #isPlain}); most dumps have no such character. */
    private boolean textNeedsNormalising = true;

    private final List<DumpedThread.Builder> threads = new ArrayList<>();
    private final List<List<String>> jvmDeadlocks = new ArrayList<>();
    private final Map<String, String> reportedOwners = new LinkedHashMap<>();

    /** Threads as the JVM's deadlock report describes them, used when the paste has no full entry for them. */
    private final Map<String, DumpedThread.Builder> deadlockThreads = new LinkedHashMap<>();

    private final List<String> unread = new ArrayList<>();
    private DumpedThread.Builder current;
    private boolean currentHasJavaInfo;
    private boolean inSynchronizers;
    private boolean sawSynchronizerSection;
    private boolean sawDumpHeader;
    private boolean ignoreRest;
    private boolean inDeadlockSection;
    private boolean inDeadlockStacks;
    private DumpedThread.Builder deadlockCurrent;
    private String deadlockWaiter;
    private List<String> deadlockCycle;
    private String version = "";
    private boolean plainFormat;
    private boolean plainStatesSeen;
    private boolean serviceAgent;
    private boolean threadInfoFormat;
    private boolean threadInfoTruncated;
    private boolean serviceAgentLocksSeen;
    private int headerlessThreads;
    private int lineNumber;
    private String previousLine;

    /** Lines that took the tolerant path; a body with none can be copied to threads with the same body. */
    private int complexLines;

    /** Whether the last line was a clean thread header in a plain HotSpot dump, read by the fast path. */
    private boolean cleanHeader;

    /** Whether the line just read was a clean thread header whose body may be copied; clears the flag. */
    boolean takeCleanHeader() {
      boolean clean = cleanHeader;
      cleanHeader = false;
      return clean && !plainFormat && !threadInfoFormat && !serviceAgent;
    }

    /** The body just read for {@link #current}, which took only the fast paths. */
    Body body(String text) {
      int lines = 0;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        lines++;
      }
      return new Body(
          current,
          lines,
          previousLine,
          currentHasJavaInfo,
          inSynchronizers,
          sawSynchronizerSection,
          serviceAgentLocksSeen);
    }

    /** Gives {@link #current} the body of an earlier thread whose text was identical. */
    void reuse(Body body) {
      current.sameBodyAs(body.template);
      currentHasJavaInfo |= body.hasJavaInfo;
      inSynchronizers = body.inSynchronizers;
      sawSynchronizerSection |= body.synchronizerSection;
      serviceAgentLocksSeen |= body.locksSeen;
      lineNumber += body.lines;
      if (body.lastLine != null) {
        previousLine = body.lastLine;
      }
    }

    void accept(String raw) {
      lineNumber++;
      if (ignoreRest) {
        return;
      }
      try {
        acceptLine(raw);
      } finally {
        previousLine = raw.isBlank() ? previousLine : raw;
      }
    }

    private void acceptLine(String raw) {
      // Fast paths for the lines most dumps are made of, in a thread being read: a clean frame, a
      // lock line,
      // the state line, a blank line. Everything else takes the tolerant path below.
      if (current != null && !inDeadlockSection && !inDeadlockStacks) {
        if (raw.startsWith("\tat ") && raw.endsWith(")")) {
          current.frame(stacks.frame(raw.substring(4)));
          currentHasJavaInfo = true;
          return;
        }
        if (raw.startsWith("\t- ") && !plainFormat) {
          acceptAnnotation(
              current, raw.substring(3).strip()); // ThreadInfo.toString() puts two spaces
          return;
        }
        if (raw.startsWith("   java.lang.Thread.State: ")) {
          Thread.State state = stateWord(raw, "   java.lang.Thread.State: ".length());
          if (state != null) {
            current.state(state);
            currentHasJavaInfo = true;
            return;
          }
        }
        if (raw.equals("   Locked ownable synchronizers:")) {
          inSynchronizers = true;
          sawSynchronizerSection = true;
          current.knowsSynchronizers();
          return;
        }
      }
      if (raw.isEmpty()) {
        return;
      }
      boolean plainText = !textNeedsNormalising || isPlain(raw);
      if (plainText
          && !inDeadlockSection
          && !inDeadlockStacks
          && raw.startsWith("\"")
          && !raw.contains(" Id=")
          && fastHeader(raw)) {
        cleanHeader = true;
        return; // a clean thread header: what the tolerant path below would find, without its
        // checks
      }
      complexLines++;
      String line = raw;
      if (textNeedsNormalising) {
        line =
            raw.replace('\u00a0', ' ')
                .replace('\u2010', '-')
                .replace('\u2011', '-')
                .replace('\u2012', '-')
                .replace('\u2013', '-');
        if (line.contains("**")) {
          line = line.replace("**", ""); // Markdown bold around names and addresses
        }
      }
      if (lineNumber <= 3
          && !sawDumpHeader
          && PLAIN_VERSION.matcher(line).matches()
          && line.contains(".")) {
        version = line; // dump_to_file header: pid, instant, runtime version
        return;
      }
      Matcher plain = line.startsWith("#") ? PLAIN_HEADER.matcher(line) : null;
      if (plain != null && plain.matches()) {
        endThread();
        plainFormat = true;
        boolean virtual = plain.group(3) != null;
        String name =
            plain.group(2).isEmpty()
                ? (virtual ? "virtual#" : "#") + plain.group(1)
                : plain.group(2);
        current = DumpedThread.builder(name).id(Long.parseLong(plain.group(1))).virtual(virtual);
        if (plain.group(4) != null) {
          current.state(Thread.State.valueOf(plain.group(4)));
          plainStatesSeen = true;
        }
        currentHasJavaInfo = true;
        return;
      }
      if (line.contains("Full thread dump")) {
        if (sawDumpHeader) {
          // A log with several dumps: this parser reads the first one.
          endThread();
          ignoreRest = true;
          return;
        }
        sawDumpHeader = true;
        Matcher m = VERSION.matcher(line);
        if (m.find()) {
          version = m.group(1);
        }
        return;
      }
      Matcher saVersion = line.contains("JVM version is") ? SA_VERSION.matcher(line) : null;
      if (saVersion != null && saVersion.find()) {
        serviceAgent = true;
        version = saVersion.group(1);
        return;
      }
      if (line.contains("Deadlock Detection:") || line.contains("Attaching to process ID")) {
        serviceAgent = true;
        return;
      }
      if (line.contains("Found one Java-level deadlock")) {
        endThread();
        inDeadlockSection = true;
        inDeadlockStacks = false;
        deadlockCurrent = null;
        deadlockWaiter = null;
        deadlockCycle = new ArrayList<>();
        jvmDeadlocks.add(deadlockCycle);
        return;
      }
      if (!inDeadlockSection
          && !inDeadlockStacks
          && previousLine != null
          && line.contains("waiting ")
          && (DEADLOCK_MONITOR.matcher(line).find()
              || DEADLOCK_SYNCHRONIZER.matcher(line).find())) {
        // The JVM's deadlock report pasted without its "Found one Java-level deadlock" line.
        endThread();
        inDeadlockSection = true;
        deadlockCycle = new ArrayList<>();
        jvmDeadlocks.add(deadlockCycle);
        acceptDeadlockLine(previousLine);
      }
      if (!inDeadlockSection
          && !inDeadlockStacks
          && line.contains("Java stack information for the threads")) {
        // Only the stacks half of the JVM's deadlock report was pasted.
        endThread();
        inDeadlockStacks = true;
        deadlockCurrent = null;
        deadlockCycle = new ArrayList<>();
        return;
      }
      if (inDeadlockSection || inDeadlockStacks) {
        if (!endsDeadlockSection(line)) {
          acceptDeadlockLine(line);
          return;
        }
        inDeadlockSection = false;
        inDeadlockStacks = false;
        if (DEADLOCK_FOOTER.matcher(line).find()) {
          return;
        }
      }
      if (line.contains("JNI global")) {
        endThread();
        return;
      }
      if (startsHeader(line)) {
        return;
      }
      if (current == null) {
        if (!looksLikeThreadContent(line)) {
          return;
        }
        // Frames or a state line with no header before them: a paste that starts mid-thread, or a
        // header
        // so damaged it was not recognised. Keep them, and say so.
        headerlessThreads++;
        String name = "unnamed thread (line " + lineNumber + ")";
        unread.add(
            "lines from "
                + lineNumber
                + " belong to a thread whose header is missing or unreadable;"
                + " read as `"
                + name
                + "`");
        current = DumpedThread.builder(name);
        currentHasJavaInfo = true;
      }
      acceptThreadLine(current, line, false);
    }

    /**
     * Whether a line has nothing the tolerant path would normalise: no non-breaking space, no typographic dash,
     * no Markdown bold.
     */
    private static boolean isPlain(String line) {
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c >= '\u00a0' || c == '*' && i + 1 < line.length() && line.charAt(i + 1) == '*') {
          return false;
        }
      }
      return true;
    }

    /** The thread state spelled at {@code from} ({@code BLOCKED (on object monitor)}), or {@code null}. */
    private static Thread.State stateWord(String line, int from) {
      int end = from;
      while (end < line.length()
          && (line.charAt(end) >= 'A' && line.charAt(end) <= 'Z' || line.charAt(end) == '_')) {
        end++;
      }
      return end == from ? null : Thread.State.valueOf(line.substring(from, end));
    }

    /** Starts a new thread when the line is a thread header of any known shape; returns whether it did. */
    private boolean startsHeader(String line) {
      if (!line.contains("=") && !line.contains("Thread ")) {
        return false; // every header shape has key=value pairs, except jstack -F's "Thread N:"
      }
      Matcher info = line.contains(" Id=") ? THREAD_INFO_HEADER.matcher(line) : null;
      if (info != null && info.find()) {
        endThread();
        threadInfoFormat = true;
        current = DumpedThread.builder(info.group(1)).id(Long.parseLong(info.group(2)));
        current.state(Thread.State.valueOf(info.group(3)));
        if (info.group(4) != null) {
          LockRef lock = LockRef.ofIdentity(info.group(4));
          if (info.group(3).equals("BLOCKED")) {
            current.blockedOn(lock);
          } else if (lock.className().contains("locks.")
              || lock.className().contains("concurrent")) {
            current.parkedOn(lock);
          } else {
            current.waitingOn(lock);
          }
        }
        if (info.group(5) != null) {
          current.reportedLockOwner(info.group(5));
        }
        currentHasJavaInfo = true;
        return true;
      }
      if (line.startsWith("\"") && !line.contains(" Id=") && fastHeader(line)) {
        return true;
      }
      Matcher header = line.indexOf('"') >= 0 ? HEADER.matcher(line) : null;
      if (header != null && header.matches()) {
        endThread();
        current = DumpedThread.builder(header.group(1));
        if (header.group(2) != null) {
          current.id(Long.parseLong(header.group(2)));
          currentHasJavaInfo = true;
        }
        return true;
      }
      Matcher damaged = line.indexOf('"') >= 0 ? DAMAGED_HEADER.matcher(line) : null;
      if (damaged != null && damaged.matches()) {
        endThread();
        String name = damaged.group(1).strip();
        unread.add(
            "the header at line "
                + lineNumber
                + " has no opening quote; read the thread's name as `"
                + name
                + "`");
        current = DumpedThread.builder(name);
        if (damaged.group(2) != null) {
          current.id(Long.parseLong(damaged.group(2)));
        }
        currentHasJavaInfo = true;
        return true;
      }
      Matcher sa = line.contains(": (state = ") ? SA_HEADER.matcher(line) : null;
      if (sa != null && sa.find()) {
        endThread();
        serviceAgent = true;
        current = DumpedThread.builder("Thread " + sa.group(1)).id(Long.parseLong(sa.group(1)));
        current.state(serviceAgentState(sa.group(2)));
        currentHasJavaInfo = true;
        return true;
      }
      if (line.contains("tid=0x") && HEADER_KEYS.matcher(line).find()) {
        endThread();
        String name = "unreadable header (line " + lineNumber + ")";
        unread.add(
            "the thread header at line "
                + lineNumber
                + " could not be read; its thread is shown as `"
                + name
                + "`");
        current = DumpedThread.builder(name);
        currentHasJavaInfo = true;
        return true;
      }
      return false;
    }

    /**
     * Reads a clean header ({@code "name" #12 daemon prio=5 ... tid=0x... nid=...}) without regular expressions,
     * which cost most of the parse of a 10,000-thread dump in a cold JVM; returns false to leave any other
     * shape to the tolerant patterns.
     */
    private boolean fastHeader(String line) {
      int end = line.lastIndexOf("\" ");
      if (end <= 0) {
        return false;
      }
      String rest = line.substring(end + 1);
      if (rest.startsWith(" - Thread t@")) {
        // Spring Boot's text/plain thread dump (and NetBeans / VisualVM): "name" - Thread t@12
        endThread();
        current = DumpedThread.builder(line.substring(1, end));
        int i = " - Thread t@".length();
        while (i < rest.length() && Character.isDigit(rest.charAt(i))) {
          i++;
        }
        if (i > " - Thread t@".length()) {
          current.id(Long.parseLong(rest.substring(" - Thread t@".length(), i)));
        }
        currentHasJavaInfo = true;
        return true;
      }
      if (!(rest.startsWith(" #")
              || rest.startsWith(" daemon")
              || rest.startsWith(" prio=")
              || rest.startsWith(" os_prio=")
              || rest.startsWith(" tid="))
          || !rest.contains("tid=")) {
        return false;
      }
      endThread();
      current = DumpedThread.builder(line.substring(1, end));
      if (rest.startsWith(" #")) {
        int i = 2;
        while (i < rest.length() && Character.isDigit(rest.charAt(i))) {
          i++;
        }
        if (i > 2) {
          current.id(Long.parseLong(rest.substring(2, i)));
          currentHasJavaInfo = true;
        }
      }
      return true;
    }

    /**
     * jstack -F says BLOCKED for every kind of wait (monitor, wait(), park), so only the running states map to a
     * Java state; the rest stay unknown rather than wrong.
     */
    private static Thread.State serviceAgentState(String saState) {
      switch (saState) {
        case "IN_JAVA":
        case "IN_NATIVE":
        case "IN_VM":
          return Thread.State.RUNNABLE;
        case "NEW":
          return Thread.State.NEW;
        default:
          return null;
      }
    }

    private static boolean looksLikeThreadContent(String line) {
      return line.contains("at ") && FRAME.matcher(line).find()
          || line.contains("Thread.State: ") && STATE.matcher(line).find()
          || line.contains("@bci=") && SA_FRAME.matcher(line).find();
    }

    private void acceptThreadLine(DumpedThread.Builder b, String line, boolean fromDeadlockReport) {
      Matcher m;
      // Cheap literal checks first: this runs for every line of dumps with 10,000 threads.
      boolean hasVirtual = line.contains(" virtual thread #");
      if (line.contains("Thread.State: ") && (m = STATE.matcher(line)).find()) {
        b.state(Thread.State.valueOf(m.group(1)));
        currentHasJavaInfo = true;
      } else if (!fromDeadlockReport && hasVirtual && (m = CARRYING.matcher(line)).find()) {
        b.carrying(Long.parseLong(m.group(1)));
        currentHasJavaInfo = true;
      } else if (!fromDeadlockReport && hasVirtual && (m = MOUNTED.matcher(line)).find()) {
        long vtId = Long.parseLong(m.group(1));
        endThread();
        current = DumpedThread.builder("virtual#" + vtId).id(vtId).virtual(true);
        currentHasJavaInfo = true;
      } else if (line.contains("@bci=") && (m = SA_FRAME.matcher(line)).find()) {
        String qualified = m.group(1).replace('/', '.');
        int dot = qualified.lastIndexOf('.');
        String location = m.group(2) == null ? "" : "line " + m.group(2);
        b.frame(
            dot <= 0
                ? new StackFrame(qualified, "", location)
                : new StackFrame(
                    qualified.substring(0, dot), qualified.substring(dot + 1), location));
        currentHasJavaInfo = true;
      } else if (line.contains("at ") && (m = FRAME.matcher(line)).find()) {
        b.frame(stacks.frame(m.group(1)));
        currentHasJavaInfo = true;
      } else if (threadInfoFormat && line.strip().equals("...")) {
        threadInfoTruncated = true;
      } else if (threadInfoFormat && line.contains("Number of locked synchronizers = ")) {
        inSynchronizers = true;
        b.knowsSynchronizers();
      } else if (threadInfoFormat
          && inSynchronizers
          && line.strip().startsWith("- ")
          && line.contains("@")) {
        b.ownsSynchronizer(LockRef.ofIdentity(line.strip().substring(2).strip()));
      } else if (line.strip().endsWith("Locked ownable synchronizers:")) {
        inSynchronizers = true;
        sawSynchronizerSection = true;
        b.knowsSynchronizers();
      } else if ((m = ANNOTATION.matcher(line)).find()) {
        acceptAnnotation(b, m.group(1));
      } else if (plainFormat && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
        b.frame(stacks.frame(line)); // JDK 21 dump_to_file frames have no "at"
      }
    }

    private void acceptAnnotation(DumpedThread.Builder b, String annotation) {
      if (inSynchronizers) {
        LockRef lock = lock(annotation);
        if (lock != null) {
          b.ownsSynchronizer(lock);
        }
        return;
      }
      if (annotation.startsWith("waiting on the Class initialization monitor for ")) {
        String cls =
            annotation
                .substring("waiting on the Class initialization monitor for ".length())
                .strip();
        b.waitingOn(new LockRef("class-init:" + cls, cls));
        return;
      }
      LockRef lock = lock(annotation);
      if (lock == null && threadInfoFormat) {
        Matcher m = THREAD_INFO_LOCK.matcher(annotation);
        if (m.find()) {
          lock = LockRef.ofIdentity(m.group(2));
          annotation = m.group(1).equals("blocked on") ? "waiting to lock" : m.group(1);
          if (annotation.equals("waiting on")
              && (lock.className().contains("locks.") || lock.className().contains("concurrent"))) {
            annotation = "parking to wait for";
          }
        }
      }
      if (lock == null) {
        return; // "waiting on <no object reference available>", "lock is eliminated"
      }
      serviceAgentLocksSeen = true;
      int ownedBy = annotation.indexOf(" owned by \"");
      if (ownedBy > 0 && annotation.indexOf('"', ownedBy + 11) > 0) {
        // Spring Boot's text dump names the owner on the waiter's line: owned by "name" t@12
        b.reportedLockOwner(
            annotation.substring(ownedBy + 11, annotation.indexOf('"', ownedBy + 11)));
      }
      if (annotation.startsWith("waiting to lock")
          && b.state() != null
          && b.state() != Thread.State.BLOCKED) {
        b.parkedOn(
            lock); // Spring Boot's text dump says "waiting to lock" for an owned j.u.c lock too
      } else if (annotation.startsWith("waiting to lock")
          || annotation.startsWith("waiting to re-lock")) {
        b.blockedOn(lock);
      } else if (annotation.startsWith("waiting on")) {
        b.waitingOn(lock);
      } else if (annotation.startsWith("parking to wait for")) {
        b.parkedOn(lock);
      } else if (annotation.startsWith("locked")) {
        b.held(lock);
      }
      // "eliminated" locks are held but uncontendable: nobody can wait for them, so they add no
      // edge.
    }

    private static LockRef lock(String annotation) {
      // By hand for the common shapes, <id> and <id> (a class); the pattern for anything else.
      int lt = annotation.indexOf('<');
      if (lt < 0) {
        return null;
      }
      int gt = annotation.indexOf('>', lt + 1);
      if (gt < 0) {
        return null;
      }
      if (gt > lt + 1) {
        String id = annotation.substring(lt + 1, gt);
        if (id.startsWith("no object") || id.startsWith("owner is")) {
          return null;
        }
        int close = annotation.startsWith(" (a ", gt + 1) ? annotation.indexOf(')', gt + 5) : -1;
        if (close > gt + 5) {
          return new LockRef(id, annotation.substring(gt + 5, close).replace('/', '.'));
        }
        if (!annotation.startsWith(" (a ", gt + 1)) {
          return LockRef.ofIdentity(id);
        }
      }
      Matcher m = LOCK.matcher(annotation);
      if (!m.find() || m.group(1).startsWith("no object") || m.group(1).startsWith("owner is")) {
        return null;
      }
      String id = m.group(1);
      if (m.group(2) != null) {
        return new LockRef(id, m.group(2).replace('/', '.'));
      }
      return LockRef.ofIdentity(id);
    }

    /** Whether a line leaves the JVM's deadlock report: its footer, or a thread of the full dump. */
    private boolean endsDeadlockSection(String line) {
      if (DEADLOCK_FOOTER.matcher(line).find() || SA_HEADER.matcher(line).find()) {
        return true;
      }
      if (line.contains("Full thread dump")) {
        return true;
      }
      Matcher header = line.indexOf('"') >= 0 ? HEADER.matcher(line) : null;
      return header != null && header.matches();
    }

    private void acceptDeadlockLine(String line) {
      if (line.contains("Java stack information")) {
        inDeadlockSection = false;
        inDeadlockStacks = true;
        deadlockCurrent = null;
        return;
      }
      Matcher m = DEADLOCK_WAITER.matcher(line);
      if (!m.matches()) {
        m = DEADLOCK_WAITER_UNQUOTED.matcher(line);
        if (m.matches()
            && (m.group(1).startsWith("=")
                || m.group(1).contains("Java stack information")
                || m.group(1).contains("deadlock")
                || m.group(1).contains("ownable synchronizers"))) {
          m = null;
        }
      }
      if (m != null && m.matches()) {
        String name = m.group(1);
        if (!inDeadlockStacks && deadlockCycle.contains(name)) {
          // The stacks follow without their "Java stack information" heading.
          inDeadlockStacks = true;
        }
        deadlockCurrent = deadlockThreads.computeIfAbsent(name, DumpedThread::builder);
        if (!inDeadlockStacks) {
          deadlockWaiter = name;
          deadlockCycle.add(name);
        }
        return;
      }
      if (deadlockCurrent == null) {
        return; // the "=====" underline
      }
      if (!inDeadlockStacks && (FRAME.matcher(line).find() || SA_FRAME.matcher(line).find())) {
        inDeadlockStacks = true; // stacks under the entries themselves, without a heading
      }
      if (inDeadlockStacks) {
        acceptThreadLine(deadlockCurrent, line, true);
        return;
      }
      if ((m = DEADLOCK_MONITOR.matcher(line)).find()) {
        deadlockCurrent.blockedOn(new LockRef(m.group(1), m.group(2).replace('/', '.')));
        deadlockCurrent.state(Thread.State.BLOCKED);
      } else if ((m = DEADLOCK_SYNCHRONIZER.matcher(line)).find()) {
        deadlockCurrent.parkedOn(new LockRef(m.group(1), m.group(2).replace('/', '.')));
        deadlockCurrent.state(Thread.State.WAITING);
      }
      m = DEADLOCK_OWNER.matcher(line);
      if (!m.find()) {
        m = DEADLOCK_OWNER_UNQUOTED.matcher(line);
        if (!m.find()) {
          return;
        }
      }
      String owner = m.group(1).replaceAll("[,*]+$", "");
      if (deadlockWaiter != null) {
        reportedOwners.putIfAbsent(deadlockWaiter, owner);
      }
    }

    private void endThread() {
      if (current != null && currentHasJavaInfo) {
        threads.add(current);
      }
      current = null;
      currentHasJavaInfo = false;
      inSynchronizers = false;
    }

    ThreadDump finish() {
      endThread();
      inSynchronizers = false;
      List<String> present = new ArrayList<>();
      for (DumpedThread.Builder b : threads) {
        present.add(b.name());
      }
      int fromReport = 0;
      for (DumpedThread.Builder b : deadlockThreads.values()) {
        if (!present.contains(b.name())) {
          threads.add(b); // the deadlock report pasted alone: its entries are all we have
          fromReport++;
        }
      }
      if (threads.isEmpty()) {
        throw new ThreadDumpFormatException(
            sawDumpHeader
                ? "found a 'Full thread dump' header but no Java threads after it"
                : "not a thread dump: expected jstack / jcmd Thread.print text (a 'Full thread dump' line"
                    + " followed by quoted thread headers), jstack -F output, the JVM's 'Found one"
                    + " Java-level deadlock' report, or a JSON dump from Thread.dump_to_file");
      }
      List<DumpedThread> built = new ArrayList<>();
      for (DumpedThread.Builder b : threads) {
        String owner = reportedOwners.get(b.name());
        if (owner != null) {
          b.reportedLockOwner(owner);
        }
        built.add(b.build(stacks));
      }
      if (threadInfoTruncated) {
        unread.add(
            "this is ThreadInfo.toString() output, which cuts every stack after 8 frames: the"
                + " frames that took the locks may be missing; take jstack -l or jcmd <pid> Thread.print -l");
      }
      if (serviceAgent && !serviceAgentLocksSeen && fromReport == 0) {
        unread.add(
            "jstack -F output from JDK 8 names no locks outside its deadlock section, so waits cannot"
                + " be attributed; take jstack -l (or jcmd <pid> Thread.print -l) when the JVM answers");
      }
      boolean partial =
          !plainFormat
              && (!sawDumpHeader && !serviceAgent || fromReport > 0 || headerlessThreads > 0);
      return new ThreadDump(
          ThreadDump.Source.HOTSPOT_TEXT,
          version,
          built,
          sawSynchronizerSection,
          !plainFormat || plainStatesSeen,
          jvmDeadlocks,
          unread,
          partial);
    }
  }
}
