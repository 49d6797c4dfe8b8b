package org.opencirt.pipeline.internal.intake;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Properties;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.Feed;
import org.opencirt.pipeline.InvalidValueException;
import org.opencirt.pipeline.internal.parser.ColumnMapping;
import org.opencirt.pipeline.internal.parser.FeedParser;
import org.opencirt.pipeline.internal.parser.csv.CsvFeedParser;
import org.opencirt.pipeline.internal.parser.jsonlines.JsonLinesParser;
import org.opencirt.pipeline.internal.parser.shadowserver.ShadowserverReports;
import org.springframework.stereotype.Component;

/**
 * Builds the parser a feed's current settings describe; used to validate a feed when it is saved and again for every
 * input and replay, so that a fixed mapping applies to the lines it quarantined before.
 */
@Component
public class FeedParsers {

    private final ShadowserverReports shadowserver;
    private final Clock clock;

    public FeedParsers() {
        this.clock = Clock.systemUTC();
        this.shadowserver = ShadowserverReports.load(clock);
    }

    /**
     * @throws IllegalArgumentException when the settings do not make a parser, saying why
     */
    public FeedParser parserFor(Feed feed) {
        Properties settings = settings(feed);
        return switch (feed.parser()) {
            case "shadowserver" -> shadowserver.parserFor(feed.reportType(), settings);
            case "csv" -> {
                settings.putIfAbsent("feed.name", feed.name());
                yield new CsvFeedParser(ColumnMapping.fromProperties(settings, "feed " + feed.name()), clock);
            }
            case "jsonlines" -> new JsonLinesParser(template(feed), clock);
            default -> throw new IllegalArgumentException("unknown parser '" + feed.parser() + "'");
        };
    }

    private static Properties settings(Feed feed) {
        Properties settings = new Properties();
        if (feed.config() != null) {
            try {
                settings.load(new StringReader(feed.config()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        putIfSet(settings, "tlp", feed.tlp());
        putIfSet(settings, "classification.type", feed.classificationType());
        putIfSet(settings, "feed.accuracy", feed.accuracy() == null ? null : feed.accuracy().toString());
        return settings;
    }

    private static void putIfSet(Properties settings, String key, String value) {
        if (value != null) {
            settings.putIfAbsent(key, value);
        }
    }

    private static Event template(Feed feed) {
        Event template = new Event();
        try {
            template.set(EventField.FEED_NAME, feed.name()).set(EventField.TLP, feed.tlp())
                    .set(EventField.CLASSIFICATION_TYPE, feed.classificationType());
            if (feed.accuracy() != null) {
                template.set(EventField.FEED_ACCURACY, feed.accuracy().toString());
            }
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return template;
    }
}
