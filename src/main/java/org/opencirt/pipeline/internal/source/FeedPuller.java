package org.opencirt.pipeline.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.opencirt.common.ConflictException;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.SqlSupport;
import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.FeedService;
import org.opencirt.pipeline.InputService;
import org.opencirt.pipeline.RawInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The HTTP(S) pull source: every {@code check-every}, fetches each enabled feed whose pull is due and stores the
 * download as an input of the feed (so the same content twice is recognised by its SHA-256 and makes no second
 * input; a 304 answer to the remembered ETag or Last-Modified is not even downloaded). How each attempt went is
 * written on the feed, where operators see it, and a failure waits for the next interval like a success. A feed is
 * claimed by moving its due time before it is fetched, so two schedulers never fetch it twice.
 */
@Component
public class FeedPuller implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPuller.class);

    private final JdbcClient jdbc;
    private final FeedService feeds;
    private final InputService inputs;
    private final Duration checkEvery;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private final Set<Long> pulling = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pipeline-pull");
        thread.setDaemon(true);
        return thread;
    });

    public FeedPuller(JdbcClient jdbc, FeedService feeds, InputService inputs,
            @Value("${opencirt.pipeline.pull.check-every:30s}") Duration checkEvery,
            @Value("${opencirt.pipeline.pull.timeout:5m}") Duration timeout) {
        this.jdbc = jdbc;
        this.feeds = feeds;
        this.inputs = inputs;
        this.checkEvery = checkEvery;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Starts the schedule once the application is ready. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                pullDue();
            } catch (RuntimeException e) {
                LOG.warn("Checking for due feed pulls failed: {}", e.toString());
            }
        }, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Fetches every enabled feed whose pull is due. */
    public void pullDue() {
        Instant now = clock.instant();
        List<Long> due = jdbc.sql("""
                select id from feed where enabled = true and pull_url is not null and pull_next_at <= ?
                order by pull_next_at""").param(SqlSupport.utc(now)).query(Long.class).list();
        for (long id : due) {
            Feed feed = feeds.get(id);
            if (feed.pull() == null) {
                continue;
            }
            Instant next = now.plus(Duration.parse(feed.pull().interval()));
            boolean claimed = jdbc.sql("update feed set pull_next_at = ? where id = ? and pull_next_at <= ?")
                    .params(SqlSupport.utc(next), id, SqlSupport.utc(now)).update() == 1;
            if (claimed && pulling.add(id)) {
                try {
                    pull(feed, next);
                } finally {
                    pulling.remove(id);
                }
            }
        }
    }

    /**
     * Fetches a feed now, whatever its schedule (the next pull is then one interval later).
     *
     * @throws InvalidInputException when the feed has no pull or is disabled
     * @throws ConflictException     when a pull of the feed is running
     */
    public Feed pullNow(long feedId) {
        Feed feed = feeds.get(feedId);
        if (feed.pull() == null) {
            throw new InvalidInputException("pull", "feed " + feed.name() + " has no pull URL");
        }
        if (!feed.enabled()) {
            throw new InvalidInputException("feed", "feed " + feed.name() + " is disabled");
        }
        if (!pulling.add(feedId)) {
            throw new ConflictException("A pull of feed " + feed.name() + " is running");
        }
        try {
            pull(feed, clock.instant().plus(Duration.parse(feed.pull().interval())));
        } finally {
            pulling.remove(feedId);
        }
        return feeds.get(feedId);
    }

    private void pull(Feed feed, Instant next) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Conditions conditions = jdbc.sql("select pull_etag, pull_last_modified from feed where id = ?")
                .param(feed.id()).query((rs, n) -> new Conditions(rs.getString(1), rs.getString(2))).single();
        String url = feed.pull().url();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                    .header("User-Agent", "OpenCIRT feed pull");
            if (conditions.etag() != null) {
                request.header("If-None-Match", conditions.etag());
            }
            if (conditions.lastModified() != null) {
                request.header("If-Modified-Since", conditions.lastModified());
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 304) {
                    succeeded(feed.id(), at, "unchanged", null, conditions, next);
                    return;
                }
                if (status < 200 || status > 299) {
                    failed(feed.id(), at, "HTTP " + status + " from " + URI.create(url).getHost(), next);
                    return;
                }
                InputStream content = Payloads.unpacked(body);
                String fileName = Payloads.withoutGzipSuffix(fileName(response), content);
                RawInput.Intake intake = inputs.receive(feed.id(), fileName, content, false);
                Conditions received = new Conditions(response.headers().firstValue("ETag").orElse(null),
                        response.headers().firstValue("Last-Modified").orElse(null));
                succeeded(feed.id(), at, intake.duplicate() ? "unchanged" : "new-input", intake.input().id(), received,
                        next);
                LOG.info("Pulled feed {} from {}: {}", feed.name(), url,
                        intake.duplicate() ? "unchanged (input " + intake.input().id() + ")"
                                : "input " + intake.input().id());
            }
        } catch (InvalidInputException e) {
            failed(feed.id(), at, e.getMessage().startsWith("file") ? "the download is empty" : e.getMessage(), next);
        } catch (IOException | RuntimeException e) {
            failed(feed.id(), at, "GET " + url + " failed: " + Payloads.reason(e), next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(feed.id(), at, "interrupted", next);
        }
    }

    private record Conditions(String etag, String lastModified) {
    }

    /** The last path segment of the final URL, or {@code download}. */
    private static String fileName(HttpResponse<?> response) {
        String path = response.uri().getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return name.isBlank() ? "download" : name;
    }

    private void succeeded(long feedId, Instant at, String outcome, Long inputId, Conditions conditions,
            Instant next) {
        jdbc.sql("""
                update feed set pull_last_at = ?, pull_last_outcome = ?, pull_last_error = null,
                    pull_last_input_id = coalesce(?, pull_last_input_id), pull_last_success_at = ?, pull_etag = ?,
                    pull_last_modified = ?, pull_next_at = ?
                where id = ?""")
                .params(SqlSupport.utc(at), outcome, inputId, SqlSupport.utc(at), truncate(conditions.etag(), 500),
                        truncate(conditions.lastModified(), 100), SqlSupport.utc(next), feedId)
                .update();
    }

    private void failed(long feedId, Instant at, String reason, Instant next) {
        LOG.warn("Pull of feed {} failed: {}", feedId, reason);
        jdbc.sql("""
                update feed set pull_last_at = ?, pull_last_outcome = 'failed', pull_last_error = ?, pull_next_at = ?
                where id = ?""")
                .params(SqlSupport.utc(at), reason.length() > 2000 ? reason.substring(0, 2000) : reason,
                        SqlSupport.utc(next), feedId)
                .update();
    }

    /** A validator too long to keep is forgotten (the next pull downloads and compares the SHA-256). */
    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : null;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
