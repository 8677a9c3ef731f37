package dev.logbridge.doctor;

import java.util.List;

/**
 * Threads whose stacks and states are identical, shown once with a count, the way a reader scans a dump of
 * twenty identical workers.
 *
 * <p>Immutable and thread-safe.
 */
public final class StackGroup {
  private final Thread.State state;
  private final List<String> threadNames;
  private final List<StackFrame> frames;
  private final LockRef waitingFor;

  StackGroup(
      Thread.State state, List<String> threadNames, List<StackFrame> frames, LockRef waitingFor) {
    this.state = state;
    this.threadNames = List.copyOf(threadNames);
    this.frames = List.copyOf(frames);
    this.waitingFor = waitingFor;
  }

  /** How many threads share this stack. */
  public int count() {
    return threadNames.size();
  }

  /** The shared state, or {@code null} when the dump gives none. */
  public Thread.State state() {
    return state;
  }

  /** The names of the threads in the group. */
  public List<String> threadNames() {
    return threadNames;
  }

  /** The shared stack, innermost frame first. */
  public List<StackFrame> frames() {
    return frames;
  }

  /** The lock the first thread of the group waits for, or {@code null}. */
  public LockRef waitingFor() {
    return waitingFor;
  }
}
