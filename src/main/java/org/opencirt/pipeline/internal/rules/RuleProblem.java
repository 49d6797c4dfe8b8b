package org.opencirt.pipeline.internal.rules;

/** A rule setting that cannot work, naming the part of the rule (such as {@code regex}) and why. */
public final class RuleProblem extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String part;

    public RuleProblem(String part, String message) {
        super(message);
        this.part = part;
    }

    /** The part of the rule or condition at fault, such as {@code field} or {@code in}. */
    public String part() {
        return part;
    }
}
