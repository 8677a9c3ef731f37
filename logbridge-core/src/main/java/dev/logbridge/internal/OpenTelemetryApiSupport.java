package dev.logbridge.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.context.Context;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls into {@code opentelemetry-api} whose availability depends on the API's version, each
 * resolved once when this class initialises, so that logbridge runs on every API version it
 * supports (1.49.0 and newer; see {@code dev.logbridge.spi.SupportedVersions}).
 *
 * <p>Two techniques, never a reflective lookup per record:
 * <ul>
 *   <li>A method logbridge is compiled against but an older API lacks is probed once; its call
 *       site stays a plain call, executed only when the probe found the method. The JVM links a
 *       call site on its first execution, so a call that never runs cannot fail to link.
 *   <li>A method that moved, or a field read where no method exists, goes through a {@code static
 *       final} {@link MethodHandle}, which the JIT compiles like a direct call.
 * </ul>
 *
 * <p>What an older API lacks, and what logbridge does instead:
 * <ul>
 *   <li>{@code GlobalOpenTelemetry.isSet()} (added in 1.57.0; Spring Boot 3.5 and 4.0 manage
 *       1.49.0 and 1.55.0): read the private field {@code globalOpenTelemetry}, which every
 *       release from 1.49.0 to 1.68.0 has. Calling {@code GlobalOpenTelemetry.get()} instead is no substitute: when
 *       nothing is set it installs a no-op instance for good (or autoconfigures one).
 *   <li>{@code LogRecordBuilder.setEventName(String)} (added in 1.50.0): the event name becomes the
 *       attribute {@code event.name}, its name before log records had an event-name field.
 *   <li>{@code io.opentelemetry.api.impl.InstrumentationUtil} (before 1.63.0 it was {@code
 *       io.opentelemetry.api.internal.InstrumentationUtil}): whichever exists is used.
 * </ul>
 * Each substitution is listed once by {@link #limitations()}, which adapters report at start.
 *
 * <p>Thread-safety: stateless after class initialisation.
 */
public final class OpenTelemetryApiSupport {
  /** The oldest {@code opentelemetry-api} (and SDK) release logbridge supports. */
  public static final String MIN_VERSION = "1.49.0";

  /** The attribute an event name becomes when the API has no event-name field. */
  public static final String EVENT_NAME_ATTRIBUTE = "event.name";

  // Through an AttributeKey: setAttribute(String, String) is itself newer than 1.38.
  private static final AttributeKey<String> EVENT_NAME_KEY =
      AttributeKey.stringKey(EVENT_NAME_ATTRIBUTE);

  private static final boolean HAS_IS_SET = hasMethod(GlobalOpenTelemetry.class, "isSet");
  // Getter of GlobalOpenTelemetry.globalOpenTelemetry typed ()Object; null if isSet() exists or
  // the field cannot be read.
  private static final MethodHandle GLOBAL_FIELD = HAS_IS_SET ? null : globalFieldGetter();
  private static final boolean HAS_SET_EVENT_NAME =
      hasMethod(LogRecordBuilder.class, "setEventName", String.class);
  // (Context)boolean, or null when neither InstrumentationUtil exists.
  private static final MethodHandle SHOULD_SUPPRESS = suppressionCheck();
  private static final String API_VERSION = readApiVersion();

  private OpenTelemetryApiSupport() {}

  /**
   * Whether {@code GlobalOpenTelemetry} holds an instance, without ever causing it to hold one.
   * False when the API offers no way to tell (see {@link #limitations()}).
   */
  public static boolean isGlobalSet() {
    if (HAS_IS_SET) {
      return GlobalOpenTelemetry.isSet();
    }
    if (GLOBAL_FIELD == null) {
      return false;
    }
    try {
      return (Object) GLOBAL_FIELD.invokeExact() != null;
    } catch (Throwable t) {
      return false;
    }
  }

  /**
   * Gives the record the event name {@code name}: in its event-name field where the API has one,
   * else as the attribute {@value #EVENT_NAME_ATTRIBUTE}.
   */
  public static void setEventName(LogRecordBuilder builder, String name) {
    if (HAS_SET_EVENT_NAME) {
      builder.setEventName(name);
    } else {
      builder.setAttribute(EVENT_NAME_KEY, name);
    }
  }

  /** Whether OpenTelemetry marks {@code context} as one its own instrumentation must not see. */
  public static boolean shouldSuppressInstrumentation(Context context) {
    if (SHOULD_SUPPRESS == null || context == null) {
      return false;
    }
    try {
      return (boolean) SHOULD_SUPPRESS.invokeExact(context);
    } catch (Throwable t) {
      return false;
    }
  }

  /** The {@code opentelemetry-api} version on the class path, or null if it cannot be told. */
  public static String apiVersion() {
    return API_VERSION;
  }

  /** Whether the API has {@code LogRecordBuilder.setEventName}. */
  public static boolean hasEventNameField() {
    return HAS_SET_EVENT_NAME;
  }

  /**
   * One line for each feature this API lacks and what logbridge does instead; empty on a current
   * API.
   */
  public static List<String> limitations() {
    List<String> lines = new ArrayList<>();
    String found = "opentelemetry-api " + (API_VERSION == null ? "(unknown version)" : API_VERSION);
    if (!HAS_IS_SET && GLOBAL_FIELD == null) {
      lines.add(
          found
              + " has no GlobalOpenTelemetry.isSet() and its field could not be read:"
              + " logbridge cannot see GlobalOpenTelemetry being set; call LogBridge.install()");
    }
    if (!HAS_SET_EVENT_NAME) {
      lines.add(
          found
              + " has no LogRecordBuilder.setEventName (added in 1.50.0): event names"
              + " are exported as the attribute "
              + EVENT_NAME_ATTRIBUTE);
    }
    if (SHOULD_SUPPRESS == null) {
      lines.add(
          found
              + " has no InstrumentationUtil: records logged in a context OpenTelemetry"
              + " suppresses are not recognised (logger-name and thread filters still apply)");
    }
    return lines;
  }

  private static boolean hasMethod(Class<?> type, String name, Class<?>... parameters) {
    try {
      type.getMethod(name, parameters);
      return true;
    } catch (NoSuchMethodException | LinkageError | SecurityException e) {
      return false;
    }
  }

  private static MethodHandle globalFieldGetter() {
    try {
      Field field = GlobalOpenTelemetry.class.getDeclaredField("globalOpenTelemetry");
      MethodHandles.Lookup lookup =
          MethodHandles.privateLookupIn(GlobalOpenTelemetry.class, MethodHandles.lookup());
      // A volatile field: the handle reads it with volatile semantics.
      return lookup.unreflectGetter(field).asType(MethodType.methodType(Object.class));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static MethodHandle suppressionCheck() {
    ClassLoader loader = GlobalOpenTelemetry.class.getClassLoader();
    for (String name :
        new String[] {
          "io.opentelemetry.api.impl.InstrumentationUtil",
          "io.opentelemetry.api.internal.InstrumentationUtil"
        }) {
      try {
        Class<?> util = Class.forName(name, false, loader);
        return MethodHandles.publicLookup()
            .findStatic(
                util,
                "shouldSuppressInstrumentation",
                MethodType.methodType(boolean.class, Context.class));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // try the next location
      }
    }
    return null;
  }

  private static String readApiVersion() {
    return ArtifactVersions.versionOf(
        GlobalOpenTelemetry.class, "/io/opentelemetry/api/version.properties");
  }
}
