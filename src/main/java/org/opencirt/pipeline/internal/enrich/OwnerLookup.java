package org.opencirt.pipeline.internal.enrich;

/**
 * The primitive owner queries enrichment needs, each returning an organisation id or -1. Production code answers them
 * with the constituency's {@code ResponsibilityLookup} ({@link ConstituencyOwners}); tests and the benchmark give
 * their own, so that the stage runs without a database.
 */
public interface OwnerLookup {

    long ownerOfIPv4(int address);

    /** Any IP address in canonical text (used for IPv6). */
    long ownerOfIp(String address);

    long ownerOfAsn(long asn);

    long ownerOfDomain(String domain);
}
