package org.opencirt.constituency;

/** What kind of network asset an organisation owns, so lookups know how to match it. */
public enum AssetKind {
    CIDR,
    ASN,
    DOMAIN
}
