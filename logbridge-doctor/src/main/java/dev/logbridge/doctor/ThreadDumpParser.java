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

  /**
   * A parser that tells the formats apart: JSON by its first character, then the JDK's {@code threadDump}
   * object or Spring Boot's {@code threads} array; an OpenJ9 javacore by its thread section tags; anything else
   * as HotSpot text (which also reads Spring Boot's text/plain thread dump).
   */
  static ThreadDumpParser autoDetect() {
    return text -> {
      String trimmed = text.stripLeading();
      if (trimmed.startsWith("{")) {
        Object root = MiniJson.parse(text);
        return SpringBootJsonParser.accepts(root)
            ? SpringBootJsonParser.parse(root)
            : JsonDumpParser.INSTANCE.parse(root, java.util.Map.of());
      }
      return OpenJ9JavacoreParser.accepts(text)
          ? OpenJ9JavacoreParser.INSTANCE.parse(text)
          : hotSpotText().parse(text);
    };
  }

  /** A parser for Spring Boot's {@code /actuator/threaddump} JSON. */
  static ThreadDumpParser springBootJson() {
    return text -> SpringBootJsonParser.parse(MiniJson.parse(text));
  }

  /** A parser for OpenJ9 / IBM javacores (the THREADS section, its monitors and deadlock report). */
  static ThreadDumpParser openJ9Javacore() {
    return OpenJ9JavacoreParser.INSTANCE;
  }
}
