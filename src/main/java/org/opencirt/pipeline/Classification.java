package org.opencirt.pipeline;

/**
 * An RSIT classification: the taxonomy (an RSIT class such as {@code malicious-code}) and the type within it (such as
 * {@code infected-system}). Rules, notifications and statistics group events by these two values.
 */
public record Classification(String taxonomy, String type) {
}
