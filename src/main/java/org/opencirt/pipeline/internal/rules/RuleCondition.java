package org.opencirt.pipeline.internal.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.PipelineRule;

/** One compiled {@link PipelineRule.Condition}: the field to read and the test, built once per run. */
public final class RuleCondition {

    private final RuleField field;
    private final boolean negate;
    private final Set<String> values;
    private final Pattern regex;
    private final IPAddress network;
    private final int ipv4Base;
    private final int ipv4Mask;
    private final Boolean exists;

    private RuleCondition(RuleField field, boolean negate, Set<String> values, Pattern regex, IPAddress network,
            Boolean exists) {
        this.field = field;
        this.negate = negate;
        this.values = values;
        this.regex = regex;
        this.network = network;
        this.exists = exists;
        if (network != null && network.isIPv4()) {
            int bits = network.getNetworkPrefixLength() == null ? 32 : network.getNetworkPrefixLength();
            this.ipv4Mask = bits == 0 ? 0 : -1 << (32 - bits);
            this.ipv4Base = network.getLower().toIPv4().intValue() & ipv4Mask;
        } else {
            this.ipv4Mask = 0;
            this.ipv4Base = 0;
        }
    }

    /**
     * Compiles a condition.
     *
     * @throws RuleProblem naming the part at fault ({@code field}, {@code equals}, {@code in}, {@code regex},
     *                     {@code network}, or empty when no or several tests are given)
     */
    public static RuleCondition compile(PipelineRule.Condition condition) {
        if (condition == null) {
            throw new RuleProblem("", "is empty");
        }
        RuleField field;
        try {
            field = RuleField.of(condition.field());
        } catch (IllegalArgumentException e) {
            throw new RuleProblem("field", e.getMessage());
        }
        int tests = (condition.equals() != null ? 1 : 0) + (condition.in() != null ? 1 : 0)
                + (condition.regex() != null ? 1 : 0) + (condition.network() != null ? 1 : 0)
                + (condition.exists() != null ? 1 : 0);
        if (tests != 1) {
            throw new RuleProblem("", "needs exactly one of equals, in, regex, network, exists");
        }
        boolean negate = Boolean.TRUE.equals(condition.not());
        if (condition.equals() != null) {
            return new RuleCondition(field, negate, Set.of(canonical(field, condition.equals(), "equals")), null,
                    null, null);
        }
        if (condition.in() != null) {
            List<String> in = condition.in();
            if (in.isEmpty() || in.size() > 1000) {
                throw new RuleProblem("in", "needs 1 to 1000 values");
            }
            Set<String> values = new HashSet<>();
            for (String value : in) {
                values.add(canonical(field, value, "in"));
            }
            return new RuleCondition(field, negate, values, null, null, null);
        }
        if (condition.regex() != null) {
            try {
                return new RuleCondition(field, negate, null, Pattern.compile(condition.regex()), null, null);
            } catch (PatternSyntaxException e) {
                throw new RuleProblem("regex", "is not a regular expression: " + e.getDescription());
            }
        }
        if (condition.network() != null) {
            if (!field.isIp()) {
                throw new RuleProblem("network", "applies to source.ip or destination.ip only");
            }
            IPAddress network = new IPAddressString(condition.network().strip()).getAddress();
            if (network == null) {
                throw new RuleProblem("network", "'" + condition.network() + "' is not a CIDR such as 192.0.2.0/24");
            }
            return new RuleCondition(field, negate, null, null, network.toPrefixBlock(), null);
        }
        return new RuleCondition(field, negate, null, null, null, condition.exists());
    }

    private static String canonical(RuleField field, String value, String part) {
        if (value == null || value.isBlank()) {
            throw new RuleProblem(part, "needs a value");
        }
        try {
            String canonical = field.canonical(value);
            if (canonical == null) {
                throw new RuleProblem(part, "needs a value");
            }
            return canonical;
        } catch (RuleProblem e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new RuleProblem(part, e.getMessage());
        }
    }

    /** This condition with its field reading owner facts from {@code ownerIsCritical}, for a run. */
    RuleCondition withOwnerFacts(LongPredicate ownerIsCritical) {
        return new RuleCondition(field.withOwnerFacts(ownerIsCritical), negate, values, regex, network, exists);
    }

    /** Whether the event passes the test. */
    public boolean test(Event event) {
        return negate != holds(event);
    }

    private boolean holds(Event event) {
        if (network != null && network.isIPv4() && field.isSourceIp() && event.hasSourceIPv4()) {
            return (event.sourceIPv4() & ipv4Mask) == ipv4Base;
        }
        String value = field.value(event);
        if (exists != null) {
            return exists == (value != null);
        }
        if (value == null) {
            return false;
        }
        if (values != null) {
            return values.contains(value);
        }
        if (regex != null) {
            return regex.matcher(value).find();
        }
        IPAddress address = new IPAddressString(value).getAddress();
        return address != null && network.contains(address);
    }
}
