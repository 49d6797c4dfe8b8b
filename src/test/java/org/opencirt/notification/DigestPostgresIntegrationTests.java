package org.opencirt.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencirt.notification.internal.DigestScheduler;
import org.opencirt.pipeline.EventService;
import org.opencirt.pipeline.PipelineStoreFlow;
import org.opencirt.test.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The digest queries and the scheduler's bookkeeping on PostgreSQL: the organisations and events of the inputs that
 * finished in a period, settings saved twice (insert, then update), and a period made once.
 */
@PostgresIntegrationTest
class DigestPostgresIntegrationTests extends PipelineStoreFlow {

    @Autowired
    EventService events;
    @Autowired
    DigestScheduler scheduler;

    @Test
    void periodsOwnersAndEventsComeFromInputsThatFinishedInThemAndAreDigestedOnce() {
        Constituency c = constituency();
        long feedId = createFeed("AMBER");
        Instant before = Instant.now().minusSeconds(1);
        assertThat(upload(feedId, "pg.csv", snapshot(c, "p" + UUID.randomUUID().toString().substring(0, 6)), true)
                .status()).isEqualTo(201);
        Instant after = Instant.now().plusSeconds(1);

        assertThat(events.ownersOfInputsFinished(before, after)).containsExactlyInAnyOrder(c.bank(), c.isp());
        assertThat(events.ownersOfInputsFinished(after, after.plusSeconds(3600))).isEmpty();
        List<String> bank = events.ownEventsOfInputsFinished(c.bank(), before, after);
        assertThat(bank).hasSize(2).allSatisfy(line -> assertThat(JSON.readTree(line)
                .path("extra.source.organisation.id").asLong()).isEqualTo(c.bank()));

        assertThat(asAdmin().putJson("/api/v1/notifications/settings/" + c.bank(), Map.of("format", "XARF"))
                .status()).isEqualTo(200);
        assertThat(asAdmin().putJson("/api/v1/notifications/settings/" + c.bank(), Map.of("frequency", "HOURLY"))
                .json().path("format").asString()).isEqualTo("XARF");

        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
        List<Notification> digests = scheduler.runDue(tomorrow);
        assertThat(digests).extracting(Notification::organisationId).containsExactlyInAnyOrder(c.bank(), c.isp());
        assertThat(digests).allSatisfy(digest -> assertThat(digest.error()).isEqualTo("organisation has no contacts"));
        assertThat(scheduler.runDue(tomorrow)).isEmpty();
    }
}
