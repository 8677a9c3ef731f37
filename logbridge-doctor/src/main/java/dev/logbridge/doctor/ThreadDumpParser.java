package dev.logbridge.doctor;

/**
 * A reader that turns the text of one thread dump into a {@link ThreadDump}.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface ThreadDumpParser {

    /**
     * Parses one dump.
     *
     * @throws ThreadDumpFormatException when the text is not a dump in this parser's format
     */
    ThreadDump parse(String text);

    /** A parser for {@code jstack} and {@code jcmd <pid> Thread.print} text (JDK 8 to 25, with or without -l). */
    static ThreadDumpParser hotSpotText() {
        return HotSpotTextParser.INSTANCE;
    }

    /** A parser for {@code jcmd <pid> Thread.dump_to_file -format=json} output (JDK 21 and later). */
    static ThreadDumpParser json() {
        return JsonDumpParser.INSTANCE;
    }

    /** A parser that recognises JSON by its first character and reads anything else as HotSpot text. */
    static ThreadDumpParser autoDetect() {
        return text -> {
            String trimmed = text.stripLeading();
            return trimmed.startsWith("{") ? json().parse(text) : hotSpotText().parse(text);
        };
    }
}
