package dev.logbridge.doctor;

/**
 * The doctor's one-word answer about a dump, with the process exit code the {@code doctor} command uses for it.
 *
 * <p>Exit codes: 0 healthy, 2 deadlock, 3 stall or hot lock, 4 cannot tell, and 64 (not a verdict) for bad
 * input. Constants are ordered by severity, so the most severe finding decides a dump's verdict.
 *
 * <p>Immutable and thread-safe.
 */
public enum Verdict {
  /** No thread waits in a way that looks stuck. Exit code 0. */
  HEALTHY(0),
  /** The dump lacks the evidence to decide (for example, who holds a j.u.c lock). Exit code 4. */
  CANNOT_TELL(4),
  /** Threads queue behind a lock or wait for something nobody will provide. Exit code 3. */
  STALL(3),
  /** A cycle of threads waiting for each other, or a thread waiting for itself. Exit code 2. */
  DEADLOCK(2);

  /** The exit code the command line uses for input it cannot read. */
  public static final int BAD_INPUT_EXIT_CODE = 64;

  private final int exitCode;

  Verdict(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit code for this verdict. */
  public int exitCode() {
    return exitCode;
  }

  /** The more severe of two verdicts. */
  Verdict worst(Verdict other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
