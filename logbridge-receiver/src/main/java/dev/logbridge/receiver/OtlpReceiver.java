package dev.logbridge.receiver;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small OTLP/HTTP log receiver on the loopback interface, for local development, demos and tests.
 *
 * <p>It accepts {@code POST /v1/logs} in protobuf or JSON (optionally gzip), keeps the newest
 * {@link Builder#maxRecords(int) maxRecords} records in memory, counts everything, can copy records
 * to a JSONL file or a console, and can misbehave on request ({@link #setFault(Fault)}).
 *
 * <pre>{@code
 * try (OtlpReceiver receiver = OtlpReceiver.builder().port(0).build().start()) {
 *   exporterBuilder.setEndpoint(receiver.endpoint());
 *   ...
 *   List<ReceivedLogRecord> records = receiver.awaitRecords(3, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread. Requests are served by a fixed pool
 * of {@link Builder#threads(int) threads}; delays and hangs hold no thread, so a slow fault does not
 * stop other requests. {@link #close()} releases held requests and stops the server.
 *
 * <p>Loading this class sets the JDK server's {@code sun.net.httpserver.nodelay} system property
 * to {@code true} unless it is already set: without it, small responses wait for the client's
 * delayed ACK (tens of milliseconds each). The JDK reads the property once per process.
 */
public final class OtlpReceiver implements AutoCloseable {
  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  // Explicitly IPv4: getLoopbackAddress() may answer ::1, and senders default to 127.0.0.1.
  private static final InetAddress LOOPBACK = ipv4Loopback();

  private final Builder settings;
  private final RecordStore store;
  private final Counters counters = new Counters();
  private final FaultInjector faults = new FaultInjector();

  private final Object lifecycleLock = new Object();
  // Guarded by lifecycleLock; the server is published through the volatile for lock-free reads.
  private boolean started;
  private boolean closed;
  private volatile HttpServer server;
  private ExecutorService executor;
  private ScheduledThreadPoolExecutor scheduler;
  private final List<RecordSink> sinks = new ArrayList<>();

  private OtlpReceiver(Builder settings) {
    this.settings = settings.copy();
    this.store = new RecordStore(settings.maxRecords);
    faults.set(settings.fault);
  }

  /** Returns a builder with the defaults: ephemeral port, 100,000 records, 16 MiB bodies. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this receiver
   * @throws UncheckedIOException when the port cannot be bound or the JSONL file opened
   * @throws IllegalStateException when already started or closed
   */
  public OtlpReceiver start() {
    synchronized (lifecycleLock) {
      if (started || closed) {
        throw new IllegalStateException(closed ? "receiver is closed" : "receiver already started");
      }
      started = true;
      try {
        if (settings.jsonl != null) {
          sinks.add(WriterSink.jsonl(settings.jsonl));
        }
        if (settings.print != null) {
          sinks.add(WriterSink.print(settings.print));
        }
        if (settings.listener != null) {
          sinks.add(listenerSink(settings.listener));
        }
        scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("logbridge-receiver-delay"));
        scheduler.setRemoveOnCancelPolicy(true);
        executor =
            new ThreadPoolExecutor(
                settings.threads,
                settings.threads,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                daemonThreads("logbridge-receiver-http"));
        HttpServer http = HttpServer.create(new InetSocketAddress(LOOPBACK, settings.port), 64);
        http.createContext(
            "/", new LogsHandler(settings.maxBodyBytes, store, counters, faults, sinks, scheduler));
        http.setExecutor(executor);
        http.start();
        server = http;
      } catch (IOException e) {
        shutdown();
        throw new UncheckedIOException(
            "cannot start receiver on 127.0.0.1:" + settings.port + ": " + e.getMessage(), e);
      }
      return this;
    }
  }

  /** Returns the bound port. */
  public int port() {
    return requireServer().getAddress().getPort();
  }

  /** Returns {@code http://127.0.0.1:PORT/}. */
  public URI baseUri() {
    return URI.create("http://" + LOOPBACK.getHostAddress() + ":" + port() + "/");
  }

  /** Returns the logs endpoint, {@code http://127.0.0.1:PORT/v1/logs}, as exporters take it. */
  public String endpoint() {
    return baseUri().resolve(LogsHandler.PATH.substring(1)).toString();
  }

  /**
   * Waits until at least {@code count} records are kept, and returns all kept records, oldest first.
   *
   * @throws AssertionError when {@code deadline} passes first (or the thread is interrupted); its
   *     message says what did arrive and the counters
   * @throws IllegalArgumentException when {@code count} exceeds what the receiver can keep
   */
  public List<ReceivedLogRecord> awaitRecords(int count, Duration deadline) {
    if (count > store.capacity()) {
      throw new IllegalArgumentException(
          "cannot wait for " + count + " records: the receiver keeps at most " + store.capacity());
    }
    try {
      List<ReceivedLogRecord> records = store.await(count, deadline);
      if (records != null) {
        return records;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(
          "interrupted while waiting for " + count + " log records; " + describe(), e);
    }
    throw new AssertionError(
        "expected at least " + count + " log records within " + deadline + "; " + describe());
  }

  /** Returns the kept records, oldest first. */
  public List<ReceivedLogRecord> records() {
    return snapshot().records();
  }

  /** Returns the counters. */
  public ReceiverStats stats() {
    return snapshot().stats();
  }

  /** Returns the kept records and the counters, the record counts consistent with the list. */
  public ReceiverSnapshot snapshot() {
    RecordStore.View view = store.view();
    return new ReceiverSnapshot(view.records, counters.stats(view));
  }

  /** Forgets all records and zeroes all counters; the fault stays as it is. */
  public void reset() {
    store.clear();
    counters.reset();
  }

  /** Installs {@code fault} for the following requests; a fault that does not hang releases held ones. */
  public void setFault(Fault fault) {
    faults.set(Objects.requireNonNull(fault, "fault"));
  }

  /** Removes any fault, releasing held requests (they get 503, so their records are not kept). */
  public void clearFault() {
    faults.set(Fault.none());
  }

  /** Returns the installed fault. */
  public Fault fault() {
    return faults.current();
  }

  /** Releases held requests, stops the server and its threads, and closes the outputs. Idempotent. */
  @Override
  public void close() {
    synchronized (lifecycleLock) {
      if (closed) {
        return;
      }
      closed = true;
      shutdown();
    }
  }

  private void shutdown() {
    faults.close();
    if (scheduler != null) {
      // Delayed answers not yet sent are abandoned; stopping the server closes their connections.
      scheduler.shutdownNow();
    }
    HttpServer http = server;
    if (http != null) {
      http.stop(0);
    }
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sinks.forEach(RecordSink::close);
  }

  private static RecordSink listenerSink(Consumer<List<ReceivedLogRecord>> listener) {
    return new RecordSink() {
      @Override
      public void accept(List<ReceivedLogRecord> records) {
        try {
          listener.accept(Collections.unmodifiableList(records));
        } catch (RuntimeException e) {
          // The caller's problem, not the request's: the records are stored and answered.
        }
      }

      @Override
      public void close() {}
    };
  }

  private HttpServer requireServer() {
    HttpServer http = server;
    if (http == null) {
      throw new IllegalStateException("receiver not started");
    }
    return http;
  }

  private String describe() {
    ReceiverSnapshot snapshot = snapshot();
    List<ReceivedLogRecord> records = snapshot.records();
    StringBuilder out = new StringBuilder().append(records.size()).append(" arrived");
    int shown = Math.min(records.size(), 10);
    for (int i = 0; i < shown; i++) {
      out.append("\n  ").append(records.get(i));
    }
    if (records.size() > shown) {
      out.append("\n  ... ").append(records.size() - shown).append(" more");
    }
    return out.append("\n  stats: ")
        .append(snapshot.stats())
        .append("\n  fault: ")
        .append(fault())
        .toString();
  }

  private static InetAddress ipv4Loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException impossible) {
      throw new AssertionError(impossible);
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger next = new AtomicInteger(1);
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * A builder of {@link OtlpReceiver}s; each setter validates its argument.
   *
   * <p>Not thread-safe: confine each builder to one thread. {@link #build()} copies the settings,
   * so a builder may be changed and reused afterwards.
   */
  public static final class Builder {
    private int port;
    private int maxRecords = 100_000;
    private long maxBodyBytes = 16L * 1024 * 1024;
    private int threads = 4;
    private Path jsonl;
    private PrintStream print;
    private Consumer<List<ReceivedLogRecord>> listener;
    private Fault fault = Fault.none();

    private Builder() {}

    /** Sets the TCP port, 0 (the default) for an ephemeral one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Checks the bind address: only {@code 127.0.0.1} (or {@code localhost}) is allowed, because a
     * test receiver must never be reachable from another machine.
     */
    public Builder host(String host) {
      if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
        throw new IllegalArgumentException("the receiver binds to 127.0.0.1 only, not " + host);
      }
      return this;
    }

    /** Sets how many of the newest records are kept (default 100,000); older ones are evicted. */
    public Builder maxRecords(int maxRecords) {
      if (maxRecords <= 0) {
        throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
      }
      this.maxRecords = maxRecords;
      return this;
    }

    /** Sets the largest body accepted, before and after decompression (default 16 MiB); beyond it 413. */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "maxBodyBytes must be 1.." + (Integer.MAX_VALUE - 8) + ": " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Sets the number of HTTP threads (default 4). */
    public Builder threads(int threads) {
      if (threads <= 0 || threads > 64) {
        throw new IllegalArgumentException("threads must be 1..64: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Appends every stored record as one JSON line to {@code file} (created when missing). */
    public Builder jsonlOutput(Path file) {
      this.jsonl = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Prints every stored record as one readable line to {@code out}. */
    public Builder print(PrintStream out) {
      this.print = Objects.requireNonNull(out, "out");
      return this;
    }

    /**
     * Hands every batch of stored records, evicted later or not, to {@code listener}, on the
     * receiver's HTTP threads, concurrently: for a caller that must see every record (matching
     * by content) without keeping them all. What {@code listener} throws is contained.
     */
    public Builder listener(Consumer<List<ReceivedLogRecord>> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Sets the fault in force from the start (default none). */
    public Builder fault(Fault fault) {
      this.fault = Objects.requireNonNull(fault, "fault");
      return this;
    }

    private Builder copy() {
      Builder copy = new Builder();
      copy.port = port;
      copy.maxRecords = maxRecords;
      copy.maxBodyBytes = maxBodyBytes;
      copy.threads = threads;
      copy.jsonl = jsonl;
      copy.print = print;
      copy.listener = listener;
      copy.fault = fault;
      return copy;
    }

    /** Returns a receiver, not yet started. */
    public OtlpReceiver build() {
      return new OtlpReceiver(this);
    }
  }
}
