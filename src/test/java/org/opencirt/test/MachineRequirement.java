package org.opencirt.test;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Something a test class needs from the machine (PostgreSQL, Chromium). Without it the class is skipped on a
 * developer's machine, visibly and before Spring starts, but fails in CI ({@code CI=true}), so that a
 * misconfigured pipeline cannot go green by skipping. Subclasses say what is missing.
 */
public abstract class MachineRequirement implements ExecutionCondition, BeforeAllCallback {

    /** Null when the requirement is met, otherwise what is missing, in words a developer can act on. */
    protected abstract String missing();

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missing();
        if (missing == null || isCi()) {
            return ConditionEvaluationResult.enabled("requirement met or CI=true");
        }
        return ConditionEvaluationResult.disabled(missing + " (skipped; with CI=true this fails)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String missing = missing();
        if (missing != null) {
            Assertions.fail(missing + " (required because CI=true)");
        }
    }
}
