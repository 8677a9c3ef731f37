/**
 * Not API: logbridge-core's implementation (the pipeline and its thread, the capture ring,
 * accounting, coercion, the status channel, and the implementations behind the SPI's interfaces
 * and {@code AdapterSupport}: glob key filters, the settings reader, the hand-off stack, agent
 * coexistence, the stall-watchdog lookup, the version check), public only where core's other
 * packages reach it. Its types may change or disappear in any release; adapters and applications
 * use {@code dev.logbridge} and {@code dev.logbridge.spi} instead. ArchitectureTest keeps every
 * other module out of this package and fails on a public type here that no other package uses;
 * ApiSurfaceTest keeps its types out of API signatures.
 */
package dev.logbridge.internal;
