package org.opencirt.constituency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A member of the constituency: it owns network assets, has contacts, and belongs to a sector. */
public record Organisation(long id, String name, String shortName, Long sectorId, String sectorName, String country,
        OrganisationKind kind, Long parentId, String parentName, String website, String description, boolean demo,
        Instant createdAt, Instant updatedAt) {

    /** What a client sends to create or change an organisation. */
    public record Input(@NotBlank @Size(max = 300) String name, @Size(max = 50) String shortName, Long sectorId,
            @NotBlank @Size(min = 2, max = 2) String country, @NotNull OrganisationKind kind, Long parentId,
            @Size(max = 500) String website, @Size(max = 2000) String description) {
    }
}
