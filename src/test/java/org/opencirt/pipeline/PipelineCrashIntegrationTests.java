package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opencirt.test.PostgresTestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restart safety, for real: the application runs as a separate JVM on PostgreSQL (a fresh schema), processes a
 * large Shadowserver file in the background, is killed with {@code kill -9} half-way, started again, and must end
 * with every valid line stored exactly once and every bad line quarantined once.
 */
@ExtendWith(PostgresTestDatabase.class)
class PipelineCrashIntegrationTests {

    private static final int LINES = 300_000;
    private static final int BAD = LINES / 1000;
    private static final String PASSWORD = "Crash-Test-Password-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String schema = "oc_crash_" + Long.toHexString(System.nanoTime());
    private Process application;
    private int port;

    @Test
    void killedMidInputTheRestartedApplicationStoresEveryEventExactlyOnce() throws Exception {
        sql("create schema " + schema);
        Path file = dataDir.resolve("2026-11-24-scan_rdp-crash.csv");
        generate(file);
        port = freePort();

        application = start("first");
        JsonNode feed = send("POST", "/api/v1/feeds", HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"crash\",\"parser\":\"shadowserver\",\"reportType\":\"scan_rdp\"}"), "application/json");
        long inputId = send("POST", "/api/v1/feeds/" + feed.path("id").asLong() + "/inputs?fileName=crash.csv",
                HttpRequest.BodyPublishers.ofFile(file), "text/csv").path("input").path("id").asLong();
        JsonNode midway = await(inputId, input -> input.path("lastCommittedLine").asLong() > 0, 40);
        application.destroyForcibly().waitFor();
        long checkpointAtKill = count("select last_committed_line from raw_input where id = " + inputId);
        assertThat(midway.path("state").asString()).isEqualTo("processing");
        assertThat(checkpointAtKill).as("killed mid-way").isGreaterThan(0).isLessThan(LINES + 1);

        application = start("second");
        JsonNode done = await(inputId, input -> input.path("state").asString().equals("done"), 40);

        long valid = LINES - BAD;
        assertThat(count("select count(*) from event where raw_input_id = " + inputId)).isEqualTo(valid);
        assertThat(count("select count(*) from (select distinct raw_input_id, line_no from event) d"))
                .isEqualTo(valid);
        assertThat(count("select count(*) from quarantine where raw_input_id = " + inputId)).isEqualTo(BAD);
        assertThat(done.path("eventsStored").asLong()).isEqualTo(valid);
        assertThat(done.path("quarantined").asLong()).isEqualTo(BAD);
        assertThat(done.path("lastCommittedLine").asLong()).isEqualTo(LINES + 1);
    }

    @AfterEach
    void stop() throws Exception {
        if (application != null) {
            application.destroyForcibly().waitFor();
        }
        sql("drop schema if exists " + schema + " cascade");
    }

    private Process start(String name) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.opencirt.OpenCirtApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + PostgresTestDatabase.serverUrl()
                        + (PostgresTestDatabase.serverUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "--spring.datasource.username=" + PostgresTestDatabase.username(),
                "--spring.datasource.password=" + PostgresTestDatabase.password(),
                "--spring.datasource.driver-class-name=org.postgresql.Driver",
                "--opencirt.data-dir=" + dataDir, "--opencirt.demo-data=false",
                "--opencirt.admin-password=" + PASSWORD, "--opencirt.pipeline.commit-events=4096",
                "--logging.level.root=WARN"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(name + ".log").toFile()).start();
        Awaitility.await("application " + name + " started; log: " + dataDir.resolve(name + ".log"))
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(process.isAlive()).as("application %s is running", name).isTrue();
                    return healthy();
                });
        return process;
    }

    private boolean healthy() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private JsonNode await(long inputId, Predicate<JsonNode> condition, int seconds) {
        return Awaitility.await("input " + inputId).atMost(Duration.ofSeconds(seconds))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> send("GET", "/api/v1/inputs/" + inputId, HttpRequest.BodyPublishers.noBody(), null),
                        condition::test);
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).method(method, body).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    /** A scan_rdp report of {@link #LINES} lines after the header; one in 1,000 has an invalid port. */
    private static void generate(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(PipelineStoreFlow.HEADER);
            out.newLine();
            for (int i = 0; i < LINES; i++) {
                int second = i % 86_400;
                out.write(String.format("\"2026-11-24 %02d:%02d:%02d\",\"10.%d.%d.%d\",\"tcp\",%d,\"\",\"rdp\",64500,"
                        + "\"XC\",\"Region\",\"City\"", second / 3600, second / 60 % 60, second % 60, i >>> 16 & 0xFF,
                        i >>> 8 & 0xFF, i & 0xFF, i % 1000 == 999 ? 70_000 : 3389));
                out.newLine();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Long count(String query) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(query.replace("from ", "from " + schema + ".")
                        .replace(schema + ".(", "("))) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private void sql(String statementText) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(statementText);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresTestDatabase.serverUrl(), PostgresTestDatabase.username(),
                PostgresTestDatabase.password());
    }
}
