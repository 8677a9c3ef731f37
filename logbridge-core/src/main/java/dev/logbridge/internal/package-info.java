/**
 * Not API: logbridge-core's implementation (the pipeline and its thread, the capture ring,
 * accounting, coercion, the status channel), public only so that core's other packages can
 * reach it. Its types may change or disappear in any release; adapters and applications use
 * {@code dev.logbridge} and {@code dev.logbridge.spi} instead. ArchitectureTest keeps every
 * other module out of this package, and ApiSurfaceTest keeps its types out of API signatures.
 */
package dev.logbridge.internal;
