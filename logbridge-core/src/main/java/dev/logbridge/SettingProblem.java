package dev.logbridge;

import java.util.Objects;

/**
 * One configuration value logbridge could not use: the key, the value as written, why it was
 * refused, and the default used in its place. Adapters report each problem once, on their
 * framework's status API and on logbridge's status channel, and carry on with the default, as
 * {@code java.util.logging} does with a bad value in {@code logging.properties}.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class SettingProblem {
  private final String key;
  private final String value;
  private final String reason;
  private final String defaultUsed;

  /**
   * @param key the configuration key, for example {@code queueCapacity}
   * @param value the value as written
   * @param reason why it was refused, for example {@code must be between 1 and 268435456}
   * @param defaultUsed the default in force instead, as a user would write it
   */
  public SettingProblem(String key, String value, String reason, String defaultUsed) {
    this.key = Objects.requireNonNull(key, "key");
    this.value = String.valueOf(value);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.defaultUsed = String.valueOf(defaultUsed);
  }

  public String key() {
    return key;
  }

  public String value() {
    return value;
  }

  public String reason() {
    return reason;
  }

  public String defaultUsed() {
    return defaultUsed;
  }

  /**
   * The text to report, for example {@code invalid value "-5" for queueCapacity (must be between
   * 1 and 268435456); using the default 8192}.
   */
  public String message() {
    return "invalid value \""
        + value
        + "\" for "
        + key
        + " ("
        + reason
        + "); using the default "
        + defaultUsed;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SettingProblem)) {
      return false;
    }
    SettingProblem p = (SettingProblem) o;
    return key.equals(p.key)
        && value.equals(p.value)
        && reason.equals(p.reason)
        && defaultUsed.equals(p.defaultUsed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value, reason, defaultUsed);
  }

  @Override
  public String toString() {
    return message();
  }
}
