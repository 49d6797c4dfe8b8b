package org.opencirt.pipeline.internal.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.stage.EventBatch;
import org.opencirt.pipeline.internal.stage.EventSink;
import org.opencirt.pipeline.internal.stage.QuarantineSink;
import org.opencirt.pipeline.internal.stage.QuarantinedLine;

/**
 * The common loop of line-based parsers: reads lines with bounded memory, gives each to the feed's
 * {@link LineHandler}, keeps the line as {@code raw} (unless the handler set it), sets {@code time.observation} to the start of the run, sends
 * events on in batches and quarantines failing lines with their reason.
 */
public abstract class LineFeedParser implements FeedParser {

    /** Events per batch handed to the next stage. */
    public static final int BATCH_SIZE = 1024;
    /** Longer lines are quarantined (cut to this length). */
    public static final int MAX_LINE_LENGTH = 1 << 20;

    private final Event template;
    private final String feedName;
    private final Clock clock;

    /**
     * @param template the feed's constant fields ({@code feed.name}, {@code feed.provider}, classification...), copied
     *                 for each event
     */
    protected LineFeedParser(Event template, Clock clock) {
        this.template = template;
        this.feedName = template.has(EventField.FEED_NAME) ? template.get(EventField.FEED_NAME) : "unnamed";
        this.clock = clock;
    }

    /** A handler for one input. */
    protected abstract LineHandler newHandler();

    @Override
    public final ParseSummary parse(InputStream input, EventSink events, QuarantineSink quarantine)
            throws IOException {
        BoundedLineReader reader =
                new BoundedLineReader(new InputStreamReader(input, StandardCharsets.UTF_8), MAX_LINE_LENGTH);
        LineHandler handler = newHandler();
        Event runTemplate = template.copy().set(EventField.TIME_OBSERVATION,
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        Event[] batch = new Event[BATCH_SIZE];
        long[] lines = new long[BATCH_SIZE];
        int size = 0;
        long firstLine = 0;
        long lineNumber = 0;
        long emitted = 0;
        long quarantined = 0;
        long skipped = 0;
        Event event = runTemplate.copy();
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (reader.truncated()) {
                quarantine.quarantine(new QuarantinedLine(feedName, lineNumber, line,
                        "line longer than " + MAX_LINE_LENGTH + " characters"));
                quarantined++;
                continue;
            }
            try {
                if (line.isBlank() || !handler.handle(line, event)) {
                    skipped++;
                    continue;
                }
                if (!event.has(EventField.RAW)) {
                    event.setRawLine(line);
                }
            } catch (IllegalArgumentException e) {
                quarantine.quarantine(new QuarantinedLine(feedName, lineNumber, line, e.getMessage()));
                quarantined++;
                event = runTemplate.copy();
                continue;
            }
            if (size == 0) {
                firstLine = lineNumber;
            }
            lines[size] = lineNumber;
            batch[size++] = event;
            emitted++;
            event = runTemplate.copy();
            if (size == BATCH_SIZE) {
                events.accept(new EventBatch(feedName, firstLine, lineNumber, batch, size, lines));
                batch = new Event[BATCH_SIZE];
                lines = new long[BATCH_SIZE];
                size = 0;
            }
        }
        if (size > 0) {
            events.accept(new EventBatch(feedName, firstLine, lineNumber, batch, size, lines));
        }
        return new ParseSummary(lineNumber, emitted, quarantined, skipped);
    }
}
