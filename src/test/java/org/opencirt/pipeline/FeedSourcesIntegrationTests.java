package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.activation.DataHandler;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.internal.source.MailIntake;
import org.opencirt.pipeline.internal.source.MailRecord;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feed sources beyond upload, against real servers: a JDK HTTP server for the scheduled HTTP(S) pull and GreenMail
 * over IMAP for mail attachments.
 */
@IntegrationTest
class FeedSourcesIntegrationTests extends PipelineStoreFlow {

    private static final int IMAP_PORT = freePort();
    private static final String MAILBOX = "intake@cert.xc";
    private static final String MAIL_PASSWORD = "intake-secret";
    private static final String SHADOWSERVER = "reports@shadowserver.example";

    @Autowired
    FeedService feeds;
    @Autowired
    InputService inputs;
    @Autowired
    JsonMapper json;

    private static GreenMail greenMail;
    private static GreenMailUser intake;
    private static HttpServer server;
    private static final Map<String, Served> SERVED = new java.util.concurrent.ConcurrentHashMap<>();

    /** What the test server answers on a path, and the requests it saw there. */
    static final class Served {
        final AtomicReference<byte[]> body = new AtomicReference<>();
        final AtomicInteger status = new AtomicInteger(200);
        final AtomicReference<String> etag = new AtomicReference<>();
        final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("opencirt.pipeline.pull.check-every", () -> "200ms");
        registry.add("opencirt.pipeline.mail.host", () -> "127.0.0.1");
        registry.add("opencirt.pipeline.mail.port", () -> IMAP_PORT);
        registry.add("opencirt.pipeline.mail.protocol", () -> "imap");
        registry.add("opencirt.pipeline.mail.username", () -> MAILBOX);
        registry.add("opencirt.pipeline.mail.password", () -> MAIL_PASSWORD);
        registry.add("opencirt.pipeline.mail.poll-every", () -> "1h");
    }

    @BeforeAll
    static void startServers() throws IOException {
        greenMail = new GreenMail(new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        intake = greenMail.setUser(MAILBOX, MAILBOX, MAIL_PASSWORD);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", FeedSourcesIntegrationTests::serve);
        server.start();
    }

    @AfterAll
    static void stopServers() {
        server.stop(0);
        greenMail.stop();
    }

    private static void serve(HttpExchange exchange) throws IOException {
        Served served = SERVED.get(exchange.getRequestURI().getPath());
        Map<String, String> seen = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.get(0)));
        if (served == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        served.requests.add(seen);
        String etag = served.etag.get();
        if (etag != null) {
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(seen.get("if-none-match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
        }
        byte[] body = served.body.get();
        exchange.sendResponseHeaders(served.status.get(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String serve(String path, byte[] body) {
        Served served = new Served();
        served.body.set(body);
        SERVED.put(path, served);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private long createPullFeed(String url, String interval) {
        Response created = asAdmin().postJson("/api/v1/feeds", Map.of("name", "pull-" + UUID.randomUUID(),
                "parser", "shadowserver", "reportType", "scan_rdp", "tlp", "AMBER",
                "pull", Map.of("url", url, "interval", interval)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private JsonNode awaitPull(long feedId, String outcome) {
        return Awaitility.await("pull of feed " + feedId + " " + outcome).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> asAdmin().get("/api/v1/feeds/" + feedId).json(),
                        feed -> outcome.equals(feed.path("pullStatus").path("outcome").asString()));
    }

    private JsonNode awaitInputDone(long inputId) {
        return Awaitility.await("input " + inputId).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> asAdmin().get("/api/v1/inputs/" + inputId).json(),
                        input -> input.path("state").asString().equals("done"));
    }

    private long inputCount(long feedId) {
        return asAdmin().get("/api/v1/inputs?feedId=" + feedId).json().path("total").asLong();
    }

    @Test
    void scheduledPullStoresTheDownloadOnceAndAnUnchangedDownloadMakesNoSecondInput() {
        Constituency c = constituency();
        String url = serve("/reports/" + UUID.randomUUID() + "/2026-11-24-scan_rdp-xc.csv",
                snapshot(c, "p" + UUID.randomUUID().toString().substring(0, 6)).getBytes(StandardCharsets.UTF_8));
        long feedId = createPullFeed(url, "1h");

        JsonNode feed = awaitPull(feedId, "new-input");
        JsonNode status = feed.path("pullStatus");
        assertThat(feed.path("pull").path("interval").asString()).isEqualTo("PT1H");
        assertThat(status.path("error").isNull()).isTrue();
        assertThat(status.path("lastSuccessAt").asString()).isEqualTo(status.path("lastAttemptAt").asString());
        assertThat(Duration.between(java.time.Instant.parse(status.path("lastAttemptAt").asString()),
                java.time.Instant.parse(status.path("nextAt").asString()))).isBetween(Duration.ofMinutes(59),
                Duration.ofMinutes(61));
        long inputId = status.path("inputId").asLong();
        JsonNode input = awaitInputDone(inputId);
        assertThat(input.path("fileName").asString()).isEqualTo("2026-11-24-scan_rdp-xc.csv");
        assertThat(input.path("eventsStored").asLong()).isEqualTo(5);

        Response again = asAdmin().postJson("/api/v1/feeds/" + feedId + "/pull", Map.of());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("pullStatus").path("outcome").asString()).isEqualTo("unchanged");
        assertThat(again.json().path("pullStatus").path("inputId").asLong()).isEqualTo(inputId);
        assertThat(inputCount(feedId)).isEqualTo(1);
        assertThat(SERVED.get(java.net.URI.create(url).getPath()).requests).hasSize(2);
    }

    @Test
    void failedPullIsRecordedOnTheFeedWithItsReasonAndTheNextPullSucceeds() {
        String url = serve("/down/" + UUID.randomUUID() + ".csv", "x".getBytes(StandardCharsets.UTF_8));
        Served served = SERVED.get(java.net.URI.create(url).getPath());
        served.status.set(503);
        long feedId = createPullFeed(url, "30m");

        JsonNode failed = awaitPull(feedId, "failed").path("pullStatus");
        assertThat(failed.path("error").asString()).isEqualTo("HTTP 503 from 127.0.0.1");
        assertThat(failed.path("lastSuccessAt").isNull()).isTrue();
        assertThat(failed.path("nextAt").asString()).isNotEmpty();
        assertThat(inputCount(feedId)).isZero();

        Constituency c = constituency();
        served.body.set(snapshot(c, "f" + UUID.randomUUID().toString().substring(0, 6))
                .getBytes(StandardCharsets.UTF_8));
        served.status.set(200);
        JsonNode recovered = asAdmin().postJson("/api/v1/feeds/" + feedId + "/pull", Map.of()).json()
                .path("pullStatus");
        assertThat(recovered.path("outcome").asString()).isEqualTo("new-input");
        assertThat(recovered.path("error").isNull()).isTrue();
        assertThat(awaitInputDone(recovered.path("inputId").asLong()).path("eventsStored").asLong()).isEqualTo(5);

        int closedPort = freePort();
        Response moved = asAdmin().putJson("/api/v1/feeds/" + feedId, Map.of("name", "pull-moved-" + feedId,
                "parser", "shadowserver", "reportType", "scan_rdp",
                "pull", Map.of("url", "http://127.0.0.1:" + closedPort + "/gone.csv", "interval", "30m")));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        JsonNode refused = asAdmin().postJson("/api/v1/feeds/" + feedId + "/pull", Map.of()).json()
                .path("pullStatus");
        assertThat(refused.path("outcome").asString()).isEqualTo("failed");
        assertThat(refused.path("error").asString()).contains("ConnectException");
        assertThat(refused.path("lastSuccessAt").asString()).isEqualTo(recovered.path("lastSuccessAt").asString());
    }

    @Test
    void notModifiedAnswerToTheRememberedEtagIsNotDownloadedAndGzipIsUnpacked() throws IOException {
        Constituency c = constituency();
        String url = serve("/gz/" + UUID.randomUUID() + "/scan_rdp.csv.gz",
                gzip(snapshot(c, "g" + UUID.randomUUID().toString().substring(0, 6))));
        Served served = SERVED.get(java.net.URI.create(url).getPath());
        served.etag.set("\"v1\"");
        long feedId = createPullFeed(url, "1h");
        long inputId = awaitPull(feedId, "new-input").path("pullStatus").path("inputId").asLong();
        JsonNode input = awaitInputDone(inputId);
        assertThat(input.path("fileName").asString()).isEqualTo("scan_rdp.csv");
        assertThat(input.path("eventsStored").asLong()).isEqualTo(5);

        JsonNode second = asAdmin().postJson("/api/v1/feeds/" + feedId + "/pull", Map.of()).json();
        assertThat(second.path("pullStatus").path("outcome").asString()).isEqualTo("unchanged");
        assertThat(served.requests.get(1)).containsEntry("if-none-match", "\"v1\"");
        assertThat(inputCount(feedId)).isEqualTo(1);
    }

    @Test
    void badPullOrMailSettingsAreRefusedFieldByFieldAndAnOldClientKeepsThem() {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "bad-" + UUID.randomUUID(), "parser",
                "shadowserver", "reportType", "scan_rdp", "pull", Map.of("url", "ftp://example.org/x", "interval",
                        "10s"), "mail", Map.of("sender", "not an address", "subject", "[unclosed")));
        Response bad = asAdmin().postJson("/api/v1/feeds", body);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                .contains("pull.url", "pull.interval", "mail.sender", "mail.subject");

        Response created = asAdmin().postJson("/api/v1/feeds", Map.of("name", "kept-" + UUID.randomUUID(),
                "parser", "shadowserver", "reportType", "scan_rdp",
                "pull", Map.of("url", "http://127.0.0.1:" + freePort() + "/never.csv", "interval", "PT12H"),
                "mail", Map.of("sender", "Reports@Peer.example", "fileName", "scan_rdp")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.json().path("mail").path("sender").asString()).isEqualTo("reports@peer.example");
        Response oldClient = asAdmin().putJson("/api/v1/feeds/" + id, Map.of("name", "kept-renamed-" + id,
                "parser", "shadowserver", "reportType", "scan_rdp"));
        assertThat(oldClient.status()).isEqualTo(200);
        assertThat(oldClient.json().path("pull").path("interval").asString()).isEqualTo("PT12H");
        assertThat(oldClient.json().path("mail").path("fileName").asString()).isEqualTo("scan_rdp");
        Response removed = asAdmin().putJson("/api/v1/feeds/" + id, Map.of("name", "kept-renamed-" + id,
                "parser", "shadowserver", "reportType", "scan_rdp", "pull", Map.of(), "mail", Map.of()));
        assertThat(removed.json().path("pull").isNull()).isTrue();
        assertThat(removed.json().path("mail").isNull()).isTrue();
        assertThat(auditActions("feed", id)).containsExactly("FEED_CREATED", "FEED_UPDATED", "FEED_UPDATED");
        assertThat(asAdmin().postJson("/api/v1/feeds/" + id + "/pull", Map.of()).status()).isEqualTo(422);
    }

    @Test
    void mailAttachmentsGoToTheMatchingFeedAndOtherMailsAreKeptWithTheirReason() throws Exception {
        Constituency c = constituency();
        String marker = "m" + UUID.randomUUID().toString().substring(0, 6);
        long feedId = createMailFeed(Map.of("sender", SHADOWSERVER, "fileName", "scan_rdp"));
        String report = snapshot(c, marker);

        deliver(SHADOWSERVER, "Shadowserver XC Accessible RDP Report " + marker,
                Map.of("2026-11-24-scan_rdp-xc.csv", report.getBytes(StandardCharsets.UTF_8)));
        deliver("someone@elsewhere.example", "fwd: " + marker,
                Map.of("scan_rdp.csv", report.getBytes(StandardCharsets.UTF_8)));
        deliver(SHADOWSERVER, "No attachment " + marker, Map.of());

        JsonNode status = asAdmin().postJson("/api/v1/mail-intake/poll", Map.of()).json();
        assertThat(status.path("lastError").isNull()).as(status.toString()).isTrue();
        assertThat(status.path("lastProcessed").asInt()).isEqualTo(1);
        assertThat(status.path("lastRejected").asInt()).isEqualTo(2);

        List<JsonNode> mails = mails(marker);
        JsonNode processed = only(mails, "Shadowserver XC Accessible RDP Report " + marker);
        assertThat(processed.path("outcome").asString()).isEqualTo("processed");
        assertThat(processed.path("movedTo").asString()).isEqualTo("OpenCIRT-processed");
        JsonNode attachment = processed.path("attachments").get(0);
        assertThat(attachment.path("feedId").asLong()).isEqualTo(feedId);
        assertThat(attachment.path("duplicate").asBoolean()).isFalse();
        assertThat(awaitInputDone(attachment.path("inputId").asLong()).path("eventsStored").asLong()).isEqualTo(5);

        JsonNode stranger = only(mails, "fwd: " + marker);
        assertThat(stranger.path("outcome").asString()).isEqualTo("rejected");
        assertThat(stranger.path("movedTo").asString()).isEqualTo("OpenCIRT-rejected");
        assertThat(stranger.path("reason").asString())
                .isEqualTo("no feed takes attachment 'scan_rdp.csv' (from someone@elsewhere.example, subject 'fwd: "
                        + marker + "')");
        assertThat(only(mails, "No attachment " + marker).path("reason").asString())
                .isEqualTo("the mail has no attachment");

        assertThat(folderSubjects("INBOX")).noneMatch(subject -> subject.contains(marker));
        assertThat(folderSubjects("OpenCIRT-processed")).filteredOn(subject -> subject.contains(marker)).hasSize(1);
        assertThat(folderSubjects("OpenCIRT-rejected")).filteredOn(subject -> subject.contains(marker)).hasSize(2);

        // a second poll (as after a restart) finds nothing left to do
        JsonNode again = asAdmin().postJson("/api/v1/mail-intake/poll", Map.of()).json();
        assertThat(again.path("lastProcessed").asInt() + again.path("lastRejected").asInt()).isZero();
        assertThat(inputCount(feedId)).isEqualTo(1);
    }

    @Test
    void theSameReportMailedTwiceMakesOneInputAndGzipAttachmentsAreUnpacked() throws Exception {
        Constituency c = constituency();
        String marker = "d" + UUID.randomUUID().toString().substring(0, 6);
        long feedId = createMailFeed(Map.of("subject", "^\\[" + marker + "\\] daily", "fileName", "\\.csv(\\.gz)?$"));
        byte[] report = gzip(snapshot(c, marker));

        deliver("partner@peer.example", "[" + marker + "] daily report", Map.of("events.csv.gz", report));
        asAdmin().postJson("/api/v1/mail-intake/poll", Map.of());
        deliver("partner@peer.example", "[" + marker + "] daily report (resent)", Map.of("events.csv.gz", report));
        asAdmin().postJson("/api/v1/mail-intake/poll", Map.of());

        List<JsonNode> mails = mails(marker);
        assertThat(mails).hasSize(2).allMatch(mail -> mail.path("outcome").asString().equals("processed"));
        JsonNode first = only(mails, "[" + marker + "] daily report").path("attachments").get(0);
        JsonNode resent = only(mails, "[" + marker + "] daily report (resent)").path("attachments").get(0);
        assertThat(resent.path("duplicate").asBoolean()).isTrue();
        assertThat(resent.path("inputId").asLong()).isEqualTo(first.path("inputId").asLong());
        assertThat(inputCount(feedId)).isEqualTo(1);
        JsonNode input = awaitInputDone(first.path("inputId").asLong());
        assertThat(input.path("fileName").asString()).isEqualTo("events.csv");
        assertThat(input.path("eventsStored").asLong()).isEqualTo(5);
    }

    @Test
    void anUnreachableMailboxIsAFailedPollWithItsReasonNotAnError() {
        MailIntake unreachable = new MailIntake(feeds, inputs, jdbc, json, "127.0.0.1", freePort(), MAILBOX,
                MAIL_PASSWORD, "INBOX", "imap", "OpenCIRT-processed", "OpenCIRT-rejected", Duration.ofHours(1));
        MailRecord.Status status = unreachable.poll();
        assertThat(status.enabled()).isTrue();
        assertThat(status.lastPollAt()).isNotNull();
        assertThat(status.lastError()).contains("Connect");
        assertThat(unreachable.status()).isEqualTo(status);

        JsonNode configured = asAdmin().get("/api/v1/mail-intake/status").json();
        assertThat(configured.path("mailbox").asString()).isEqualTo("imap://" + MAILBOX + "@127.0.0.1:" + IMAP_PORT
                + "/INBOX");
    }

    private long createMailFeed(Map<String, String> match) {
        Response created = asAdmin().postJson("/api/v1/feeds", Map.of("name", "mail-" + UUID.randomUUID(),
                "parser", "shadowserver", "reportType", "scan_rdp", "tlp", "AMBER", "mail", match));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private static void deliver(String from, String subject, Map<String, byte[]> attachments) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
        message.setSubject(subject);
        message.setSentDate(new java.util.Date());
        MimeMultipart multipart = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Report attached.", "UTF-8");
        multipart.addBodyPart(text);
        for (Map.Entry<String, byte[]> attachment : attachments.entrySet()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.getValue(),
                    "application/octet-stream")));
            part.setFileName(attachment.getKey());
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            multipart.addBodyPart(part);
        }
        message.setContent(multipart);
        message.saveChanges();
        intake.deliver(message);
    }

    private List<JsonNode> mails(String marker) {
        return asAdmin().get("/api/v1/mail-intake?size=500").json().path("items").valueStream()
                .filter(mail -> mail.path("subject").asString().contains(marker)).toList();
    }

    private static JsonNode only(List<JsonNode> mails, String subject) {
        List<JsonNode> found = mails.stream().filter(mail -> mail.path("subject").asString().equals(subject)).toList();
        assertThat(found).as("mails with subject " + subject).hasSize(1);
        return found.get(0);
    }

    /** The subjects in a folder of the intake mailbox, read over IMAP. */
    private static List<String> folderSubjects(String name) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", IMAP_PORT, MAILBOX, MAIL_PASSWORD);
        try {
            Folder folder = store.getFolder(name);
            folder.open(Folder.READ_ONLY);
            try {
                List<String> subjects = new java.util.ArrayList<>();
                for (Message message : folder.getMessages()) {
                    subjects.add(message.getSubject());
                }
                return subjects;
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
