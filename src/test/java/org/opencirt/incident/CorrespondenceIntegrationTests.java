package org.opencirt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.mail.SecureMailer;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.PgpTestKeys;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import org.opencirt.test.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Writing to the affected organisations: one signed (and when possible encrypted) mail each, replies back in. */
@IntegrationTest
class CorrespondenceIntegrationTests extends IncidentMailTestSupport {

    @Autowired
    SecureMailer mailer;

    @Autowired
    CorrespondenceService correspondence;

    @Test
    void eachAffectedOrganisationGetsItsOwnSignedMailInItsLanguageWithTheIncidentTag() throws Exception {
        long english = createOrganisation();
        long french = createOrganisation();
        String englishContact = createContact(english, "en", null);
        String frenchContact = createContact(french, "fr", null);
        long incident = incident(english, french);
        TestHttpClient analyst = as(createUser(Role.ANALYST));

        Response sent = analyst.postJson(path(incident), Map.of("template", "QUESTION",
                "text", "Which of your servers run Exchange?"));

        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().valueStream().map(m -> m.path("state").asString()).toList())
                .containsExactly("SENT", "SENT");
        assertThat(sent.json().valueStream().map(m -> m.path("organisationId").asLong()).toList())
                .containsExactly(english, french);
        String tag = "[OpenCIRT #" + incident + "]";
        MimeMessage toEnglish = only(receivedBy(englishContact));
        assertThat(toEnglish.getSubject()).isEqualTo(tag + " Question about a security incident concerning "
                + organisationName(english));
        assertThat(Arrays.stream(toEnglish.getAllRecipients()).map(Object::toString).toList())
                .containsExactly(englishContact);
        assertThat(toEnglish.getContentType()).startsWith("multipart/signed");
        String text = signedText(toEnglish);
        assertThat(text).contains("Which of your servers run Exchange?", tag, "TLP:AMBER",
                mailer.signingKeyFingerprint()).doesNotContain(organisationName(french));
        assertThat(only(receivedBy(frenchContact)).getSubject())
                .isEqualTo(tag + " Question sur un incident de s\u00e9curit\u00e9 concernant " + organisationName(french));
        assertThat(asAdmin().get("/api/v1/incidents/" + incident).json().path("firstResponseAt").isNull()).isFalse();
        assertThat(auditActions("correspondence", sent.json().get(0).path("id").asLong()))
                .containsExactly("CREATE", "SEND");
    }

    @Test
    void mailIsEncryptedOnlyWhenEveryRecipientHasAKey() throws Exception {
        PgpTestKeys.KeyPair key = PgpTestKeys.generatePair();
        long allKeyed = createOrganisation();
        String keyed = createContact(allKeyed, "en", key.armoured());
        long partlyKeyed = createOrganisation();
        String withKey = createContact(partlyKeyed, "en", PgpTestKeys.generate().armoured());
        String withoutKey = createContact(partlyKeyed, "en", null);
        long incident = incident(allKeyed, partlyKeyed);

        List<Correspondence> sent = correspondence.send(incident, request(null, "NOTICE", "Your mail server relays"
                + " spam."));

        assertThat(sent).extracting(Correspondence::encrypted).containsExactly(true, false);
        assertThat(sent).extracting(Correspondence::signed).containsExactly(true, true);
        MimeMessage encrypted = only(receivedBy(keyed));
        assertThat(encrypted.getContentType()).startsWith("multipart/encrypted");
        byte[] clear = TestMail.decrypt(((MimeMultipart) encrypted.getContent()).getBodyPart(1).getInputStream(),
                key);
        assertThat(textOf(TestMail.verifiedSignedContent(clear, TestMail.installationKey(asAdmin()))))
                .contains("Your mail server relays spam.");
        MimeMessage signedOnly = only(receivedBy(withKey));
        assertThat(signedOnly.getContentType()).startsWith("multipart/signed");
        assertThat(Arrays.stream(signedOnly.getAllRecipients()).map(Object::toString).toList())
                .containsExactlyInAnyOrder(withKey, withoutKey);
    }

    @Test
    void replyComesBackWithoutItsTagAndTheAnswerThreadsWithACopyAndAValidSignature() throws Exception {
        long organisation = createOrganisation();
        String address = createContact(organisation, "en", null);
        long incident = incident(organisation);
        Correspondence first = correspondence.send(incident, request(List.of(organisation), "NOTICE",
                "Please clean host 192.0.2.15.")).get(0);
        String replyId = uniqueMessageId();
        deliverToIntake(String.join("\r\n", "From: " + address, "To: " + INTAKE_ADDRESS,
                "Subject: Re: your message", "Message-ID: " + replyId, "In-Reply-To: " + first.messageId(),
                "References: " + first.messageId(), "", "Done, the host is clean.", ""));
        deliverToIntake(new String(raw(only(receivedBy(address))), java.nio.charset.StandardCharsets.US_ASCII));

        mailbox.poll();

        List<Correspondence> mails = correspondence.list(incident);
        assertThat(mails).extracting(Correspondence::direction).containsExactly(Correspondence.Direction.OUT,
                Correspondence.Direction.IN);
        Correspondence reply = mails.get(1);
        assertThat(reply.body()).isEqualTo("Done, the host is clean.");
        assertThat(reply.organisationId()).isEqualTo(organisation);
        assertThat(reply.inReplyTo()).isEqualTo(first.messageId());

        String copy = "sector-cirt-" + incident + "@example.org";
        Correspondence second = correspondence.send(incident, new Correspondence.Request(List.of(organisation),
                null, List.of(copy), Correspondence.Template.FREE, null, "Closing", "Thank you.", reply.id())).get(0);

        assertThat(second.state()).isEqualTo(Correspondence.State.SENT);
        assertThat(second.cc()).containsExactly(copy);
        MimeMessage delivered = only(receivedBy(copy));
        assertThat(delivered.getHeader("In-Reply-To", null)).isEqualTo(replyId);
        assertThat(delivered.getHeader("Message-ID", null)).isEqualTo(second.messageId());
        assertThat(delivered.getSubject()).isEqualTo("[OpenCIRT #" + incident + "] Closing");
        assertThat(Arrays.stream(delivered.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList())
                .containsExactly(address);
        assertThat(signedText(delivered)).contains("Thank you.");
    }

    @Test
    void organisationWithoutContactsAndUnreachableMailServerAreRecordedAsFailedWithTheReason() {
        long silent = createOrganisation();
        long reachable = createOrganisation();
        createContact(reachable, "en", null);
        long incident = incident(silent, reachable);

        List<Correspondence> sent = withMailServerDown(() -> correspondence.send(incident,
                request(null, "NOTICE", "Your DNS server answers open recursive queries.")));

        assertThat(sent).extracting(Correspondence::state).containsExactly(Correspondence.State.FAILED,
                Correspondence.State.FAILED);
        assertThat(sent.get(0).error()).isEqualTo("organisation has no contacts");
        assertThat(sent.get(1).error()).isNotBlank();
        assertThat(sent.get(1).signed()).isTrue();
        assertThat(sent.get(1).sentAt()).isNull();
        assertThat(asAdmin().get("/api/v1/incidents/" + incident).json().path("firstResponseAt").isNull()).isTrue();
        assertThat(auditActions("correspondence", sent.get(1).id())).containsExactly("CREATE", "FAIL");
    }

    @Test
    void constituentSeesOnlyMailsExchangedWithItsOwnOrganisationAndCannotSend() {
        long own = createOrganisation();
        long other = createOrganisation();
        createContact(own, "en", null);
        createContact(other, "en", null);
        long incident = incident(own, other);
        List<Correspondence> sent = correspondence.send(incident, request(null, "UPDATE", "The C2 server is down."));
        TestHttpClient member = as(createConstituent(own));
        TestHttpClient outsider = as(createConstituent(createOrganisation()));

        JsonNode visible = member.get(path(incident)).json();

        assertThat(visible.valueStream().map(m -> m.path("organisationId").asLong()).toList()).containsExactly(own);
        assertThat(member.get(path(incident) + "/" + sent.get(1).id()).status()).isEqualTo(404);
        assertThat(member.get(path(incident) + "/" + sent.get(1).id() + "/raw").status()).isEqualTo(404);
        assertThat(member.get(path(incident) + "/" + sent.get(0).id() + "/raw").status()).isEqualTo(200);
        assertThat(member.postJson(path(incident), Map.of("text", "hello")).status()).isEqualTo(403);
        assertThat(outsider.get(path(incident)).status()).isEqualTo(404);
        assertThat(asAdmin().get(path(incident)).json().size()).isEqualTo(2);
    }

    @Test
    void invalidRequestsAreRefusedWithTheFieldsToCorrect() {
        long affected = createOrganisation();
        long notAffected = createOrganisation();
        long incident = incident(affected);

        Response bad = asAdmin().postJson(path(incident), Map.of("organisationIds", List.of(notAffected),
                "to", List.of("not an address"), "language", "de", "text", " "));

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("organisationIds", "to", "language", "text");
        Response nobody = asAdmin().postJson(path(incident), Map.of("organisationIds", List.of(), "text", "hi"));
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(asAdmin().get(path(incident)).json().size()).isZero();
    }

    @Test
    void mailLeftPendingByACrashIsResentWithTheSameBytesAndMessageId() throws Exception {
        long organisation = createOrganisation();
        String address = createContact(organisation, "en", null);
        long incident = incident(organisation);
        Correspondence sent = correspondence.send(incident, request(null, "NOTICE", "Open RDP on 192.0.2.44.")).get(0);
        // as if the process had died after recording the mail and before confirming it was sent
        jdbc.sql("update correspondence set state = 'PENDING', sent_at = null, created_at = ? where id = ?")
                .params(java.time.OffsetDateTime.now().minusHours(1), sent.id()).update();

        assertThat(correspondence.resendPending(Instant.now())).isGreaterThanOrEqualTo(1);

        List<MimeMessage> received = receivedBy(address);
        assertThat(received).hasSize(2);
        assertThat(received).extracting(CorrespondenceIntegrationTests::messageId).containsOnly(sent.messageId());
        assertThat(asSent(received.get(1))).isEqualTo(asSent(received.get(0)));
        assertThat(correspondence.get(incident, sent.id()).state()).isEqualTo(Correspondence.State.SENT);
    }

    @Test
    void sendFormGoesBackToTheCorrespondenceTabWhichListsTheMail() {
        long organisation = createOrganisation();
        createContact(organisation, "en", null);
        long incident = incident(organisation);
        String tab = "/incidents/" + incident + "/correspondence";
        TestHttpClient browser = loggedIn(createUser(Role.ANALYST));

        Response form = browser.get(tab);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"correspondence-form\"", organisationName(organisation));
        Response posted = browser.postFormFrom(tab, tab, Map.of("organisationIds", Long.toString(organisation),
                "template", "NOTICE", "language", "fr", "text", "Merci de corriger."));

        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.header("Location")).endsWith("/incidents/" + incident + "?tab=correspondence");
        assertThat(browser.get(tab).body()).contains("[OpenCIRT #" + incident + "] Incident de s\u00e9curit\u00e9",
                "Merci de corriger.");
        Response member = loggedIn(createConstituent(organisation)).get(tab);
        assertThat(member.status()).isEqualTo(200);
        assertThat(member.body()).contains("Merci de corriger.").doesNotContain("correspondence-form");
    }

    private static String path(long incident) {
        return "/api/v1/incidents/" + incident + "/correspondence";
    }

    private static Correspondence.Request request(List<Long> organisations, String template, String text) {
        return new Correspondence.Request(organisations, null, null, Correspondence.Template.valueOf(template), null,
                null, text, null);
    }

    private String organisationName(long id) {
        return asAdmin().get("/api/v1/organisations/" + id).json().path("name").asString();
    }

    private String signedText(MimeMessage message) throws Exception {
        return textOf(TestMail.verifiedSignedContent(raw(message), TestMail.installationKey(asAdmin())));
    }

    private static String textOf(MimeMultipart signed) throws Exception {
        return (String) signed.getBodyPart(0).getContent();
    }

    /** The message as OpenCIRT sent it: without the trace headers the mail server put in front. */
    private static String asSent(MimeMessage message) {
        String text = new String(raw(message), java.nio.charset.StandardCharsets.US_ASCII);
        return text.substring(text.indexOf("Date: "));
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getHeader("Message-ID", null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
