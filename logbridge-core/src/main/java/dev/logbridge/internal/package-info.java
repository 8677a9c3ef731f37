/**
 * Not API: what another package of logbridge-core must see and that names no type of {@code
 * dev.logbridge} or {@code dev.logbridge.spi} — the hooks between the engine and {@code
 * dev.logbridge.sdk} ({@code SdkHooks}, {@code ProviderState}, {@code PipelineHooks}, {@code
 * LivePipelines}, {@code ArtifactVersions}) and the OpenTelemetry API probe ({@code
 * OpenTelemetryApiSupport}, used by the engine, the SPI's version check and the SDK support). The
 * engine itself is package-private in {@code dev.logbridge}, the SPI's implementations are
 * package-private in {@code dev.logbridge.spi}. Its types may change or disappear in any release;
 * adapters and applications use {@code dev.logbridge} and {@code dev.logbridge.spi} instead.
 * ArchitectureTest keeps every other module out of this package, fails on a public type here that
 * no other package uses, and on any cycle (this package depends on neither the root package nor
 * spi); ApiSurfaceTest keeps its types out of API signatures.
 */
package dev.logbridge.internal;
