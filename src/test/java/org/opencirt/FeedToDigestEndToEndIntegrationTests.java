package org.opencirt;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencirt.common.PageRequest;
import org.opencirt.common.SqlSupport;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.ResponsibilityLookup;
import org.opencirt.notification.DigestFrequency;
import org.opencirt.notification.Notification;
import org.opencirt.notification.internal.DigestScheduler;
import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.FeedService;
import org.opencirt.pipeline.InputService;
import org.opencirt.pipeline.RawInput;
import org.opencirt.pipeline.internal.demo.DemoFeeds;
import org.opencirt.pipeline.internal.intake.WatchedFolder;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestMail;
import org.opencirt.test.TestMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4's end-to-end check on a demo installation (the Republic of Caldera with its demo feeds), over real SMTP:
 * a Shadowserver report dropped into the watched folder becomes events, each affected organisation gets one signed
 * digest with a CSV of its own events only, running the scheduler again (also after a stop before it recorded its
 * progress) sends nothing twice, and the organisation's portal user sees its own events and nobody else's.
 */
@IntegrationTest
@TestPropertySource(properties = {"opencirt.demo-data=true", "opencirt.pipeline.watch-interval=300ms",
        "opencirt.test.context=feed-to-digest"})
class FeedToDigestEndToEndIntegrationTests extends IntegrationTestSupport {

    private static final String REPORT = "2026-11-25-scan_rdp-caldera.csv";

    @RegisterExtension
    static final TestMailServer MAIL = new TestMailServer();

    @Autowired
    FeedService feeds;
    @Autowired
    InputService inputs;
    @Autowired
    WatchedFolder watchedFolder;
    @Autowired
    DigestScheduler scheduler;
    @Autowired
    ContactService contacts;
    @Autowired
    ResponsibilityLookup lookup;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
    }

    @Test
    void reportDroppedIntoTheWatchedFolderReachesEachAffectedOrganisationOnceAndItsPortal() throws Exception {
        Feed feed = feeds.list().stream().filter(f -> f.name().equals(DemoFeeds.SAMPLE_FEED)).findFirst()
                .orElseThrow();
        Path folder = watchedFolder.folderOf(feed).orElseThrow();
        // the demo's own sample report, dropped at first start, is taken in first
        RawInput sample = awaitTakenIn(feed, folder, "2026-11-24-scan_rdp-caldera.csv");
        assertThat(sample.eventsStored()).isEqualTo(13);
        assertThat(sample.eventsOutside()).isEqualTo(2);
        assertThat(sample.quarantined()).isEqualTo(1);

        // the next day's report, written as .part and renamed when complete, as a mail robot would
        Path partial = folder.resolve(REPORT + WatchedFolder.PARTIAL_SUFFIX);
        Files.writeString(partial, DemoFeeds.sample().replace("\"2026-11-24 ", "\"2026-11-25 "));
        Files.move(partial, folder.resolve(REPORT));
        RawInput report = awaitTakenIn(feed, folder, REPORT);
        assertThat(report.eventsStored()).isEqualTo(13);

        Map<Long, Set<String>> expected = ownAddressesByOrganisation();
        long bank = lookup.ownerOfIp("10.32.88.15");
        assertThat(expected).hasSize(8).containsKey(bank);
        assertThat(expected.get(bank)).containsExactlyInAnyOrder("10.32.88.15", "10.32.88.77", "2001:db8:1810::25");
        assertThat(expected.values().stream().flatMap(Set::stream)).doesNotContain("192.0.2.44", "203.0.113.7");

        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
        List<Notification> digests = scheduler.runDue(tomorrow);

        assertThat(digests).extracting(Notification::organisationId)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        PGPPublicKey installationKey = TestMail.installationKey(asAdmin());
        for (Notification digest : digests) {
            assertThat(digest.state()).as(digest.toString()).isEqualTo(Notification.State.SENT);
            assertThat(digest.intervalTo()).isEqualTo(DigestFrequency.DAILY.floor(tomorrow.minusSeconds(60)));
            List<String> addresses = contacts.ofOrganisation(digest.organisationId()).stream().map(Contact::email)
                    .toList();
            assertThat(digest.recipients()).containsExactlyInAnyOrderElementsOf(addresses);
            Set<String> expectedAddresses = expected.get(digest.organisationId());
            assertThat(digest.eventCount()).isEqualTo(2 * expectedAddresses.size());
            for (String address : addresses) {
                List<MimeMessage> mails = TestMail.receivedBy(MAIL.server(), address);
                assertThat(mails).as("digest mails to " + address).hasSize(1);
                MimeMultipart content = TestMail.verifiedSignedContent(TestMail.raw(mails.get(0)), installationKey);
                List<CSVRecord> rows = csvRows(TestMail.attachment(content, "events.csv"));
                assertThat(rows).hasSize(digest.eventCount()).allSatisfy(row -> assertThat(
                        row.get("extra.source.organisation.id")).isEqualTo(Long.toString(digest.organisationId())));
                assertThat(rows.stream().map(row -> row.get("source.ip")).collect(Collectors.toSet()))
                        .isEqualTo(expectedAddresses);
            }
        }

        // the scheduler again, then again after a stop that lost its progress but not the recorded digests
        int received = MAIL.server().getReceivedMessages().length;
        long recorded = notificationCount();
        assertThat(scheduler.runDue(tomorrow)).isEmpty();
        jdbc.sql("update digest_progress set done_until = ? where digest_interval = 'DAILY'")
                .param(SqlSupport.utc(DigestFrequency.DAILY.floor(Instant.now()))).update();
        assertThat(scheduler.runDue(tomorrow)).hasSameSizeAs(digests);
        MAIL.server().waitForIncomingEmail(1000, received + 1);
        assertThat(MAIL.server().getReceivedMessages()).hasSize(received);
        assertThat(notificationCount()).isEqualTo(recorded);

        // the bank's demo portal user sees its own events and digest, and nothing of the others
        TestHttpClient constituent = TestHttpClient.basic(port, "constituent", ADMIN_PASSWORD);
        JsonNode own = constituent.get("/api/v1/events?size=500").json();
        assertThat(own.path("items").valueStream().map(e -> e.path("sourceIp").asString()).collect(
                Collectors.toSet())).isEqualTo(expected.get(bank));
        assertThat(own.path("total").asLong()).isEqualTo(6);
        assertThat(constituent.get("/api/v1/notifications").json().path("items").valueStream()
                .map(n -> n.path("organisationId").asLong()).toList()).containsExactly(bank);
        TestHttpClient portal = anonymous();
        assertThat(portal.login("constituent", ADMIN_PASSWORD).status()).isEqualTo(302);
        String page = portal.get("/pipeline/events").body();
        assertThat(page).contains("10.32.88.15", "2001:db8:1810::25").doesNotContain("10.224.0.20", "10.0.1.9");
    }

    /** Every stored event's address by owning organisation, as staff see them through the API. */
    private Map<Long, Set<String>> ownAddressesByOrganisation() {
        Map<Long, Set<String>> byOrganisation = new HashMap<>();
        asAdmin().get("/api/v1/events?size=500").json().path("items").forEach(event -> {
            if (!event.path("organisationId").isNull()) {
                byOrganisation.computeIfAbsent(event.path("organisationId").asLong(), id -> new TreeSet<>())
                        .add(event.path("sourceIp").asString());
            }
        });
        return byOrganisation;
    }

    private RawInput awaitTakenIn(Feed feed, Path folder, String fileName) {
        Awaitility.await(fileName + " taken in and processed").atMost(Duration.ofSeconds(30)).until(() ->
                Files.exists(folder.resolve(WatchedFolder.PROCESSED).resolve(fileName))
                        && inputs.list(feed.id(), PageRequest.of(0, 50)).items().stream()
                        .anyMatch(i -> i.fileName().equals(fileName) && i.state().equals("done")));
        assertThat(folder.resolve(fileName)).doesNotExist();
        return inputs.list(feed.id(), PageRequest.of(0, 50)).items().stream()
                .filter(i -> i.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    private long notificationCount() {
        return asAdmin().get("/api/v1/notifications").json().path("total").asLong();
    }

    private static List<CSVRecord> csvRows(String csv) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
    }
}
