package org.opencirt.pipeline.internal.stage;

/**
 * An input line that could not become an event, kept so that it can be fixed and replayed instead of being lost.
 *
 * @param feed       the feed name
 * @param lineNumber its line number in the input (1-based)
 * @param raw        the line as read
 * @param reason     why it failed, naming the field, such as {@code source.port: '70000' is not a port number}
 */
public record QuarantinedLine(String feed, long lineNumber, String raw, String reason) {
}
