package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the threads of an OpenJ9 / IBM javacore ({@code kill -3}, {@code jcmd <pid> Dump.java}, WebSphere's hung
 * thread detection): each thread's {@code 3XMTHREADINFO} header (name, {@code state:R|CW|P|B|S|Z}), its Java id
 * ({@code 3XMJAVALTHREAD getId:}), what it is blocked, waiting or parked on and who owns it
 * ({@code 3XMTHREADBLOCK Blocked on: java/lang/Object@0x… Owned by: "other" (J9VMThread:0x…)}), its Java frames
 * ({@code 4XESTACKTRACE at …}) and the monitors each frame entered ({@code 5XESTACKTRACE (entered lock: …)}); and the
 * JVM's own report ({@code 1LKDEADLOCK Deadlock detected !!!}, {@code 2LKDEADLOCKTHR Thread "name"}).
 *
 * <p>The owner of every blocked-on, waited-on or parked-on object is named on the waiter's own line, so j.u.c lock
 * owners are known without a list of ownable synchronizers; {@code <unowned>} is evidence that no thread owns it.
 * Frames are written with slashes ({@code java/lang/Thread.run}) and may carry {@code (Compiled Code)}; both are
 * normalised so stacks compare equal to HotSpot's.
 *
 * <p>Stateless and thread-safe.
 */
final class OpenJ9JavacoreParser implements ThreadDumpParser {
  static final OpenJ9JavacoreParser INSTANCE = new OpenJ9JavacoreParser();

  private OpenJ9JavacoreParser() {}

  /** Whether the text holds a javacore's thread records. */
  static boolean accepts(String text) {
    return text.contains("3XMTHREADINFO ");
  }

  @Override
  public ThreadDump parse(String text) {
    StackInterner stacks = new StackInterner();
    List<DumpedThread.Builder> threads = new ArrayList<>();
    List<List<String>> deadlocks = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    String version = "";
    boolean threadSection = false;
    boolean inDeadlock = false;
    List<String> cycle = null;
    DumpedThread.Builder current = null;
    for (String raw : text.split("\r\n|\r|\n", -1)) {
      String line = raw.strip();
      String tag = tag(line);
      String body = line.substring(tag.length()).strip();
      switch (tag) {
        case "1CIJAVAVERSION", "1XMJAVAVERSION" -> version = javaVersion(body, version);
        case "1XMTHDINFO" -> threadSection = true;
        case "0SECTION" -> threadSection |= body.startsWith("THREADS");
        case "3XMTHREADINFO" -> {
          current = header(body);
          if (current != null) {
            threads.add(current);
          }
        }
        case "3XMJAVALTHREAD" -> {
          if (current != null) {
            javaId(current, body);
          }
        }
        case "3XMTHREADBLOCK" -> {
          if (current != null) {
            block(current, body);
          }
        }
        case "4XESTACKTRACE" -> {
          if (current != null && body.startsWith("at ")) {
            StackFrame f = stacks.frame(frameText(body.substring(3).strip()));
            if (!current.hasFrames()
                && current.state() == Thread.State.WAITING
                && f.className().equals("java.lang.Thread")
                && f.methodName().startsWith("sleep")) {
              current.state(Thread.State.TIMED_WAITING); // CW in Thread.sleep: a wait that ends
            }
            current.frame(f);
          }
        }
        case "5XESTACKTRACE" -> {
          int at = body.indexOf("entered lock:");
          if (current != null && at >= 0) {
            String lock = body.substring(at + "entered lock:".length()).strip();
            int comma = lock.indexOf(',');
            current.held(lock(comma > 0 ? lock.substring(0, comma) : lock));
          }
        }
        case "1LKDEADLOCK" -> {
          inDeadlock = true;
          cycle = new ArrayList<>();
          deadlocks.add(cycle);
        }
        case "2LKDEADLOCKTHR" -> {
          String name = quoted(body);
          if (inDeadlock && name != null) {
            if (cycle.contains(name)) {
              cycle =
                  new ArrayList<>(); // the cycle closed at its first thread; a second may follow
              deadlocks.add(cycle);
            } else {
              cycle.add(name);
            }
          }
        }
        default -> {
          if (tag.startsWith("0SECTION") || tag.equals("1LKREGMONDUMP")) {
            inDeadlock = false;
          }
        }
      }
    }
    deadlocks.removeIf(List::isEmpty);
    if (threads.isEmpty()) {
      throw new ThreadDumpFormatException(
          "a javacore without readable 3XMTHREADINFO thread records");
    }
    List<DumpedThread> built = new ArrayList<>();
    for (DumpedThread.Builder b : threads) {
      built.add(b.build(stacks));
    }
    if (!threadSection) {
      unread.add(
          "this javacore paste has thread records but not its THREADS section header: some threads may"
              + " be missing; attach the whole javacore file");
    }
    return new ThreadDump(
        ThreadDump.Source.OPENJ9_JAVACORE,
        version,
        built,
        true,
        true,
        deadlocks,
        unread,
        !threadSection);
  }

  /** The leading tag of a javacore line ({@code 3XMTHREADINFO}), or "" for a line without one. */
  private static String tag(String line) {
    int end = 0;
    while (end < line.length()
        && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
      end++;
    }
    return end > 0 && Character.isDigit(line.charAt(0)) || line.startsWith("NULL")
        ? line.substring(0, end)
        : "";
  }

  /** {@code "name" J9VMThread:0x…, omrthread_t:0x…, java/lang/Thread:0x…, state:B, prio=5} */
  private static DumpedThread.Builder header(String body) {
    String name = quoted(body);
    if (name == null) {
      return null;
    }
    DumpedThread.Builder b = DumpedThread.builder(name);
    int s = body.indexOf("state:", body.lastIndexOf('"'));
    if (s >= 0) {
      int end = s + "state:".length();
      while (end < body.length() && Character.isLetter(body.charAt(end))) {
        end++;
      }
      b.state(state(body.substring(s + "state:".length(), end)));
    }
    return b;
  }

  private static Thread.State state(String j9) {
    return switch (j9) {
      case "R", "S" -> Thread.State.RUNNABLE;
      case "CW", "P" ->
          Thread.State.WAITING; // a javacore does not say whether the wait has a timeout
      case "B" -> Thread.State.BLOCKED;
      case "Z" -> Thread.State.TERMINATED;
      default -> null;
    };
  }

  /** {@code (java/lang/Thread getId:0x13, isDaemon:false)} */
  private static void javaId(DumpedThread.Builder b, String body) {
    int at = body.indexOf("getId:");
    if (at < 0) {
      return;
    }
    int end = at + "getId:".length();
    while (end < body.length() && body.charAt(end) != ',' && body.charAt(end) != ')') {
      end++;
    }
    String id = body.substring(at + "getId:".length(), end).strip();
    try {
      b.id(id.startsWith("0x") ? Long.parseLong(id.substring(2), 16) : Long.parseLong(id));
    } catch (NumberFormatException ignored) {
      // an id the javacore spells differently: the thread keeps its name, which is what the
      // analysis uses
    }
  }

  /**
   * {@code Blocked on: java/lang/Object@0x… Owned by: "other" (J9VMThread:0x…)}, {@code Waiting on: … Owned by:
   * <unowned>} (Object.wait, or a class initialisation lock, then with {@code Initializing thread: "name"}),
   * {@code Parked on: …ReentrantLock$NonfairSync@0x… Owned by: "other" (…)}.
   */
  private static void block(DumpedThread.Builder b, String body) {
    int colon = body.indexOf(':');
    if (colon < 0) {
      return;
    }
    String kind = body.substring(0, colon);
    String rest = body.substring(colon + 1).strip();
    int space = rest.indexOf(' ');
    String object = space > 0 ? rest.substring(0, space) : rest;
    if (object.startsWith("<")) {
      return; // "<unknown>": nothing to name
    }
    LockRef lock = lock(object);
    int owned = rest.indexOf("Owned by:");
    String owner = owned >= 0 ? quoted(rest.substring(owned)) : null;
    if (lock.className().equals("java.lang.J9VMInternals$ClassInitializationLock")) {
      String initializing =
          rest.contains("Initializing thread:")
              ? quoted(rest.substring(rest.indexOf("Initializing thread:")))
              : null;
      b.waitingOn(new LockRef("class-init:" + lock.id(), lock.className()));
      if (initializing != null) {
        b.reportedLockOwner(initializing);
      }
      return;
    }
    switch (kind) {
      case "Blocked on" -> b.blockedOn(lock);
      case "Parked on" -> b.parkedOn(lock);
      default -> b.waitingOn(lock);
    }
    if (owner != null && !kind.equals("Waiting on")) {
      b.reportedLockOwner(owner);
    }
  }

  /** {@code java/lang/Object@0x00000000FFF2E4A8} as a lock of class {@code java.lang.Object}. */
  private static LockRef lock(String text) {
    String id = text.replace('/', '.');
    int at = id.lastIndexOf('@');
    return new LockRef(id, at > 0 ? id.substring(0, at) : id);
  }

  /** {@code java/lang/Thread.run(Thread.java:840(Compiled Code))} as {@code java.lang.Thread.run(Thread.java:840)}. */
  private static String frameText(String frame) {
    int paren = frame.indexOf('(');
    String qualified = (paren >= 0 ? frame.substring(0, paren) : frame).replace('/', '.');
    String location = paren >= 0 ? frame.substring(paren) : "()";
    int compiled = location.indexOf("(Compiled Code)");
    if (compiled > 0) {
      location =
          location.substring(0, compiled)
              + location.substring(compiled + "(Compiled Code)".length());
    }
    return qualified + location;
  }

  /** The text between the first pair of double quotes, or {@code null}. */
  private static String quoted(String text) {
    int open = text.indexOf('"');
    int close = open < 0 ? -1 : text.indexOf('"', open + 1);
    return close < 0 ? null : text.substring(open + 1, close);
  }

  /** {@code JRE 17 Linux amd64-64 (build 17.0.9+9)} as {@code 17.0.9+9}; the feature number when no build. */
  private static String javaVersion(String body, String otherwise) {
    int build = body.indexOf("build ");
    if (build >= 0) {
      int end = build + "build ".length();
      while (end < body.length()
          && body.charAt(end) != ')'
          && body.charAt(end) != ' '
          && body.charAt(end) != ',') {
        end++;
      }
      return body.substring(build + "build ".length(), end);
    }
    int jre = body.indexOf("JRE ");
    if (jre >= 0) {
      int end = jre + 4;
      while (end < body.length() && Character.isDigit(body.charAt(end))) {
        end++;
      }
      return end > jre + 4 ? body.substring(jre + 4, end) : otherwise;
    }
    return otherwise;
  }
}
