package org.opencirt.pipeline.internal.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.opencirt.audit.AuditChannel;
import org.opencirt.constituency.Responsibility;
import org.opencirt.constituency.ResponsibilityLookup;
import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.FeedService;
import org.opencirt.pipeline.internal.intake.WatchedFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo feeds for the demo installation: on first start with {@code opencirt.demo-data}, when no feed exists yet,
 * creates Shadowserver feeds (named {@code demo-…}) through {@link FeedService} and drops a dated scan_rdp report into
 * the scan_rdp feed's watched folder, so that the demo shows events, quarantine and digests from the first minutes.
 * The report is dropped only when every address in it that the constituency knows belongs to a demo organisation
 * (asked through the public responsibility lookup), so demo events are never mixed with real organisations.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class DemoFeeds implements ApplicationRunner {

    /** The feed the sample report is dropped for; its folder is the demo's watched folder. */
    public static final String SAMPLE_FEED = "demo-shadowserver-scan_rdp";
    public static final String SAMPLE = "/org/opencirt/pipeline/demo/2026-11-24-scan_rdp-caldera.csv";
    private static final List<String> OTHER_REPORTS = List.of("scan_ntp", "event4_sinkhole");
    private static final Logger LOG = LoggerFactory.getLogger(DemoFeeds.class);

    private final FeedService feeds;
    private final WatchedFolder folder;
    private final ResponsibilityLookup lookup;
    private final boolean enabled;

    public DemoFeeds(FeedService feeds, WatchedFolder folder, ResponsibilityLookup lookup,
            @Value("${opencirt.demo-data:false}") boolean enabled) {
        this.feeds = feeds;
        this.folder = folder;
        this.lookup = lookup;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !feeds.list().isEmpty()) {
            return;
        }
        Feed sampleFeed = AuditChannel.callAs(AuditChannel.SYSTEM, () -> {
            OTHER_REPORTS.forEach(this::create);
            return create("scan_rdp");
        });
        Optional<Path> inbox = folder.folderOf(sampleFeed);
        if (inbox.isEmpty()) {
            return;
        }
        String report = sample();
        if (!onlyDemoOwners(report)) {
            LOG.warn("Demo feeds created; the sample report is not dropped: some of its addresses belong to "
                    + "organisations that are not demo data");
            return;
        }
        Path target = inbox.get().resolve(SAMPLE.substring(SAMPLE.lastIndexOf('/') + 1));
        try {
            Files.createDirectories(inbox.get());
            Path partial = target.resolveSibling(target.getFileName() + WatchedFolder.PARTIAL_SUFFIX);
            Files.writeString(partial, report, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot drop the demo report into " + inbox.get(), e);
        }
        LOG.info("Demo feeds created; a sample Shadowserver report was dropped into the watched folder {}",
                inbox.get());
    }

    private Feed create(String reportType) {
        return feeds.create(new Feed.Input("demo-shadowserver-" + reportType, "shadowserver", reportType, null, null,
                "AMBER", null, true));
    }

    /** The sample report as shipped. */
    public static String sample() {
        try (InputStream in = DemoFeeds.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether some address of the report has an owner and every owned one is a demo organisation. */
    private boolean onlyDemoOwners(String report) {
        boolean any = false;
        for (String line : report.lines().skip(1).toList()) {
            String[] columns = line.split(",", 3);
            if (columns.length < 2) {
                continue;
            }
            String ip = columns[1].replace("\"", "");
            Responsibility owner;
            try {
                owner = lookup.lookup(ResponsibilityLookup.QueryType.IP, ip);
            } catch (IllegalArgumentException notAnAddress) {
                continue;
            }
            if (owner.found() && !owner.organisation().demo()) {
                return false;
            }
            any |= owner.found();
        }
        return any;
    }
}
