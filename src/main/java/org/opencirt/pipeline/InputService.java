package org.opencirt.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.opencirt.common.ConflictException;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.SqlSupport;
import org.opencirt.pipeline.internal.intake.InputProcessor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Feed inputs: a file is stored on disk and recorded (with its SHA-256, so that the same file twice is recognised)
 * before anything reads it, then processed in the background or at once; quarantined lines are listed and replayed
 * with the feed's current settings. Nothing received is dropped.
 */
@Service
public class InputService {

    private final JdbcClient jdbc;
    private final FeedService feeds;
    private final InputProcessor processor;

    public InputService(JdbcClient jdbc, FeedService feeds, InputProcessor processor) {
        this.jdbc = jdbc;
        this.feeds = feeds;
        this.processor = processor;
    }

    /**
     * Stores a file for a feed and processes it, in the background unless {@code wait}.
     *
     * @throws InvalidInputException for an empty file or a disabled feed
     */
    public RawInput.Intake receive(long feedId, String fileName, InputStream body, boolean wait) {
        Feed feed = feeds.get(feedId);
        if (!feed.enabled()) {
            throw new InvalidInputException("feed", "feed " + feed.name() + " is disabled");
        }
        String name = fileName == null || fileName.isBlank() ? "upload" : Path.of(fileName.strip()).getFileName()
                .toString();
        name = name.length() > 300 ? name.substring(0, 300) : name;
        Path inputs = processor.inputsDirectory();
        Path temp = null;
        try {
            Files.createDirectories(inputs);
            temp = Files.createTempFile(inputs, "upload-", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                size = body.transferTo(out);
            }
            if (size == 0) {
                throw new InvalidInputException("file", "is empty");
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            Optional<RawInput> existing = find(feedId, hash);
            if (existing.isPresent()) {
                return new RawInput.Intake(existing.get(), true);
            }
            String stored = "inputs/" + feedId + "-" + hash + ".dat";
            Files.move(temp, processor.dataDirectory().resolve(stored), StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            long id;
            try {
                GeneratedKeyHolder keys = new GeneratedKeyHolder();
                jdbc.sql("""
                        insert into raw_input (feed_id, file_name, size_bytes, sha256, stored_path, received_at, state)
                        values (?, ?, ?, ?, ?, ?, 'received')""")
                        .params(feedId, name, size, hash, stored,
                                SqlSupport.utc(Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                        .update(keys, "id");
                id = keys.getKeyAs(Long.class);
            } catch (DuplicateKeyException e) {
                return new RawInput.Intake(find(feedId, hash).orElseThrow(), true);
            }
            if (wait) {
                processor.process(id);
            } else {
                processor.submit(id);
            }
            return new RawInput.Intake(get(id), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Storing the input failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray .part file is harmless
                }
            }
        }
    }

    public PageResult<RawInput> list(Long feedId, PageRequest page) {
        SqlSupport.Where where = new SqlSupport.Where().equal("feed_id", feedId);
        long total = jdbc.sql("select count(*) from raw_input" + where.sql()).params(where.params())
                .query(Long.class).single();
        List<RawInput> items = jdbc.sql("select * from raw_input" + where.sql() + " order by id desc limit ? offset ?")
                .params(where.paramsWithPage(page)).query((rs, n) -> map(rs)).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    public RawInput get(long id) {
        return jdbc.sql("select * from raw_input where id = ?").param(id).query((rs, n) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundException("Input", id));
    }

    public PageResult<QuarantineEntry> quarantine(Long inputId, boolean openOnly, PageRequest page) {
        SqlSupport.Where where = new SqlSupport.Where().equal("raw_input_id", inputId);
        if (openOnly) {
            where.raw("resolved_at is null");
        }
        long total = jdbc.sql("select count(*) from quarantine" + where.sql()).params(where.params())
                .query(Long.class).single();
        List<QuarantineEntry> items = jdbc.sql("select * from quarantine" + where.sql()
                        + " order by raw_input_id, line_no limit ? offset ?")
                .params(where.paramsWithPage(page)).query((rs, n) -> mapQuarantine(rs)).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** Re-parses one quarantined line with the feed's current settings; returns the entry as it is afterwards. */
    public QuarantineEntry replayEntry(long quarantineId) {
        QuarantineEntry entry = quarantineEntry(quarantineId);
        if (entry.resolvedAt() != null) {
            throw new ConflictException("Quarantined line " + quarantineId + " is already " + entry.resolution());
        }
        processor.replay(entry.inputId(), Set.of(entry.lineNo()));
        return quarantineEntry(quarantineId);
    }

    /** Re-parses every open quarantined line of an input with the feed's current settings. */
    public RawInput replayInput(long inputId) {
        get(inputId);
        Set<Long> lines = new TreeSet<>(jdbc.sql(
                        "select line_no from quarantine where raw_input_id = ? and resolved_at is null")
                .param(inputId).query(Long.class).list());
        if (!lines.isEmpty()) {
            processor.replay(inputId, lines);
        }
        return get(inputId);
    }

    private QuarantineEntry quarantineEntry(long id) {
        return jdbc.sql("select * from quarantine where id = ?").param(id).query((rs, n) -> mapQuarantine(rs))
                .optional().orElseThrow(() -> new NotFoundException("Quarantined line", id));
    }

    private Optional<RawInput> find(long feedId, String sha256) {
        return jdbc.sql("select * from raw_input where feed_id = ? and sha256 = ?").params(feedId, sha256)
                .query((rs, n) -> map(rs)).optional();
    }

    private static RawInput map(ResultSet rs) throws SQLException {
        return new RawInput(rs.getLong("id"), rs.getLong("feed_id"), rs.getString("file_name"),
                rs.getLong("size_bytes"), rs.getString("sha256"), SqlSupport.instant(rs, "received_at"),
                rs.getString("state"), rs.getLong("lines_processed"), rs.getLong("events_stored"),
                rs.getLong("events_outside"), rs.getLong("quarantined"), rs.getLong("last_committed_line"),
                SqlSupport.instant(rs, "started_at"), SqlSupport.instant(rs, "finished_at"), rs.getString("error"),
                rs.getLong("events_dropped"), rs.getLong("events_repeated"));
    }

    private static QuarantineEntry mapQuarantine(ResultSet rs) throws SQLException {
        return new QuarantineEntry(rs.getLong("id"), rs.getLong("raw_input_id"), rs.getLong("line_no"),
                rs.getString("raw_line"), rs.getString("reason"), SqlSupport.instant(rs, "created_at"),
                SqlSupport.instant(rs, "resolved_at"), rs.getString("resolution"));
    }
}
