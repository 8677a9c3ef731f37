package dev.logbridge.demo;

/**
 * One synthetic request of the simulated service; also logged as an attribute value, the
 * "request object" of the seed incident.
 *
 * <p>Thread-safety: immutable.
 */
record DemoRequest(long id, String method, String route, String worker) {
  /**
   * The request's reference in each of its log calls' bodies, {@code #<thread>.<index>}, by
   * which the report matches what the collector received with the calls made ({@link
   * DeliveryTally}).
   */
  String ref() {
    return "#" + (id >>> 32) + "." + (id & 0xFFFF_FFFFL);
  }
}
