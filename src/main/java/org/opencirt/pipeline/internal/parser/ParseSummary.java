package org.opencirt.pipeline.internal.parser;

/**
 * What a parse did with its input, so that an operator can see that every line is accounted for:
 * {@code lines == events + quarantined + skipped}.
 *
 * @param skipped comments, headers and blank lines
 */
public record ParseSummary(long lines, long events, long quarantined, long skipped) {
}
