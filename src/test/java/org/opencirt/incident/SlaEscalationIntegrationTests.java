package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.incident.internal.SlaEscalation;
import org.opencirt.incident.internal.SlaPolicy;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/** SLA in business time and escalation of overdue incidents to the duty officer, once. */
@IntegrationTest
@RecordApplicationEvents
class SlaEscalationIntegrationTests extends IncidentMailTestSupport {

    @Autowired
    SlaEscalation escalation;

    @Autowired
    SlaPolicy policy;

    @Autowired
    ApplicationEvents events;

    @Test
    void overdueIncidentIsEscalatedOnceWithOneMailToTheDutyOfficer() throws Exception {
        long incident = incident();
        long answered = incident();
        dueInThePast(incident, true);
        asAdmin().postJson("/api/v1/incidents/" + answered + "/transitions",
                Map.of("state", "IN_PROGRESS", "reason", "on it"));
        dueInThePast(answered, false);
        int mailsBefore = receivedBy(DUTY_OFFICER).size();

        int first = escalation.escalateOverdue();
        int second = escalation.escalateOverdue();

        assertThat(first).isGreaterThanOrEqualTo(1);
        assertThat(second).isZero();
        List<MimeMessage> mails = receivedBy(DUTY_OFFICER).stream().skip(mailsBefore)
                .filter(m -> subject(m).startsWith("[OpenCIRT #" + incident + "]")).toList();
        assertThat(mails).hasSize(1);
        assertThat(subject(mails.get(0))).isEqualTo("[OpenCIRT #" + incident + "] Overdue medium incident");
        assertThat(mails.get(0).getContentType()).startsWith("multipart/signed");
        JsonNode escalated = asAdmin().get("/api/v1/incidents/" + incident).json();
        assertThat(escalated.path("escalatedAt").isNull()).isFalse();
        assertThat(asAdmin().get("/api/v1/incidents/" + incident + "/timeline").json().valueStream()
                .map(n -> n.path("body").asString()).filter(b -> b.startsWith("Escalated to the duty officer"))
                .toList()).singleElement().asString().contains(DUTY_OFFICER, "first response overdue since",
                        "resolution overdue since");
        assertThat(auditActions("incident", incident)).containsSubsequence("CREATE", "ESCALATE", "SEND")
                .containsOnlyOnce("ESCALATE");
        assertThat(events.stream(IncidentEscalated.class).filter(e -> e.incidentId() == incident).toList())
                .singleElement().satisfies(e -> {
                    assertThat(e.responseOverdue()).isTrue();
                    assertThat(e.resolutionOverdue()).isTrue();
                    assertThat(e.notified()).containsExactly(DUTY_OFFICER);
                });
        assertThat(asAdmin().get("/api/v1/incidents/" + answered).json().path("escalatedAt").isNull()).isTrue();
    }

    @Test
    void dueDatesSkipTheHolidaysAdministratorsKeep() {
        Instant fridayAfternoon = Instant.parse("2031-12-26T16:00:00Z");
        TestHttpClient analyst = as(createUser(Role.ANALYST));
        assertThat(policy.responseDue(Severity.MEDIUM, fridayAfternoon))
                .isEqualTo(Instant.parse("2031-12-29T16:00:00Z"));

        Response added = asAdmin().putJson("/api/v1/sla/holidays/2031-12-29", Map.of("name", "Bridge day"));

        assertThat(added.status()).as(added.body()).isEqualTo(200);
        try {
            assertThat(policy.responseDue(Severity.MEDIUM, fridayAfternoon))
                    .isEqualTo(Instant.parse("2031-12-30T16:00:00Z"));
            assertThat(policy.responseDue(Severity.HIGH, fridayAfternoon))
                    .isEqualTo(Instant.parse("2031-12-30T12:00:00Z"));
            assertThat(policy.responseDue(Severity.CRITICAL, fridayAfternoon))
                    .as("critical counts around the clock").isEqualTo(Instant.parse("2031-12-26T17:00:00Z"));
            JsonNode sla = analyst.get("/api/v1/sla").json();
            assertThat(sla.path("workingHours").asString()).isEqualTo("09:00-17:00");
            assertThat(sla.path("timeZone").asString()).isEqualTo("UTC");
            assertThat(sla.path("responseTargets").path("MEDIUM").asString()).isEqualTo("PT24H");
            assertThat(sla.path("holidays").valueStream().map(h -> h.path("date").asString()).toList())
                    .contains("2031-12-29");
            assertThat(analyst.putJson("/api/v1/sla/holidays/2031-12-31", Map.of("name", "Eve")).status())
                    .isEqualTo(403);
            assertThat(asAdmin().putJson("/api/v1/sla/holidays/2031-12-31", Map.of("name", " ")).status())
                    .isEqualTo(422);
            assertThat(auditActions("sla-holiday", "2031-12-29")).containsExactly("CREATE");
        } finally {
            assertThat(asAdmin().delete("/api/v1/sla/holidays/2031-12-29").status()).isEqualTo(204);
        }
        assertThat(policy.responseDue(Severity.MEDIUM, fridayAfternoon))
                .isEqualTo(Instant.parse("2031-12-29T16:00:00Z"));
        assertThat(asAdmin().delete("/api/v1/sla/holidays/2031-12-29").status()).isEqualTo(404);
    }

    /** Moves the incident's due dates two days back, as if it had been opened then. */
    private void dueInThePast(long incident, boolean resolutionToo) {
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2);
        jdbc.sql("update incident set response_due = ?, resolution_due = ? where id = ?")
                .params(past, resolutionToo ? past : past.plusDays(30), incident).update();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
