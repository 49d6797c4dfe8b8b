package org.opencirt.pipeline.internal.enrich;

import org.opencirt.constituency.ResponsibilityLookup;
import org.springframework.stereotype.Component;

/** Owner queries answered by the constituency's responsibility lookup, the one authority on who owns what. */
@Component
public class ConstituencyOwners implements OwnerLookup {

    private final ResponsibilityLookup lookup;

    public ConstituencyOwners(ResponsibilityLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public long ownerOfIPv4(int address) {
        return lookup.ownerOfIPv4(address);
    }

    @Override
    public long ownerOfIp(String address) {
        return lookup.ownerOfIp(address);
    }

    @Override
    public long ownerOfAsn(long asn) {
        return lookup.ownerOfAsn(asn);
    }

    @Override
    public long ownerOfDomain(String domain) {
        return lookup.ownerOfDomain(domain);
    }
}
