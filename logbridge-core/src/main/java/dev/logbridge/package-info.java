/**
 * logbridge's API for applications ({@link dev.logbridge.LogBridge}, {@link dev.logbridge.Bridge},
 * {@link dev.logbridge.BridgeSettings}, {@link dev.logbridge.BridgeStats}, {@link
 * dev.logbridge.DropReason}, {@link dev.logbridge.CutKind}, {@link dev.logbridge.SettingProblem},
 * {@link dev.logbridge.StatusListener}), and, as package-private classes beside them, the engine
 * that {@code Bridge} drives: the capture ring and slots, the pipeline and its thread, accounting,
 * coercion, rendering, the emitter and the status channel (issue 16: "the engine in one package of
 * package-private classes"). Keeping the engine here rather than in {@code
 * dev.logbridge.internal} means no engine type has to be public for {@code Bridge} to use it, and
 * the root package and {@code internal} no longer depend on each other. The public types are the
 * API, pinned by ApiSurfaceTest; every other type here may change in any release.
 */
package dev.logbridge;
