package org.opencirt.constituency.internal.lookup;

import java.util.Objects;

import org.opencirt.constituency.AssetKind;

/**
 * One owned asset as the {@link ResponsibilityIndex} is built from it, decoupled from how assets are stored.
 *
 * @param value canonical text as {@link org.opencirt.constituency.AssetValues} produces it: {@code 192.0.2.0/24},
 *              {@code 2001:db8::/32}, {@code 64500}, {@code bank.example}
 */
public record IndexedAsset(long assetId, long organisationId, AssetKind kind, String value) {

    public IndexedAsset {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }
}
