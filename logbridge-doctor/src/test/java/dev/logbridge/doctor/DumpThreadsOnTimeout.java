package dev.logbridge.doctor;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A JUnit extension that prints this JVM's threads when a test fails by running out of time ({@code @Timeout}),
 * so a deadline-bound test explains where it hung.
 *
 * <p>Stateless and thread-safe.
 */
public final class DumpThreadsOnTimeout implements TestExecutionExceptionHandler {
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (failure instanceof TimeoutException
        || (failure.getMessage() != null && failure.getMessage().contains("timed out after"))) {
      TestThreads.printAll(context.getDisplayName() + ": " + failure.getMessage());
    }
    throw failure;
  }
}
