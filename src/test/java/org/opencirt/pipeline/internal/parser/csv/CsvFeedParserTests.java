package org.opencirt.pipeline.internal.parser.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.parser.ColumnMapping;
import org.opencirt.pipeline.internal.parser.FeedRun;

class CsvFeedParserTests {

    private static ColumnMapping mapping() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CsvFeedParserTests.class.getResourceAsStream("/feeds/csv/mapping.properties")) {
            properties.load(in);
        }
        return ColumnMapping.fromProperties(properties, "mapping.properties");
    }

    @Test
    void columnsAreMappedAsConfiguredAndTimesConvertedToUtc() throws IOException {
        FeedRun run = FeedRun.of(new CsvFeedParser(mapping(), FeedRun.CLOCK), "csv/2026-11-24.csv");

        assertThat(run.quarantined).isEmpty();
        assertThat(run.events).hasSize(2);
        Event first = run.events.get(0);
        assertThat(first.get(EventField.TIME_SOURCE)).isEqualTo("2026-11-24T07:00:00+00:00");
        assertThat(first.get(EventField.SOURCE_ASN)).isEqualTo("64500");
        assertThat(first.get(EventField.CLASSIFICATION_IDENTIFIER)).isEqualTo("open-resolver");
        assertThat(first.get(EventField.FEED_NAME)).isEqualTo("Partner Open Resolvers");
        assertThat(first.get(EventField.PROTOCOL_APPLICATION)).isEqualTo("dns");
    }

    @Test
    void mappingToAnUnknownFieldIsRejectedWithTheKey() {
        Properties properties = new Properties();
        properties.setProperty("column.ip", "source.ipaddress");

        assertThatThrownBy(() -> ColumnMapping.fromProperties(properties, "partner.properties"))
                .hasMessage("partner.properties: column.ip names an unknown field 'source.ipaddress'");
    }
}
