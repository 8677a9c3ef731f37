package dev.logbridge.receiver;

import java.time.Duration;
import java.util.Objects;

/**
 * A description of how the receiver misbehaves: delay, error status, dropped connections, hang.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} or a shortcut such as {@link
 * #error(int, double)}, and install it with {@link OtlpReceiver#setFault(Fault)}. For each request
 * the receiver picks, in this order: hang (every request, when set); else drop the connection (at
 * {@link #dropRate()}); else answer {@link #errorStatus()} (at {@link #errorRate()}); else accept.
 * The delay, when set, comes before the answer or the drop. Random choices come from a generator
 * seeded with {@link #seed()} when the fault is installed, so a run with the same requests in the
 * same order is repeatable.
 */
public final class Fault {
  private static final Fault NONE = builder().build();

  private final Duration minDelay;
  private final Duration maxDelay;
  private final int errorStatus;
  private final double errorRate;
  private final Duration retryAfter;
  private final double dropRate;
  private final boolean hang;
  private final long seed;

  private Fault(Builder builder) {
    this.minDelay = builder.minDelay;
    this.maxDelay = builder.maxDelay;
    this.errorStatus = builder.errorStatus;
    this.errorRate = builder.errorRate;
    this.retryAfter = builder.retryAfter;
    this.dropRate = builder.dropRate;
    this.hang = builder.hang;
    this.seed = builder.seed;
  }

  /** Returns the fault that does nothing. */
  public static Fault none() {
    return NONE;
  }

  /** Returns a new builder, initially without any fault. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a fault that answers every request after {@code delay}. */
  public static Fault delay(Duration delay) {
    return builder().delay(delay).build();
  }

  /** Returns a fault that answers {@code status} to a {@code rate} (0..1) of the requests. */
  public static Fault error(int status, double rate) {
    return builder().error(status, rate).build();
  }

  /** Returns a fault that closes the connection without answer for a {@code rate} of requests. */
  public static Fault drop(double rate) {
    return builder().drop(rate).build();
  }

  /** Returns a fault that holds every request unanswered until the fault is cleared. */
  public static Fault hang() {
    return builder().hang(true).build();
  }

  /** Returns the shortest delay before answering; zero when there is no delay. */
  public Duration minDelay() {
    return minDelay;
  }

  /** Returns the longest delay before answering; the delay is uniform in min..max. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** Returns the HTTP status of the error fault, or 0 when there is none. */
  public int errorStatus() {
    return errorStatus;
  }

  /** Returns the share (0..1) of requests answered with {@link #errorStatus()}. */
  public double errorRate() {
    return errorRate;
  }

  /** Returns the {@code Retry-After} sent with 429 and 503 answers. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Returns the share (0..1) of requests whose connection is closed without answer. */
  public double dropRate() {
    return dropRate;
  }

  /** Returns whether every request is held unanswered. */
  public boolean hangs() {
    return hang;
  }

  /** Returns the seed of the random choices. */
  public long seed() {
    return seed;
  }

  /** Returns whether this fault changes nothing. */
  public boolean isNone() {
    return !hang && dropRate == 0 && errorRate == 0 && maxDelay.isZero();
  }

  @Override
  public String toString() {
    if (isNone()) {
      return "Fault{none}";
    }
    StringBuilder out = new StringBuilder("Fault{");
    if (!maxDelay.isZero()) {
      out.append("delay=").append(minDelay).append("..").append(maxDelay).append(", ");
    }
    if (errorRate > 0) {
      out.append("error=").append(errorStatus).append('@').append(errorRate);
      out.append(", retryAfter=").append(retryAfter).append(", ");
    }
    if (dropRate > 0) {
      out.append("drop@").append(dropRate).append(", ");
    }
    if (hang) {
      out.append("hang, ");
    }
    return out.append("seed=").append(seed).append('}').toString();
  }

  /**
   * A builder of {@link Fault}s; each setter validates its argument.
   *
   * <p>Not thread-safe: confine each builder to one thread.
   */
  public static final class Builder {
    private Duration minDelay = Duration.ZERO;
    private Duration maxDelay = Duration.ZERO;
    private int errorStatus;
    private double errorRate;
    private Duration retryAfter = Duration.ofSeconds(1);
    private double dropRate;
    private boolean hang;
    private long seed = 1;

    private Builder() {}

    /** Delays every answer by exactly {@code delay}. */
    public Builder delay(Duration delay) {
      return delay(delay, delay);
    }

    /** Delays every answer by a random duration between {@code min} and {@code max}. */
    public Builder delay(Duration min, Duration max) {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ".." + max);
      }
      this.minDelay = min;
      this.maxDelay = max;
      return this;
    }

    /** Answers {@code status} (400..599; typically 429, 500 or 503) to a {@code rate} of requests. */
    public Builder error(int status, double rate) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("error status must be 400..599: " + status);
      }
      this.errorStatus = status;
      this.errorRate = checkRate(rate, "error rate");
      return this;
    }

    /** Sets the {@code Retry-After} of 429 and 503 answers (whole seconds; default 1 s). */
    public Builder retryAfter(Duration retryAfter) {
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
      }
      this.retryAfter = retryAfter;
      return this;
    }

    /** Closes the connection without answer for a {@code rate} (0..1) of requests. */
    public Builder drop(double rate) {
      this.dropRate = checkRate(rate, "drop rate");
      return this;
    }

    /** Holds every request unanswered while the fault is installed. */
    public Builder hang(boolean hang) {
      this.hang = hang;
      return this;
    }

    /** Sets the seed of the random choices (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Returns the fault. */
    public Fault build() {
      return new Fault(this);
    }

    private static double checkRate(double rate, String what) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException(what + " must be in 0..1: " + rate);
      }
      return rate;
    }
  }
}
