/**
 * The logbridge doctor: a thread-dump model, parsers for HotSpot text dumps and JDK JSON dumps, an analyser that
 * turns a dump into a {@link dev.logbridge.doctor.Diagnosis} with a {@link dev.logbridge.doctor.Verdict}, and the
 * in-process {@link dev.logbridge.doctor.StallWatchdog}.
 *
 * <p>This package depends on no logging framework on purpose: it must keep working when logging is what froze.
 */
package dev.logbridge.doctor;
