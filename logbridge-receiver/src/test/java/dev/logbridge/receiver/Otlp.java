package dev.logbridge.receiver;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Arrays;

/** Builders of OTLP protobuf messages for tests. */
final class Otlp {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  private Otlp() {}

  /** A request with one resource (service.name=test) and one scope (test-scope) holding {@code records}. */
  static ExportLogsServiceRequest request(LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(
                    Resource.newBuilder().addAttributes(kv("service.name", string("test"))))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("test-scope"))
                        .addAllLogRecords(Arrays.asList(records))))
        .build();
  }

  static LogRecord record(String body) {
    return LogRecord.newBuilder()
        .setBody(string(body))
        .setSeverityNumberValue(9)
        .setSeverityText("INFO")
        .build();
  }

  static byte[] records(int from, int count) {
    LogRecord[] records = new LogRecord[count];
    for (int i = 0; i < count; i++) {
      records[i] = record("record " + (from + i));
    }
    return request(records).toByteArray();
  }

  static AnyValue string(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }
}
