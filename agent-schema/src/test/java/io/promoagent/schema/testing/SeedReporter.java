package io.promoagent.schema.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Puts the seed of a failed {@link SeededProperty} case, and how to replay it, in front of the failure, so
 * that it shows in the build output whatever the report format.
 */
public final class SeedReporter implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String name = context.getDisplayName();
        if (failure instanceof TestAbortedException || !name.startsWith(SeedArguments.NAME_PREFIX)) {
            throw failure;
        }
        String seed = name.substring(SeedArguments.NAME_PREFIX.length());
        String test = context.getRequiredTestClass().getSimpleName() + "#" + context.getRequiredTestMethod().getName();
        throw new AssertionError(test + " fails for seed " + seed + "; replay it with -Dtest='" + test
                + "' -D" + SeedArguments.SEED + "=" + seed + "\n" + failure, failure);
    }
}
