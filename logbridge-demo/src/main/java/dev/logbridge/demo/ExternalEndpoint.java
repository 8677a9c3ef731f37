package dev.logbridge.demo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code --endpoint} option: the URL of an external OTLP/HTTP collector, checked before the
 * run so that a typo is a usage error (exit 2) instead of a run whose every export fails.
 *
 * <p>A base URL ({@code http://host:4318} or {@code http://host:4318/}) gets the OTLP logs path
 * {@code /v1/logs} appended, as the OpenTelemetry exporters do with
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}; a URL with any other path is used as given, like
 * {@code OTEL_EXPORTER_OTLP_LOGS_ENDPOINT}.
 *
 * <p>Thread-safety: stateless.
 */
final class ExternalEndpoint {
  static final String LOGS_PATH = "/v1/logs";

  private ExternalEndpoint() {}

  /**
   * The logs URL for {@code text}.
   *
   * @throws IllegalArgumentException with a message for the user when {@code text} is not an
   *     http or https URL with a host
   */
  static URI logsUrl(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw invalid(text, e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(text, "the scheme must be http or https");
    }
    // URI leaves the host null for "http://", "http:///v1/logs" and hosts it cannot parse.
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid(text, "no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(text, "no query or fragment expected");
    }
    String path = uri.getRawPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return URI.create(scheme + "://" + uri.getRawAuthority() + LOGS_PATH);
    }
    return uri;
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "--endpoint must be an http or https URL with a host,"
            + " such as http://127.0.0.1:4318 ("
            + why
            + "): '"
            + text
            + "'");
  }
}
