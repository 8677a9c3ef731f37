package dev.logbridge.doctor;

import java.util.List;

/**
 * One thing the analyser found in a dump: a deadlock, a self-wait, a hot lock, an owner-less wait, or a question
 * it cannot answer, with the threads and lock involved and a sentence a person can act on.
 *
 * <p>Immutable and thread-safe.
 */
public final class Finding {

  /** What kind of problem a finding describes. */
  public enum Kind {
    /** Two or more threads wait for each other in a cycle. */
    DEADLOCK,
    /** A thread waits for a lock it already owns (a non-reentrant lock taken twice). */
    SELF_WAIT,
    /** Several threads queue behind one lock whose owner is known. */
    HOT_LOCK,
    /** Threads wait for a primitive nobody owns (Semaphore, latch, Condition, wait(), park). */
    OWNERLESS_WAIT,
    /** Threads wait for a lock whose owner the dump cannot show. */
    UNKNOWN_OWNER,
    /**
     * A chain of lock waits ending at a thread that holds what the others want while it waits, with no timeout,
     * for something no lock graph can show (a future, condition, latch, queue, {@code Object.wait}).
     */
    WAIT_CHAIN,
    /** Every worker of one pool waits for a future or join, so the tasks they wait for can never run. */
    POOL_STARVATION,
    /** Producers wait for room in a bounded queue whose only consumer is blocked elsewhere. */
    PRODUCER_CONSUMER,
    /** Virtual threads pinned to every carrier, so no other virtual thread can run. */
    PINNED_CARRIERS
  }

  private final Kind kind;
  private final Verdict verdict;
  private final List<String> threads;
  private final LockRef lock;
  private final String owner;
  private final String ownerFrame;
  private final String primitive;
  private final String likelyCause;
  private final String loggingFrame;
  private final String message;
  private final List<WaitEdge> chain;

  Finding(
      Kind kind,
      Verdict verdict,
      List<String> threads,
      LockRef lock,
      String owner,
      String ownerFrame,
      String primitive,
      String likelyCause,
      String loggingFrame,
      String message) {
    this(
        kind,
        verdict,
        threads,
        lock,
        owner,
        ownerFrame,
        primitive,
        likelyCause,
        loggingFrame,
        message,
        List.of());
  }

  Finding(
      Kind kind,
      Verdict verdict,
      List<String> threads,
      LockRef lock,
      String owner,
      String ownerFrame,
      String primitive,
      String likelyCause,
      String loggingFrame,
      String message,
      List<WaitEdge> chain) {
    this.chain = List.copyOf(chain);
    this.kind = kind;
    this.verdict = verdict;
    this.threads = List.copyOf(threads);
    this.lock = lock;
    this.owner = owner;
    this.ownerFrame = ownerFrame;
    this.primitive = primitive;
    this.likelyCause = likelyCause;
    this.loggingFrame = loggingFrame;
    this.message = message;
  }

  /** Returns a copy with a different verdict contribution and an explanation appended to the message. */
  Finding reassessed(Verdict newVerdict, String why) {
    return new Finding(
        kind,
        newVerdict,
        threads,
        lock,
        owner,
        ownerFrame,
        primitive,
        likelyCause,
        loggingFrame,
        message + "; " + why,
        chain);
  }

  /** What kind of problem this is. */
  public Kind kind() {
    return kind;
  }

  /** The verdict this finding alone would give; {@link Verdict#HEALTHY} for findings that are only notes. */
  public Verdict verdict() {
    return verdict;
  }

  /** The threads involved: the cycle in order, or the waiters. */
  public List<String> threads() {
    return threads;
  }

  /** The lock involved, or {@code null} (cycles involve several; see the message). */
  public LockRef lock() {
    return lock;
  }

  /** The owner of the lock, or {@code null}. */
  public String owner() {
    return owner;
  }

  /** Where the owner is, for example {@code Socket$SocketOutputStream.write}, or {@code null}. */
  public String ownerFrame() {
    return ownerFrame;
  }

  /** The waiting primitive, for example {@code Semaphore} or {@code monitor}, or {@code null}. */
  public String primitive() {
    return primitive;
  }

  /** The likely cause of an owner-less wait, or the missing evidence of an unknown owner, or {@code null}. */
  public String likelyCause() {
    return likelyCause;
  }

  /** The innermost logging frame when the stall is inside logging, else {@code null}. */
  public String loggingFrame() {
    return loggingFrame;
  }

  /** Whether the stall is inside a logging framework (appender, encoder, handler or async queue). */
  public boolean inLogging() {
    return loggingFrame != null;
  }

  /**
   * For a cycle or chain, each edge in order: waiter, the frame where it waits, lock, owner, and the frame where
   * the owner took the lock; empty for other findings.
   */
  public List<WaitEdge> chain() {
    return chain;
  }

  /** One readable sentence describing the finding. */
  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return kind + ": " + message;
  }
}
