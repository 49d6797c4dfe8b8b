package org.opencirt.constituency.internal.lookup;

import org.opencirt.constituency.AssetKind;

/**
 * What a responsibility lookup found: the owning asset and organisation, the owned value that matched (such as
 * {@code 10.1.2.0/24}) and how specific it is, so callers can explain the answer.
 *
 * @param prefixLength for CIDR the prefix length in bits, for DOMAIN the number of labels of the owned domain, for
 *                     ASN 0; larger is more specific
 */
public record Match(long assetId, long organisationId, AssetKind kind, String value, int prefixLength) {
}
