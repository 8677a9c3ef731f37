package dev.logbridge.compat;

/** The versions the build put on the class path, for asserting that the swap really happened. */
final class Versions {
  private Versions() {}

  static String expected(String name) {
    String value = System.getProperty("compat.expected." + name);
    if (value == null) {
      throw new IllegalStateException("run through Maven: compat.expected." + name + " is unset");
    }
    return value;
  }

  /** The Implementation-Version of the jar {@code type} was loaded from. */
  static String of(Class<?> type) {
    return type.getPackage().getImplementationVersion();
  }
}
