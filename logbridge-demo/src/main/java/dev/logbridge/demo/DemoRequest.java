package dev.logbridge.demo;

/**
 * One synthetic request of the simulated service; also logged as an attribute value, the
 * "request object" of the seed incident.
 *
 * <p>Thread-safety: immutable.
 */
record DemoRequest(long id, String method, String route, String worker) {}
