package org.opencirt.pipeline;

import java.time.Instant;

/**
 * Filters for browsing and exporting events; any may be null. {@code feed} is a feed name.
 *
 * @param to exclusive end of {@code time.source}
 */
public record EventQuery(Long organisationId, String type, String feed, Instant from, Instant to) {
}
