package dev.logbridge.sdk;

import dev.logbridge.internal.ProviderState;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Looks into the OpenTelemetry SDK's logger provider for what its public API does not tell:
 * whether it has been shut down, and which log processors it runs. See {@link ProviderState}.
 *
 * <p>How: the SDK keeps both in its package-private {@code LoggerSharedState} ({@code
 * hasBeenShutdown()}, {@code getLogRecordProcessor()}), reachable from {@code SdkLoggerProvider}'s
 * field {@code sharedState}. They are read by reflection, resolved once per provider into a bound
 * method handle, so the per-record check costs one handle call and one volatile read. The SDK
 * itself makes the same check in {@code emit()}. Instances reached through {@code
 * GlobalOpenTelemetry} (an obfuscating wrapper with a {@code delegate} field) are unwrapped the
 * same way. The SDK's {@code BatchLogRecordProcessor} stops taking records (dropping them into a
 * metric at most) as soon as its own {@code shutdown()} begins, before the provider records that
 * it is shut down; its worker's {@code isShutdown} flag is read too, so that records handed on in
 * that window are counted rather than lost. Should the SDK's internals change, or the module
 * system deny access, the provider is reported as not inspectable ({@link
 * ProviderState#limitation()}) and logbridge counts as before.
 *
 * <p>Loaded only when the SDK is on the class path (see {@link SdkSupport}).
 *
 * <p>Thread-safety: stateless; the states it returns are thread-safe.
 */
final class SdkProviderInspector {
  // By name, not instanceof: a processor of another copy of logbridge (another class loader)
  // counts too.
  private static final String PIPELINE_BATCH_PROCESSOR = PipelineBatchProcessor.class.getName();
  private static final int MAX_UNWRAP_DEPTH = 4;
  // The SDK's own no-op pieces, package-private in the SDK: known by name only.
  private static final String NOOP_PROCESSOR = "io.opentelemetry.sdk.logs.NoopLogRecordProcessor";
  private static final String NOOP_EXPORTER =
      "io.opentelemetry.sdk.logs.export.NoopLogRecordExporter";
  private static final String SIMPLE_PROCESSOR =
      "io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor";

  private SdkProviderInspector() {}

  /** The state of {@code openTelemetry}'s logger provider, or {@link ProviderState#OPAQUE}. */
  static ProviderState inspect(OpenTelemetry openTelemetry) {
    SdkLoggerProvider provider = findSdkLoggerProvider(openTelemetry);
    if (provider == null) {
      return ProviderState.OPAQUE; // not the SDK (a no-op, the agent's bridge, another SDK)
    }
    try {
      Field sharedStateField = SdkLoggerProvider.class.getDeclaredField("sharedState");
      sharedStateField.setAccessible(true);
      Object sharedState = sharedStateField.get(provider);
      MethodHandle hasBeenShutdown = boundNoArgs(sharedState, "hasBeenShutdown", boolean.class);
      MethodHandle processor =
          boundNoArgs(sharedState, "getLogRecordProcessor", LogRecordProcessor.class);
      List<Object> processors = flatten((LogRecordProcessor) processor.invokeExact());
      return new Inspected(
          hasBeenShutdown,
          batchShutdownFlags(processors),
          classify(processors),
          outcomesOf(processors),
          exportsNowhere(processors));
    } catch (Throwable t) {
      return ProviderState.unknown(
          "cannot look into the OpenTelemetry SDK's logger provider ("
              + t
              + "): if the application shuts the SDK down before logbridge's queue has drained, "
              + "records handed to it are counted as emitted although the SDK drops them");
    }
  }

  private static SdkLoggerProvider findSdkLoggerProvider(OpenTelemetry openTelemetry) {
    Object current = openTelemetry;
    for (int depth = 0; depth < MAX_UNWRAP_DEPTH && current != null; depth++) {
      if (current instanceof OpenTelemetrySdk) {
        return ((OpenTelemetrySdk) current).getSdkLoggerProvider();
      }
      current = fieldValue(current, "delegate"); // GlobalOpenTelemetry's wrapper
    }
    Object provider = openTelemetry.getLogsBridge();
    for (int depth = 0; depth < MAX_UNWRAP_DEPTH && provider != null; depth++) {
      if (provider instanceof SdkLoggerProvider) {
        return (SdkLoggerProvider) provider;
      }
      provider = provider instanceof LoggerProvider ? fieldValue(provider, "delegate") : null;
    }
    return null;
  }

  private static MethodHandle boundNoArgs(Object target, String name, Class<?> returnType)
      throws ReflectiveOperationException {
    Method method = target.getClass().getDeclaredMethod(name);
    method.setAccessible(true);
    return MethodHandles.lookup()
        .unreflect(method)
        .bindTo(target)
        .asType(MethodType.methodType(returnType));
  }

  private static ProviderState.ProcessorKind classify(List<Object> processors) {
    boolean sdkBatch = false;
    for (Object processor : processors) {
      if (processor.getClass().getName().equals(PIPELINE_BATCH_PROCESSOR)) {
        // Present: logbridge's records take this path whatever else is registered.
        return ProviderState.ProcessorKind.PIPELINE_BATCH;
      }
      sdkBatch |= processor instanceof BatchLogRecordProcessor;
    }
    return sdkBatch ? ProviderState.ProcessorKind.SDK_BATCH : ProviderState.ProcessorKind.OTHER;
  }

  /**
   * Whether each processor is the SDK's no-op one, or a known exporting processor (ours, the SDK's
   * batch or simple one) over the SDK's no-op exporter. Anything not recognised may export: then
   * false, so that an unknown processor never draws a false warning.
   */
  static boolean exportsNowhere(List<Object> processors) {
    for (Object processor : processors) {
      String name = processor.getClass().getName();
      if (name.equals(NOOP_PROCESSOR)) {
        continue;
      }
      Object exporter;
      if (name.equals(PIPELINE_BATCH_PROCESSOR)) {
        exporter = fieldValue(processor, "exporter");
      } else if (processor instanceof BatchLogRecordProcessor) {
        Object worker = fieldValue(processor, "worker");
        exporter = worker == null ? null : fieldValue(worker, "logRecordExporter");
      } else if (name.equals(SIMPLE_PROCESSOR)) {
        exporter = fieldValue(processor, "logRecordExporter");
      } else {
        return false;
      }
      if (!isNoopExporter(exporter)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNoopExporter(Object exporter) {
    for (int depth = 0; depth < MAX_UNWRAP_DEPTH && exporter != null; depth++) {
      if (exporter.getClass().getName().equals(NOOP_EXPORTER)) {
        return true;
      }
      exporter = fieldValue(exporter, "delegate"); // logbridge's ShieldedExporter
    }
    return false;
  }

  /**
   * The {@code isShutdown} flags of the SDK batch processors' workers. A batch processor whose
   * flag cannot be read is left out: the provider's own flag still covers it, a moment later.
   */
  private static List<AtomicBoolean> batchShutdownFlags(List<Object> processors) {
    List<AtomicBoolean> flags = new ArrayList<>();
    for (Object processor : processors) {
      if (processor instanceof BatchLogRecordProcessor) {
        Object worker = fieldValue(processor, "worker");
        Object flag = worker == null ? null : fieldValue(worker, "isShutdown");
        if (flag instanceof AtomicBoolean) {
          flags.add((AtomicBoolean) flag);
        }
      }
    }
    return flags;
  }

  private static Object fieldValue(Object target, String name) {
    try {
      Field field = target.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The processors that report what their exports lost; empty if there is none. */
  private static List<ExportOutcomes> outcomesOf(List<Object> processors) {
    List<ExportOutcomes> outcomes = new ArrayList<>();
    for (Object processor : processors) {
      if (processor instanceof ExportOutcomes) {
        outcomes.add((ExportOutcomes) processor);
      }
    }
    return outcomes;
  }

  /** The processors inside the SDK's composite ({@code MultiLogRecordProcessor}), or the one. */
  private static List<Object> flatten(Object processor) {
    List<Object> all = new ArrayList<>();
    try {
      Field children = processor.getClass().getDeclaredField("logRecordProcessors");
      children.setAccessible(true);
      for (Object child : (Collection<?>) children.get(processor)) {
        all.addAll(flatten(child));
      }
    } catch (ReflectiveOperationException | RuntimeException notComposite) {
      all.add(processor);
    }
    return all;
  }

  /** A provider whose shutdown flag and processors could be read. */
  private static final class Inspected implements ProviderState {
    private final MethodHandle hasBeenShutdown;
    private final List<AtomicBoolean> batchProcessorsShutDown;
    private final ProcessorKind kind;
    private final List<ExportOutcomes> outcomes;
    // Shutdown is final: once seen, no further handle calls. Written and read by any thread.
    private volatile boolean shutDown;

    private final boolean exportsNowhere;

    Inspected(
        MethodHandle hasBeenShutdown,
        List<AtomicBoolean> batchProcessorsShutDown,
        ProcessorKind kind,
        List<ExportOutcomes> outcomes,
        boolean exportsNowhere) {
      this.exportsNowhere = exportsNowhere;
      this.hasBeenShutdown = hasBeenShutdown;
      this.batchProcessorsShutDown = List.copyOf(batchProcessorsShutDown);
      this.kind = kind;
      this.outcomes = List.copyOf(outcomes);
    }

    @Override
    public long lostAfterEmit() {
      // Only a provider whose every path reports its losses can say how many it lost.
      if (outcomes.isEmpty() || kind != ProcessorKind.PIPELINE_BATCH) {
        return -1;
      }
      long lost = 0;
      for (ExportOutcomes processor : outcomes) {
        lost += processor.failedRecords();
      }
      return lost;
    }

    @Override
    public boolean exportsNowhere() {
      return exportsNowhere;
    }

    @Override
    public long unexported() {
      if (outcomes.isEmpty() || kind != ProcessorKind.PIPELINE_BATCH) {
        return -1;
      }
      long unexported = 0;
      for (ExportOutcomes processor : outcomes) {
        unexported += processor.unexportedRecords();
      }
      return unexported;
    }

    @Override
    public boolean isShutDown() {
      if (shutDown) {
        return true;
      }
      for (int i = 0; i < batchProcessorsShutDown.size(); i++) {
        if (batchProcessorsShutDown.get(i).get()) {
          shutDown = true;
          return true;
        }
      }
      try {
        if ((boolean) hasBeenShutdown.invokeExact()) {
          shutDown = true;
        }
      } catch (Throwable unexpected) {
        // The handle was resolved against this very object; nothing here throws in practice.
        return false;
      }
      return shutDown;
    }

    @Override
    public ProcessorKind processorKind() {
      return kind;
    }

    @Override
    public String limitation() {
      return null;
    }
  }
}
