package org.opencirt.pipeline.internal.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongPredicate;

import org.opencirt.common.ConflictException;
import org.opencirt.common.SqlSupport;
import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.FeedService;
import org.opencirt.pipeline.internal.enrich.ConstituencyOwners;
import org.opencirt.pipeline.internal.enrich.OwnerEnricher;
import org.opencirt.pipeline.internal.parser.FeedParser;
import org.opencirt.pipeline.internal.parser.ParseSummary;
import org.opencirt.pipeline.internal.rules.RuleStages;
import org.opencirt.pipeline.internal.store.EventStore;
import org.opencirt.pipeline.internal.store.StoreRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs stored inputs through parse -> enrich -> rules -> store, one thread per input, and resumes on start-up every input a
 * crash or shutdown left unfinished, after its checkpoint. A stored input is processed at most by one run at a time.
 */
@Component
public class InputProcessor implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(InputProcessor.class);

    private final JdbcClient jdbc;
    private final FeedService feeds;
    private final FeedParsers parsers;
    private final ConstituencyOwners owners;
    private final EventStore store;
    private final RuleStages rules;
    private final Path dataDirectory;
    private final ExecutorService executor;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    public InputProcessor(JdbcClient jdbc, FeedService feeds, FeedParsers parsers, ConstituencyOwners owners,
            EventStore store, RuleStages rules, @Value("${opencirt.data-dir}") String dataDirectory,
            @Value("${opencirt.pipeline.threads:1}") int threads) {
        this.jdbc = jdbc;
        this.feeds = feeds;
        this.parsers = parsers;
        this.owners = owners;
        this.store = store;
        this.rules = rules;
        this.dataDirectory = Path.of(dataDirectory).toAbsolutePath();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "pipeline-input");
            thread.setDaemon(true);
            return thread;
        });
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path inputsDirectory() {
        return dataDirectory.resolve("inputs");
    }

    /** Resumes inputs left received or processing by the last run. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeUnfinished() {
        List<Long> unfinished = jdbc.sql("select id from raw_input where state in ('received', 'processing') order by id")
                .query(Long.class).list();
        if (!unfinished.isEmpty()) {
            LOG.info("Resuming {} unfinished input(s): {}", unfinished.size(), unfinished);
        }
        unfinished.forEach(this::submit);
    }

    public void submit(long inputId) {
        executor.submit(() -> {
            try {
                process(inputId);
            } catch (RuntimeException e) {
                LOG.warn("Input {} failed: {}", inputId, e.getMessage());
            }
        });
    }

    /** Processes an input now, from after its checkpoint; does nothing when it is done or already running. */
    public void process(long inputId) {
        if (!running.add(inputId)) {
            return;
        }
        try {
            Stored input = stored(inputId);
            if (input.state().equals("done") || input.state().equals("failed")) {
                return;
            }
            jdbc.sql("update raw_input set state = 'processing', started_at = coalesce(started_at, ?) where id = ?")
                    .params(SqlSupport.utc(Instant.now()), inputId).update();
            try (StoreRun run = store.begin(inputId, input.feedId(), input.checkpoint())) {
                ParseSummary summary = parse(input, run, line -> line > input.checkpoint(), false);
                run.finish(summary.lines());
                jdbc.sql("update raw_input set state = 'done', finished_at = ?, error = null where id = ?")
                        .params(SqlSupport.utc(Instant.now()), inputId).update();
                LOG.info("Input {}: {} lines, {} events stored, {} quarantined", inputId, summary.lines(),
                        run.storedEvents(), run.quarantinedLines());
            } catch (RuntimeException e) {
                fail(inputId, e);
                throw e;
            }
        } finally {
            running.remove(inputId);
        }
    }

    /** Re-parses the given quarantined lines of an input with its feed's current settings. */
    public void replay(long inputId, Set<Long> lines) {
        if (!running.add(inputId)) {
            throw new ConflictException("Input " + inputId + " is being processed; replay it when it is done");
        }
        try {
            Stored input = stored(inputId);
            if (input.state().equals("processing") || input.state().equals("received")) {
                throw new ConflictException("Input " + inputId + " is still " + input.state());
            }
            try (StoreRun run = store.replay(inputId, input.feedId(), lines)) {
                ParseSummary summary = parse(input, run, lines::contains, true);
                run.finish(summary.lines());
            }
        } finally {
            running.remove(inputId);
        }
    }

    /** Parses the input into the run, through enrichment and the feed's rules; {@code wanted}: what the run stores. */
    private ParseSummary parse(Stored input, StoreRun run, LongPredicate wanted, boolean replay) {
        Feed feed = feeds.get(input.feedId());
        FeedParser parser = parsers.parserFor(feed);
        try (InputStream in = Files.newInputStream(dataDirectory.resolve(input.path()))) {
            return parser.parse(in, new OwnerEnricher(owners, rules.wrap(feed.id(), input.id(), wanted, replay, run)),
                    run);
        } catch (IOException e) {
            throw new IllegalStateException("Reading stored input " + input.id() + " failed: " + e.getMessage(), e);
        }
    }

    private void fail(long inputId, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        jdbc.sql("update raw_input set state = 'failed', finished_at = ?, error = ? where id = ?")
                .params(SqlSupport.utc(Instant.now()), message.length() > 2000 ? message.substring(0, 2000) : message,
                        inputId)
                .update();
    }

    private Stored stored(long inputId) {
        return jdbc.sql("select id, feed_id, stored_path, state, last_committed_line from raw_input where id = ?")
                .param(inputId)
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5)))
                .single();
    }

    private record Stored(long id, long feedId, String path, String state, long checkpoint) {
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
