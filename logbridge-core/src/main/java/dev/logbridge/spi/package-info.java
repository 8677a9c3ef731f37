/**
 * The adapter SPI, for adapter authors: its public types are interfaces ({@link
 * dev.logbridge.spi.RecordTranslator}, {@link dev.logbridge.spi.RecordCapture}, {@link
 * dev.logbridge.spi.BodyFormatter}, {@link dev.logbridge.spi.KeyFilter}, {@link
 * dev.logbridge.spi.HandOff}, {@link dev.logbridge.spi.SettingsReader}, {@link
 * dev.logbridge.spi.StallWatchdogProvider}) plus the one class every adapter delegates to, {@link
 * dev.logbridge.spi.AdapterSupport}. The implementations behind the interfaces' static factories
 * and behind {@code AdapterSupport} (glob key filters, the lenient settings reader, the hand-off
 * stack, agent coexistence, the stall-watchdog lookup, the version check) are package-private
 * classes of this package, so the SPI does not depend on {@code dev.logbridge.internal}.
 *
 * <p>This package and {@code dev.logbridge} depend on each other by design (the two halves of one
 * API: {@code Bridge.capture} takes a {@code RecordTranslator}, {@code AdapterSupport} returns a
 * {@code Bridge}); ArchitectureTest treats them as one slice and forbids any other cycle.
 */
package dev.logbridge.spi;
