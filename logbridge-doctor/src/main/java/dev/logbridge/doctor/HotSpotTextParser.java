package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HotSpot thread-dump text ({@code jstack}, {@code jcmd <pid> Thread.print}, SIGQUIT output) from JDK 8 to
 * 25, with or without {@code -l}, including carriers with mounted virtual threads and the JVM's deadlock section;
 * also the plain-text form of {@code jcmd <pid> Thread.dump_to_file} (JDK 21+, identity strings instead of
 * addresses, JDK 21 without states or locks).
 *
 * <p>Stateless and thread-safe; each call keeps its state in a local {@link Run}.
 */
final class HotSpotTextParser implements ThreadDumpParser {
    static final HotSpotTextParser INSTANCE = new HotSpotTextParser();

    // Name is greedy up to the last quote; everything after it is key=value noise we do not need.
    private static final Pattern HEADER = Pattern.compile("^\"(.*)\"(?: #(\\d+))?(?: \\[\\d+\\])?( daemon)?(?: .*)?$");
    // Thread.dump_to_file plain text: #<tid> "<name>" [virtual] [STATE <instant>]
    private static final Pattern PLAIN_HEADER =
            Pattern.compile("^#(\\d+) \"(.*)\"( virtual)?(?: ([A-Z_]+))?(?: \\S+)?\\s*$");
    private static final Pattern PLAIN_VERSION = Pattern.compile("^\\d+[.+\\-0-9A-Za-z]*$");
    private static final Pattern STATE = Pattern.compile("^\\s+java\\.lang\\.Thread\\.State: ([A-Z_]+)");
    private static final Pattern CARRYING = Pattern.compile("^\\s+Carrying virtual thread #(\\d+)");
    private static final Pattern MOUNTED = Pattern.compile("^\\s+Mounted virtual thread #(\\d+)");
    private static final Pattern FRAME = Pattern.compile("^\\s+at (.+)$");
    private static final Pattern ANNOTATION = Pattern.compile("^\\s+- (.+)$");
    private static final Pattern LOCK = Pattern.compile("<([^>]+)>(?: \\(a ([^)]+)\\))?");
    private static final Pattern VERSION = Pattern.compile("^Full thread dump .*\\(([^ )]+)");
    private static final Pattern DEADLOCK_WAITER = Pattern.compile("^\"(.*)\":\\s*$");
    private static final Pattern DEADLOCK_OWNER = Pattern.compile("which is held by \"(.*)\"");

    private HotSpotTextParser() {}

    @Override
    public ThreadDump parse(String text) {
        Run run = new Run();
        for (String line : text.split("\\R", -1)) {
            run.accept(line);
        }
        return run.finish();
    }

    /** The state of one parse. Not thread-safe; confined to the parsing call. */
    private static final class Run {
        private final List<DumpedThread.Builder> threads = new ArrayList<>();
        private final List<List<String>> jvmDeadlocks = new ArrayList<>();
        private final Map<String, String> reportedOwners = new LinkedHashMap<>();
        private DumpedThread.Builder current;
        private boolean currentHasJavaInfo;
        private boolean inSynchronizers;
        private boolean sawSynchronizerSection;
        private boolean sawDumpHeader;
        private boolean ignoreRest;
        private boolean inDeadlockSection;
        private boolean inDeadlockStacks;
        private String deadlockWaiter;
        private List<String> deadlockCycle;
        private String version = "";
        private boolean plainFormat;
        private boolean plainStatesSeen;
        private int lineNumber;

        void accept(String line) {
            lineNumber++;
            if (ignoreRest) {
                return;
            }
            if (lineNumber <= 3 && !sawDumpHeader && PLAIN_VERSION.matcher(line).matches() && line.contains(".")) {
                version = line; // dump_to_file header: pid, instant, runtime version
                return;
            }
            Matcher plain = line.startsWith("#") ? PLAIN_HEADER.matcher(line) : null;
            if (plain != null && plain.matches()) {
                endThread();
                plainFormat = true;
                boolean virtual = plain.group(3) != null;
                String name = plain.group(2).isEmpty() ? (virtual ? "virtual#" : "#") + plain.group(1) : plain.group(2);
                current = DumpedThread.builder(name).id(Long.parseLong(plain.group(1))).virtual(virtual);
                if (plain.group(4) != null) {
                    current.state(Thread.State.valueOf(plain.group(4)));
                    plainStatesSeen = true;
                }
                currentHasJavaInfo = true;
                return;
            }
            if (line.startsWith("Full thread dump")) {
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
            if (line.startsWith("Found one Java-level deadlock")) {
                endThread();
                inDeadlockSection = true;
                inDeadlockStacks = false;
                deadlockCycle = new ArrayList<>();
                jvmDeadlocks.add(deadlockCycle);
                return;
            }
            if (inDeadlockSection || inDeadlockStacks) {
                acceptDeadlockLine(line);
                return;
            }
            if (line.startsWith("JNI global")) {
                endThread();
                return;
            }
            Matcher header = line.startsWith("\"") ? HEADER.matcher(line) : null;
            if (header != null && header.matches()) {
                endThread();
                current = DumpedThread.builder(header.group(1));
                if (header.group(2) != null) {
                    current.id(Long.parseLong(header.group(2)));
                    currentHasJavaInfo = true;
                }
                return;
            }
            if (current == null) {
                return;
            }
            acceptThreadLine(line);
        }

        private void acceptThreadLine(String line) {
            Matcher m;
            if ((m = STATE.matcher(line)).find()) {
                current.state(Thread.State.valueOf(m.group(1)));
                currentHasJavaInfo = true;
            } else if ((m = CARRYING.matcher(line)).find()) {
                current.carrying(Long.parseLong(m.group(1)));
                currentHasJavaInfo = true;
            } else if ((m = MOUNTED.matcher(line)).find()) {
                long vtId = Long.parseLong(m.group(1));
                endThread();
                current = DumpedThread.builder("virtual#" + vtId).id(vtId).virtual(true);
                currentHasJavaInfo = true;
            } else if ((m = FRAME.matcher(line)).find()) {
                current.frame(StackFrame.parse(m.group(1)));
                currentHasJavaInfo = true;
            } else if (line.strip().equals("Locked ownable synchronizers:")) {
                inSynchronizers = true;
                sawSynchronizerSection = true;
                current.knowsSynchronizers();
            } else if ((m = ANNOTATION.matcher(line)).find()) {
                acceptAnnotation(m.group(1));
            } else if (plainFormat && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
                current.frame(StackFrame.parse(line)); // JDK 21 dump_to_file frames have no "at"
            }
        }

        private void acceptAnnotation(String annotation) {
            if (inSynchronizers) {
                LockRef lock = lock(annotation);
                if (lock != null) {
                    current.ownsSynchronizer(lock);
                }
                return;
            }
            if (annotation.startsWith("waiting on the Class initialization monitor for ")) {
                String cls = annotation.substring("waiting on the Class initialization monitor for ".length()).strip();
                current.waitingOn(new LockRef("class-init:" + cls, cls));
                return;
            }
            LockRef lock = lock(annotation);
            if (lock == null) {
                return; // "waiting on <no object reference available>", "lock is eliminated"
            }
            if (annotation.startsWith("waiting to lock") || annotation.startsWith("waiting to re-lock")) {
                current.blockedOn(lock);
            } else if (annotation.startsWith("waiting on")) {
                current.waitingOn(lock);
            } else if (annotation.startsWith("parking to wait for")) {
                current.parkedOn(lock);
            } else if (annotation.startsWith("locked")) {
                current.held(lock);
            }
            // "eliminated" locks are held but uncontendable: nobody can wait for them, so they add no edge.
        }

        private static LockRef lock(String annotation) {
            Matcher m = LOCK.matcher(annotation);
            if (!m.find() || m.group(1).startsWith("no object") || m.group(1).startsWith("owner is")) {
                return null;
            }
            String id = m.group(1);
            if (m.group(2) != null) {
                return new LockRef(id, m.group(2));
            }
            return LockRef.ofIdentity(id);
        }

        private void acceptDeadlockLine(String line) {
            if (line.startsWith("Java stack information")) {
                inDeadlockSection = false;
                inDeadlockStacks = true;
                return;
            }
            if (inDeadlockStacks) {
                // The repeated stacks add nothing; only a new section restarts parsing of entries.
                return;
            }
            Matcher m = DEADLOCK_WAITER.matcher(line);
            if (m.matches()) {
                deadlockWaiter = m.group(1);
                deadlockCycle.add(deadlockWaiter);
                return;
            }
            m = DEADLOCK_OWNER.matcher(line);
            if (m.find() && deadlockWaiter != null) {
                reportedOwners.putIfAbsent(deadlockWaiter, m.group(1));
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
            if (threads.isEmpty()) {
                throw new ThreadDumpFormatException(sawDumpHeader
                        ? "found a 'Full thread dump' header but no Java threads after it"
                        : "not a thread dump: expected jstack / jcmd Thread.print text (a 'Full thread dump' line"
                                + " followed by quoted thread headers) or a JSON dump from Thread.dump_to_file");
            }
            List<DumpedThread> built = new ArrayList<>();
            for (DumpedThread.Builder b : threads) {
                String owner = reportedOwners.get(b.name());
                if (owner != null) {
                    b.reportedLockOwner(owner);
                }
                built.add(b.build());
            }
            return new ThreadDump(ThreadDump.Source.HOTSPOT_TEXT, version, built, sawSynchronizerSection,
                    !plainFormat || plainStatesSeen, jvmDeadlocks);
        }
    }
}
