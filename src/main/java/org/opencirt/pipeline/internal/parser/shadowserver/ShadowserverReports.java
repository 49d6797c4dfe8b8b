package org.opencirt.pipeline.internal.parser.shadowserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.opencirt.pipeline.internal.parser.ColumnMapping;
import org.opencirt.pipeline.internal.parser.FeedParser;
import org.opencirt.pipeline.internal.parser.csv.CsvFeedParser;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Shadowserver report family: one {@link ColumnMapping} file per report type under
 * {@code org/opencirt/pipeline/shadowserver/} on the classpath (file name = report type, such as
 * {@code scan_rdp.properties}), so that a new report type is a new file, not code. Shadowserver names its files
 * {@code 2026-11-24-scan_rdp-country-geo.csv}; {@link #reportOfFileName} finds the type in such a name.
 */
public final class ShadowserverReports {

    static final String LOCATION = "classpath*:org/opencirt/pipeline/shadowserver/*.properties";
    private static final String DEFAULT_PROVIDER = "Shadowserver";

    private final Map<String, ColumnMapping> mappings;
    private final Map<String, Properties> definitions;
    private final Clock clock;

    private ShadowserverReports(Map<String, ColumnMapping> mappings, Map<String, Properties> definitions,
            Clock clock) {
        this.mappings = mappings;
        this.definitions = definitions;
        this.clock = clock;
    }

    /** Loads every report type found on the classpath. */
    public static ShadowserverReports load(Clock clock) {
        Map<String, ColumnMapping> mappings = new TreeMap<>();
        Map<String, Properties> definitions = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                String fileName = resource.getFilename();
                String report = fileName.substring(0, fileName.length() - ".properties".length());
                Properties properties = new Properties();
                properties.setProperty("feed.provider", DEFAULT_PROVIDER);
                properties.setProperty("feed.code", "shadowserver-" + report);
                try (InputStream in = resource.getInputStream()) {
                    properties.load(in);
                }
                mappings.put(report, ColumnMapping.fromProperties(properties, "Shadowserver report " + fileName));
                definitions.put(report, properties);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ShadowserverReports(Collections.unmodifiableMap(mappings), Collections.unmodifiableMap(definitions),
                clock);
    }

    /** The report types known, sorted. */
    public Set<String> reportTypes() {
        return mappings.keySet();
    }

    /**
     * The parser of a report type.
     *
     * @throws IllegalArgumentException for an unknown type, listing the known ones
     */
    public FeedParser parserFor(String report) {
        ColumnMapping mapping = mappings.get(report);
        if (mapping == null) {
            throw new IllegalArgumentException("Unknown Shadowserver report type '" + report + "'; known: "
                    + String.join(", ", mappings.keySet()));
        }
        return new CsvFeedParser(mapping, clock);
    }

    /**
     * The parser of a report type with a feed's own settings on top of the shipped mapping (for example
     * {@code tlp = AMBER} or {@code column.port = source.port?}), so that an operator can fix a mapping without a
     * release and replay what it quarantined.
     *
     * @throws IllegalArgumentException for an unknown type or an invalid override
     */
    public FeedParser parserFor(String report, Properties overrides) {
        if (overrides.isEmpty()) {
            return parserFor(report);
        }
        Properties shipped = definitions.get(report);
        if (shipped == null) {
            parserFor(report);
        }
        Properties merged = new Properties();
        merged.putAll(shipped);
        merged.putAll(overrides);
        return new CsvFeedParser(ColumnMapping.fromProperties(merged, "Shadowserver report " + report
                + " with the feed's settings"), clock);
    }

    /** The report type named in a Shadowserver file name (the longest known type it contains), or null. */
    public String reportOfFileName(String fileName) {
        String found = null;
        for (String report : mappings.keySet()) {
            boolean named = fileName.contains("-" + report + "-") || fileName.contains("-" + report + ".")
                    || fileName.startsWith(report + "-") || fileName.startsWith(report + ".");
            if (named && (found == null || report.length() > found.length())) {
                found = report;
            }
        }
        return found;
    }
}
