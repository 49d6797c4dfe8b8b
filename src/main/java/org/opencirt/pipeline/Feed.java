package org.opencirt.pipeline;

import java.time.Instant;

/**
 * A configured source of machine events: which parser reads its inputs and the constants it stamps on every event
 * (classification, TLP, accuracy), so that an operator can add or fix a feed without a release.
 *
 * @param parser     {@code shadowserver} (with {@code reportType}), {@code csv} (mapping in {@code config}) or
 *                   {@code jsonlines}
 * @param reportType the Shadowserver report type, such as {@code scan_rdp}
 * @param config     properties text: a CSV column mapping, or overrides of a Shadowserver report's mapping
 */
public record Feed(long id, String name, String parser, String reportType, String config, String classificationType,
        String tlp, Integer accuracy, boolean enabled, Instant createdAt, Instant updatedAt) {

    /** What a client sends to create or change a feed. */
    public record Input(String name, String parser, String reportType, String config, String classificationType,
            String tlp, Integer accuracy, Boolean enabled) {
    }
}
