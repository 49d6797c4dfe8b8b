package org.opencirt.audit;

/** Result of re-computing the audit chain: intact, or the first entry whose link is broken and why. */
public record ChainVerification(boolean intact, long entriesChecked, Long firstBrokenSeq, String reason) {
}
