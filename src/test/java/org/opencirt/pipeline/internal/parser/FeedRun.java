package org.opencirt.pipeline.internal.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.internal.stage.QuarantinedLine;

/** Test support: runs a parser over a snapshot under src/test/resources/feeds and keeps what came out. */
public final class FeedRun {

    /** The clock parsers get in tests: time.observation is 2026-11-25T00:00:00+00:00. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);

    public final List<Event> events = new ArrayList<>();
    public final List<QuarantinedLine> quarantined = new ArrayList<>();
    public final ParseSummary summary;

    private FeedRun(FeedParser parser, String resource) {
        try (InputStream in = FeedRun.class.getResourceAsStream("/feeds/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no snapshot feeds/" + resource);
            }
            summary = parser.parse(in, batch -> events.addAll(batch.asList()), quarantined::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FeedRun of(FeedParser parser, String resource) {
        return new FeedRun(parser, resource);
    }
}
