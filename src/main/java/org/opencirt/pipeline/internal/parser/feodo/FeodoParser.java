package org.opencirt.pipeline.internal.parser.feodo;

import java.time.Clock;

import org.opencirt.pipeline.internal.parser.ColumnMapping;
import org.opencirt.pipeline.internal.parser.FeedParser;
import org.opencirt.pipeline.internal.parser.csv.CsvFeedParser;

/** abuse.ch Feodo Tracker's IP block list (botnet C2 servers), described by {@code feodo.properties}. */
public final class FeodoParser {

    private FeodoParser() {
    }

    public static FeedParser create(Clock clock) {
        return new CsvFeedParser(ColumnMapping.fromResource(FeodoParser.class, "feodo.properties"), clock);
    }
}
