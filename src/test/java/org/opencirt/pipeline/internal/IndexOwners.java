package org.opencirt.pipeline.internal;

import org.opencirt.constituency.internal.lookup.Match;
import org.opencirt.constituency.internal.lookup.ResponsibilityIndex;
import org.opencirt.pipeline.internal.enrich.OwnerLookup;

/**
 * Owner queries straight on a constituency index built in memory, as the constituency's lookup answers them, for the
 * streaming check and the benchmarks, which run the pipeline's stages without an application context.
 */
public record IndexOwners(ResponsibilityIndex index) implements OwnerLookup {

    @Override
    public long ownerOfIPv4(int address) {
        return owner(index.matchIPv4(address));
    }

    @Override
    public long ownerOfIp(String address) {
        return owner(index.matchIp(address));
    }

    @Override
    public long ownerOfAsn(long asn) {
        return owner(index.matchAsn(asn));
    }

    @Override
    public long ownerOfDomain(String domain) {
        return owner(index.matchDomain(domain));
    }

    private static long owner(Match match) {
        return match == null ? -1 : match.organisationId();
    }
}
