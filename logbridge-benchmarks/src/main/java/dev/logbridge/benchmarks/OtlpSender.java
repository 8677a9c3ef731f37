package dev.logbridge.benchmarks;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP client under the OTLP/HTTP exporter. Both senders are on the benchmark's class path;
 * the exporter would take whichever the service loader lists first, so a run names one and the
 * exporter gets a {@link ComponentLoader} that offers only that one.
 */
enum OtlpSender {
  /** OkHttp: the exporter's default sender. */
  OKHTTP("io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider"),
  /** The JDK's {@code java.net.http.HttpClient}. */
  JDK("io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider");

  private final String providerClass;

  OtlpSender(String providerClass) {
    this.providerClass = providerClass;
  }

  static OtlpSender parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A loader that hides every HTTP sender provider but this one, and fails if it is missing. */
  ComponentLoader loader() {
    ComponentLoader all = ComponentLoader.forClassLoader(OtlpSender.class.getClassLoader());
    return new ComponentLoader() {
      @Override
      public <T> Iterable<T> load(Class<T> type) {
        Iterable<T> found = all.load(type);
        if (type != HttpSenderProvider.class) {
          return found;
        }
        List<T> chosen = new ArrayList<>();
        for (T provider : found) {
          if (provider.getClass().getName().equals(providerClass)) {
            chosen.add(provider);
          }
        }
        if (chosen.isEmpty()) {
          throw new IllegalStateException(providerClass + " is not on the class path");
        }
        return chosen;
      }
    };
  }
}
