package org.opencirt.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.Role;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.PgpTestKeys;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestMail;
import org.opencirt.test.TestMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@IntegrationTest
class NotificationDigestIntegrationTests extends IntegrationTestSupport {

    private static final DigestInterval DAY = new DigestInterval(Instant.parse("2026-11-24T00:00:00Z"),
            Instant.parse("2026-11-25T00:00:00Z"));

    @RegisterExtension
    static final TestMailServer MAIL = new TestMailServer();

    @Autowired
    NotificationService notifications;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
    }

    @Test
    void encryptedDigestDecryptsToSignedCsvOfOwnEvents() throws Exception {
        PgpTestKeys.KeyPair recipientKey = PgpTestKeys.generatePair();
        long own = createOrganisation();
        long other = createOrganisation();
        String address = createContact(own, "en", recipientKey.armoured());

        Notification sent = notifications.sendDigest(own, DAY, List.of(event(own, "192.0.2.10"),
                event(other, "198.51.100.7"), event(own, "192.0.2.11"))).orElseThrow();

        assertThat(sent.state()).isEqualTo(Notification.State.SENT);
        assertThat(sent.encrypted()).isTrue();
        assertThat(sent.eventCount()).isEqualTo(2);
        MimeMessage mail = receivedBy(address).get(0);
        assertThat(mail.getContentType()).startsWith("multipart/encrypted")
                .contains("application/pgp-encrypted");
        MimeMultipart encrypted = (MimeMultipart) mail.getContent();
        assertThat(encrypted.getBodyPart(0).getContentType()).startsWith("application/pgp-encrypted");
        byte[] clear = TestMail.decrypt(encrypted.getBodyPart(1).getInputStream(), recipientKey);
        String csv = csvOfVerifiedSignedEntity(clear);
        assertThat(csv.lines().toList()).hasSize(3);
        assertThat(csv).startsWith("classification.taxonomy,").contains("192.0.2.10", "192.0.2.11")
                .doesNotContain("198.51.100.7");
    }

    @Test
    void digestToContactWithoutKeyIsSignedAndVerifies() throws Exception {
        long own = createOrganisation();
        String address = createContact(own, "en", null);

        Notification sent = notifications.sendDigest(own, DAY, List.of(event(own, "192.0.2.20"))).orElseThrow();

        assertThat(sent.signed()).isTrue();
        assertThat(sent.encrypted()).isFalse();
        MimeMessage mail = receivedBy(address).get(0);
        assertThat(mail.getContentType()).startsWith("multipart/signed").contains("pgp-sha256");
        assertThat(mail.getSubject()).contains("1 security events concerning your networks");
        assertThat(csvOfVerifiedSignedEntity(TestMail.raw(mail))).contains("192.0.2.20");
    }

    @Test
    void frenchContactGetsTheFrenchTemplate() throws Exception {
        long own = createOrganisation();
        String address = createContact(own, "fr", null);

        Notification sent = notifications.sendDigest(own, DAY, List.of(event(own, "192.0.2.30"))).orElseThrow();

        assertThat(sent.language()).isEqualTo("fr");
        MimeMessage mail = receivedBy(address).get(0);
        assertThat(mail.getSubject()).contains("\u00e9v\u00e9nements de s\u00e9curit\u00e9");
    }

    @Test
    void sameDigestTwiceSendsOneMail() throws Exception {
        long own = createOrganisation();
        String address = createContact(own, "en", null);
        List<Event> events = List.of(event(own, "192.0.2.40"));

        Notification first = notifications.sendDigest(own, DAY, events).orElseThrow();
        Notification second = notifications.sendDigest(own, DAY, events).orElseThrow();

        assertThat(second.id()).isEqualTo(first.id());
        MAIL.server().waitForIncomingEmail(500, 100);
        assertThat(receivedBy(address)).hasSize(1);
    }

    @Test
    void mailServerDownRecordsFailureWithReason() {
        long own = createOrganisation();
        createContact(own, "en", null);
        MAIL.stop();
        try {
            Notification failed = notifications.sendDigest(own, DAY, List.of(event(own, "192.0.2.50")))
                    .orElseThrow();

            assertThat(failed.state()).isEqualTo(Notification.State.FAILED);
            assertThat(failed.error()).isNotBlank();
            assertThat(failed.sentAt()).isNull();
        } finally {
            MAIL.start();
        }
    }

    @Test
    void constituentSeesOnlyItsOwnOrganisationsNotifications() {
        long own = createOrganisation();
        long other = createOrganisation();
        createContact(own, "en", null);
        createContact(other, "en", null);
        long ownId = notifications.sendDigest(own, DAY, List.of(event(own, "192.0.2.60"))).orElseThrow().id();
        long otherId = notifications.sendDigest(other, DAY, List.of(event(other, "192.0.2.61"))).orElseThrow().id();
        String username = "member-" + UUID.randomUUID().toString().substring(0, 8);
        userService.create(new NewUser(username, "Member", null, Role.CONSTITUENT, own, "Member-Password-1", true,
                null));
        TestHttpClient member = TestHttpClient.basic(port, username, "Member-Password-1");

        assertThat(member.get("/api/v1/notifications").json().path("items").valueStream()
                .map(item -> item.path("organisationId").asLong()).distinct().toList()).containsExactly(own);
        assertThat(member.get("/api/v1/notifications?organisationId=" + other).json().path("total").asLong())
                .isZero();
        assertThat(member.get("/api/v1/notifications/" + ownId).status()).isEqualTo(200);
        assertThat(member.get("/api/v1/notifications/" + otherId).status()).isEqualTo(404);
        assertThat(asAdmin().get("/api/v1/notifications?organisationId=" + other).json().path("total").asLong())
                .isEqualTo(1);
        assertThat(anonymous().get("/api/v1/notifications/signing-key").status()).isEqualTo(401);
    }

    private static Event event(long owner, String ip) {
        Event event = new Event().set(EventField.SOURCE_IP, ip).set(EventField.FEED_NAME, "scan-rdp")
                .set(EventField.CLASSIFICATION_TYPE, "scanner").set(EventField.TIME_SOURCE, "2026-11-24T10:00:00Z");
        event.setSourceOwner(owner, "ip");
        return event;
    }

    private static List<MimeMessage> receivedBy(String address) throws Exception {
        MAIL.server().waitForIncomingEmail(5000, 1);
        return TestMail.receivedBy(MAIL.server(), address);
    }

    /** Verifies the signed entity and returns its CSV attachment. */
    private String csvOfVerifiedSignedEntity(byte[] entity) throws Exception {
        MimeMultipart content = TestMail.verifiedSignedContent(entity, TestMail.installationKey(asAdmin()));
        assertThat(content.getBodyPart(1).getFileName()).isEqualTo("events.csv");
        return TestMail.attachment(content, "events.csv");
    }
}
