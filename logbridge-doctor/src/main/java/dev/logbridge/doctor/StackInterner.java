package dev.logbridge.doctor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares frame and stack objects within one parse. A dump of 10,000 threads has a few hundred distinct frame lines
 * and a few hundred distinct stacks; sharing them means each frame line is parsed once, and the analyser can
 * compute what a stack means (idle, inside logging, where it waits) once per distinct stack, by identity.
 *
 * <p>Not thread-safe; confined to one parsing call.
 */
final class StackInterner {
  private final Map<String, StackFrame> frames = new HashMap<>();
  private final Map<List<StackFrame>, List<StackFrame>> stacks = new HashMap<>();
  private final Map<List<?>, List<StackFrame>> byArray = new java.util.IdentityHashMap<>();

  /** The frame for a frame's text (see {@link StackFrame#parse}), parsed once per distinct text. */
  StackFrame frame(String text) {
    StackFrame f = frames.get(text);
    if (f == null) {
      f = StackFrame.parse(text);
      frames.put(text, f);
    }
    return f;
  }

  /**
   * The frames of a JSON stack array (frame texts), once per distinct array instance: the JSON reader shares
   * repeated arrays, so the frames of identical stacks are looked up once.
   */
  List<StackFrame> frames(List<?> texts) {
    List<StackFrame> known = byArray.get(texts);
    if (known == null) {
      known = new java.util.ArrayList<>(texts.size());
      for (Object text : texts) {
        known.add(frame(String.valueOf(text)));
      }
      byArray.put(texts, known);
    }
    return known;
  }

  /** An immutable stack equal to {@code frames}, the same instance for every equal stack of this parse. */
  List<StackFrame> stack(List<StackFrame> frameList) {
    List<StackFrame> copy = List.copyOf(frameList);
    List<StackFrame> shared = stacks.putIfAbsent(copy, copy);
    return shared != null ? shared : copy;
  }
}
