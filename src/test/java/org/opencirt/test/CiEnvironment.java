package org.opencirt.test;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need something from the machine (PostgreSQL, Chromium) skip on a developer's laptop without it,
 * but fail in CI ({@code CI=true}), so that a misconfigured pipeline cannot go green by skipping them.
 */
public final class CiEnvironment {

    private CiEnvironment() {
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Aborts the calling test (reported as skipped) or, when {@code CI=true}, fails it. */
    public static void skipOrFail(String why) {
        if (isCi()) {
            Assertions.fail(why + " (required because CI=true)");
        }
        Assumptions.abort(why + " (skipped; set CI=true to make this a failure)");
    }
}
