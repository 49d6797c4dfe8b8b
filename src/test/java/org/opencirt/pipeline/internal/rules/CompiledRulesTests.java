package org.opencirt.pipeline.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.PipelineRule;

class CompiledRulesTests {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    private static PipelineRule rule(long id, int position, String action, List<PipelineRule.Condition> match,
            Long team, String severity) {
        return new PipelineRule(id, "r" + id, null, position, action, match, null, null, team, severity, true, NOW,
                NOW);
    }

    private static PipelineRule.Condition equals(String field, String value) {
        return new PipelineRule.Condition(field, value, null, null, null, null, null);
    }

    private static PipelineRule.Condition network(String field, String cidr, boolean not) {
        return new PipelineRule.Condition(field, null, null, null, cidr, null, not);
    }

    private static Event event(String ip, String transport) {
        return new Event().set(EventField.SOURCE_IP, ip).set(EventField.PROTOCOL_TRANSPORT, transport)
                .set(EventField.CLASSIFICATION_TYPE, "vulnerable-system");
    }

    @Test
    void valuesAreComparedInTheFieldsCanonicalForm() {
        CompiledRules rules = CompiledRules.compile(List.of(rule(1, 1, "drop",
                List.of(equals("protocol.transport", "TCP"), equals("source.ip", "2001:DB8:0:0::1")), null, null)),
                id -> null);
        assertThat(rules.filter(event("2001:db8::1", "tcp"))).isFalse();
        assertThat(rules.filter(event("2001:db8::2", "tcp"))).isTrue();
        assertThat(rules.filter(event("2001:db8::1", "udp"))).isTrue();
    }

    @Test
    void networkConditionsMatchIPv4AndIPv6AndCanBeInverted() {
        CompiledRules inside = CompiledRules.compile(List.of(rule(1, 1, "drop",
                List.of(network("source.ip", "10.20.0.0/16", false)), null, null)), id -> null);
        assertThat(inside.filter(event("10.20.255.1", "tcp"))).isFalse();
        assertThat(inside.filter(event("10.21.0.1", "tcp"))).isTrue();
        CompiledRules outside = CompiledRules.compile(List.of(rule(1, 1, "drop",
                List.of(network("source.ip", "2001:db8::/32", true)), null, null)), id -> null);
        assertThat(outside.filter(event("2001:db8:1::5", "tcp"))).isTrue();
        assertThat(outside.filter(event("2001:db9::5", "tcp"))).isFalse();
        assertThat(outside.filter(event("10.0.0.1", "tcp"))).isFalse();
        CompiledRules everything = CompiledRules.compile(List.of(rule(1, 1, "drop",
                List.of(network("source.ip", "0.0.0.0/0", false)), null, null)), id -> null);
        assertThat(everything.filter(event("203.0.113.9", "tcp"))).isFalse();
    }

    @Test
    void rulesRunInPositionOrderAndKeepEndsThem() {
        PipelineRule drop = rule(1, 20, "drop", List.of(), null, null);
        PipelineRule keep = rule(2, 10, "keep", List.of(equals("source.ip", "192.0.2.1")), null, null);
        CompiledRules rules = CompiledRules.compile(List.of(drop, keep), id -> null);
        assertThat(rules.filter(event("192.0.2.1", "tcp"))).isTrue();
        assertThat(rules.filter(event("192.0.2.2", "tcp"))).isFalse();
    }

    @Test
    void routeSetsTheTeamAndSeverityOnlyRises() {
        CompiledRules rules = CompiledRules.compile(List.of(
                rule(1, 1, "severity", List.of(), null, "high"),
                rule(2, 2, "route", List.of(), 7L, null),
                rule(3, 3, "severity", List.of(), null, "low")), id -> "Team " + id);
        Event event = event("192.0.2.1", "tcp");
        assertThat(rules.filter(event)).isTrue();
        assertThat(event.extra()).containsEntry("team.id", 7L).containsEntry("team.name", "Team 7")
                .containsEntry("severity", "high");
    }

    @Test
    void theDedupKeyDependsOnTheKeyFieldsOnly() throws Exception {
        PipelineRule dedup = new PipelineRule(1, "d", null, 1, "deduplicate", List.of(),
                List.of("source.ip", "source.port"), "PT24H", null, null, true, NOW, NOW);
        CompiledRules.Dedup rule = CompiledRules.compile(List.of(dedup), id -> null).dedups()[0];
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Event a = event("192.0.2.1", "tcp").set(EventField.SOURCE_PORT, "3389");
        Event sameKey = event("192.0.2.1", "udp").set(EventField.SOURCE_PORT, "3389");
        Event otherPort = event("192.0.2.1", "tcp").set(EventField.SOURCE_PORT, "3390");
        Event noPort = event("192.0.2.1", "tcp");
        assertThat(rule.keyHash(a, sha256)).hasSize(32).isEqualTo(rule.keyHash(sameKey, sha256))
                .isNotEqualTo(rule.keyHash(otherPort, sha256)).isNotEqualTo(rule.keyHash(noPort, sha256));
        assertThat(rule.windowMillis()).isEqualTo(86_400_000L);
    }

    @Test
    void conditionsThatCannotWorkNameTheirPart() {
        assertThatThrownBy(() -> RuleCondition.compile(equals("source.ipp", "1")))
                .isInstanceOfSatisfying(RuleProblem.class, e -> assertThat(e.part()).isEqualTo("field"));
        assertThatThrownBy(() -> RuleCondition.compile(equals("source.organisation.id", "bank")))
                .isInstanceOfSatisfying(RuleProblem.class, e -> assertThat(e.part()).isEqualTo("equals"));
        assertThatThrownBy(() -> RuleCondition.compile(network("source.ip", "10.0.0.0/33", false)))
                .isInstanceOfSatisfying(RuleProblem.class, e -> assertThat(e.part()).isEqualTo("network"));
        assertThat(RuleCondition.compile(equals("extra.source.organisation.id", "12")).test(ownedBy(12))).isTrue();
        assertThat(RuleCondition.compile(new PipelineRule.Condition("extra.tag", null, null, null, null, false, null))
                .test(ownedBy(12))).isTrue();
    }

    private static Event ownedBy(long organisation) {
        Event event = event("192.0.2.1", "tcp");
        event.setSourceOwner(organisation, "ip");
        return event;
    }
}
