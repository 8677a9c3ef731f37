package dev.logbridge.doctor;

import java.util.Objects;

/**
 * A reference to one lock object in a dump: its identity (a heap address such as {@code 0x000000069ec1b6a8} in
 * HotSpot text, an identity string such as {@code java.lang.Object@1bb20dc7} in JSON dumps, or a ThreadMXBean
 * lock name) and its class.
 *
 * <p>Immutable and thread-safe. Two references are equal when their identities are equal.
 */
public final class LockRef {
  private final String id;
  private final String className;

  LockRef(String id, String className) {
    this.id = Objects.requireNonNull(id, "id");
    this.className = className == null ? "" : className;
  }

  /** Creates a reference from an identity string of the form {@code class@hash} (JSON dumps, ThreadMXBean). */
  static LockRef ofIdentity(String identity) {
    int at = identity.lastIndexOf('@');
    return new LockRef(identity, at > 0 ? identity.substring(0, at) : identity);
  }

  /** The identity of the lock object within its dump; addresses and identity hashes never match across formats. */
  public String id() {
    return id;
  }

  /** The lock object's class name, for example {@code java.util.concurrent.locks.ReentrantLock$NonfairSync}. */
  public String className() {
    return className;
  }

  /** The class name without its package, which is what a reader recognises first. */
  public String simpleClassName() {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LockRef && ((LockRef) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** Renders as {@code <id> (a class)}, the way HotSpot prints locks, or {@code <class@hash>}. */
  @Override
  public String toString() {
    // Identity strings already name the class; addresses do not.
    return id.startsWith(className + "@") ? "<" + id + ">" : "<" + id + "> (a " + className + ")";
  }
}
