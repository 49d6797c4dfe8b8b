package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.opencirt.common.PageRequest;
import org.opencirt.pipeline.internal.intake.WatchedFolder;
import org.opencirt.pipeline.internal.intake.WatchedFolder.Taken;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The watched folder source on a real file system: a file is taken in once completely written, exactly once, and
 * moved out of the way (processed/, or failed/ with the reason), also when the application stopped between storing
 * the input and moving the file. Scans are called by the tests (the context scans only every hour by itself).
 */
@IntegrationTest
class WatchedFolderIntegrationTests extends PipelineStoreFlow {

    @Autowired
    WatchedFolder watchedFolder;
    @Autowired
    FeedService feeds;
    @Autowired
    InputService inputs;

    @Test
    void completeFileIsTakenInOnceThenMovedToProcessedAndItsEventsStored() throws Exception {
        Constituency c = constituency();
        Feed feed = feeds.get(createFeed("AMBER"));
        Path folder = watchedFolder.folderOf(feed).orElseThrow();
        watchedFolder.scan();
        assertThat(folder).isDirectory();

        Path file = Files.writeString(folder.resolve("2026-11-24-scan_rdp-xc.csv"), snapshot(c, marker()));
        assertThat(watchedFolder.scan()).as("first sight: the file may still be growing").isEmpty();
        List<Taken> taken = watchedFolder.scan();

        assertThat(taken).singleElement().satisfies(t -> {
            assertThat(t.feedId()).isEqualTo(feed.id());
            assertThat(t.duplicate()).isFalse();
            assertThat(t.refusal()).isNull();
        });
        assertThat(file).doesNotExist();
        assertThat(folder.resolve(WatchedFolder.PROCESSED).resolve(file.getFileName())).exists();
        RawInput input = awaitDone(taken.get(0).inputId());
        assertThat(input.fileName()).isEqualTo("2026-11-24-scan_rdp-xc.csv");
        assertThat(input.eventsStored()).isEqualTo(5);
        assertThat(input.quarantined()).isEqualTo(2);
        assertThat(watchedFolder.scan()).isEmpty();
        assertThat(inputs.list(feed.id(), PageRequest.of(0, 10)).total()).isEqualTo(1);
    }

    @Test
    void fileStillBeingWrittenIsNotTakenUntilItStopsChanging() throws Exception {
        Constituency c = constituency();
        Feed feed = feeds.get(createFeed("AMBER"));
        Path folder = folder(feed);
        String report = snapshot(c, marker());
        int half = report.indexOf('\n', report.length() / 2) + 1;
        Path file = Files.writeString(folder.resolve("growing.csv"), report.substring(0, half));

        assertThat(watchedFolder.scan()).isEmpty();
        Files.writeString(file, report.substring(half), StandardOpenOption.APPEND);
        assertThat(watchedFolder.scan()).as("it grew since the last scan").isEmpty();
        List<Taken> taken = watchedFolder.scan();

        assertThat(taken).hasSize(1);
        assertThat(awaitDone(taken.get(0).inputId()).linesProcessed()).isEqualTo(8);
    }

    @Test
    void partAndHiddenFilesAreNeverTakenAndARenamedPartFileIs() throws Exception {
        Constituency c = constituency();
        Feed feed = feeds.get(createFeed("AMBER"));
        Path folder = folder(feed);
        Path partial = Files.writeString(folder.resolve("report.csv" + WatchedFolder.PARTIAL_SUFFIX),
                snapshot(c, marker()));
        Path hidden = Files.writeString(folder.resolve(".report.csv.tmp"), snapshot(c, marker()));

        for (int i = 0; i < 3; i++) {
            assertThat(watchedFolder.scan()).isEmpty();
        }
        assertThat(partial).exists();
        assertThat(hidden).exists();

        Files.move(partial, folder.resolve("report.csv"));
        watchedFolder.scan();
        assertThat(watchedFolder.scan()).singleElement().satisfies(t -> assertThat(t.inputId()).isNotNull());
        assertThat(hidden).exists();
    }

    @Test
    void refusedFileGoesToFailedBesideItsReason() throws Exception {
        Feed feed = feeds.get(createFeed("AMBER"));
        Path folder = folder(feed);
        Files.writeString(folder.resolve("empty.csv"), "");

        watchedFolder.scan();
        List<Taken> taken = watchedFolder.scan();

        assertThat(taken).singleElement().satisfies(t -> {
            assertThat(t.inputId()).isNull();
            assertThat(t.refusal()).contains("empty");
        });
        Path failed = folder.resolve(WatchedFolder.FAILED);
        assertThat(failed.resolve("empty.csv")).exists();
        assertThat(Files.readString(failed.resolve("empty.csv" + WatchedFolder.REASON_SUFFIX))).contains("empty");
        assertThat(folder.resolve("empty.csv")).doesNotExist();
    }

    @Test
    void fileStoredBeforeAStopIsNotTakenTwiceAfterTheRestart() throws Exception {
        Constituency c = constituency();
        Feed feed = feeds.get(createFeed("AMBER"));
        Path folder = folder(feed);
        String report = snapshot(c, marker());
        // the last run stored the file as an input, then stopped before moving it out of the folder
        long stored = inputs.receive(feed.id(), "report.csv", new ByteArrayInputStream(
                report.getBytes(StandardCharsets.UTF_8)), true).input().id();
        Files.writeString(folder.resolve("report.csv"), report);

        watchedFolder.scan();
        List<Taken> taken = watchedFolder.scan();

        assertThat(taken).singleElement().satisfies(t -> {
            assertThat(t.duplicate()).isTrue();
            assertThat(t.inputId()).isEqualTo(stored);
        });
        assertThat(folder.resolve(WatchedFolder.PROCESSED).resolve("report.csv")).exists();
        assertThat(inputs.list(feed.id(), PageRequest.of(0, 10)).total()).isEqualTo(1);
        assertThat(eventLines(stored)).hasSize(5);
    }

    @Test
    void aSecondFileOfTheSameNameKeepsTheFirstInProcessed() throws Exception {
        Constituency c = constituency();
        Feed feed = feeds.get(createFeed("AMBER"));
        Path folder = folder(feed);
        for (String marker : List.of(marker(), marker())) {
            Files.writeString(folder.resolve("daily.csv"), snapshot(c, marker));
            watchedFolder.scan();
            assertThat(watchedFolder.scan()).hasSize(1);
        }

        Path processed = folder.resolve(WatchedFolder.PROCESSED);
        assertThat(processed.resolve("daily.csv")).exists();
        assertThat(processed.resolve("daily.csv.1")).exists();
        assertThat(Files.readString(processed.resolve("daily.csv")))
                .isNotEqualTo(Files.readString(processed.resolve("daily.csv.1")));
    }

    @Test
    void disabledFeedsFolderIsLeftAloneUntilTheFeedIsEnabled() throws Exception {
        Constituency c = constituency();
        Feed feed = feeds.get(createFeed("AMBER"));
        Path folder = folder(feed);
        Response disabled = asAdmin().putJson("/api/v1/feeds/" + feed.id(), Map.of("name", feed.name(),
                "parser", "shadowserver", "reportType", "scan_rdp", "enabled", false));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        Path file = Files.writeString(folder.resolve("waiting.csv"), snapshot(c, marker()));

        watchedFolder.scan();
        assertThat(watchedFolder.scan()).isEmpty();
        assertThat(file).exists();

        asAdmin().putJson("/api/v1/feeds/" + feed.id(), Map.of("name", feed.name(), "parser", "shadowserver",
                "reportType", "scan_rdp", "enabled", true));
        watchedFolder.scan();
        assertThat(watchedFolder.scan()).hasSize(1);
        assertThat(file).doesNotExist();
    }

    @Test
    void feedWhoseNameCannotBeAFolderHasNone() {
        Response created = asAdmin().postJson("/api/v1/feeds", Map.of("name", "partner/feed-" + UUID.randomUUID(),
                "parser", "shadowserver", "reportType", "scan_rdp"));
        assertThat(created.status()).isEqualTo(201);

        assertThat(watchedFolder.folderOf(feeds.get(created.json().path("id").asLong()))).isEmpty();
        assertThat(watchedFolder.folderOf(new Feed(0, "processed", "csv", null, null, null, "AMBER", null, true,
                null, null))).isEmpty();
    }

    private Path folder(Feed feed) throws Exception {
        Path folder = watchedFolder.folderOf(feed).orElseThrow();
        Files.createDirectories(folder);
        return folder;
    }

    private RawInput awaitDone(long inputId) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> inputs.get(inputId).state().equals("done"));
        return inputs.get(inputId);
    }

    private static String marker() {
        return "w" + UUID.randomUUID().toString().substring(0, 6);
    }
}
