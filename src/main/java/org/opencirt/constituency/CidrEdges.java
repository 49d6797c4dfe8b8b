package org.opencirt.constituency;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;

/** First and last address of a canonical CIDR range. */
final class CidrEdges {

    private CidrEdges() {
    }

    static List<String> of(String cidr) {
        IPAddress block = new IPAddressString(cidr).getAddress().toPrefixBlock();
        return List.of(block.getLower().withoutPrefixLength().toCanonicalString(),
                block.getUpper().withoutPrefixLength().toCanonicalString());
    }
}
