package org.opencirt.constituency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A CIDR range, AS number or domain owned by an organisation: what the responsibility lookup answers from. */
public record NetworkAsset(long id, long organisationId, String organisationName, AssetKind kind, String value,
        String description, boolean demo, Instant createdAt, Instant updatedAt) {

    /** What a client sends to register an asset; the value is canonicalised (host bits, case, IDN). */
    public record Input(@NotNull Long organisationId, @NotNull AssetKind kind, @NotBlank @Size(max = 300) String value,
            @Size(max = 500) String description) {
    }

    /** The saved asset with warnings about overlaps with other organisations' assets. */
    public record Saved(NetworkAsset asset, java.util.List<String> overlaps) {
    }
}
