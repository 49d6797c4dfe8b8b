package org.opencirt.pipeline.internal.parser.urlhaus;

import java.time.Clock;

import org.opencirt.constituency.AssetValues;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.parser.ColumnMapping;
import org.opencirt.pipeline.internal.parser.FeedParser;
import org.opencirt.pipeline.internal.parser.csv.CsvFeedParser;

/**
 * abuse.ch URLhaus's CSV export (malware distribution URLs), described by {@code urlhaus.properties}. The URL's host
 * also becomes {@code source.ip} or {@code source.fqdn}, so that enrichment finds who hosts the URL.
 */
public final class UrlhausParser {

    private UrlhausParser() {
    }

    public static FeedParser create(Clock clock) {
        return new CsvFeedParser(ColumnMapping.fromResource(UrlhausParser.class, "urlhaus.properties"), clock,
                UrlhausParser::setHost);
    }

    private static void setHost(Event event) {
        String host = AssetValues.hostOfUrl(event.get(EventField.SOURCE_URL));
        boolean ip = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
        event.set(ip ? EventField.SOURCE_IP : EventField.SOURCE_FQDN, host);
    }
}
