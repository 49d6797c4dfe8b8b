package org.opencirt.constituency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A sector of the economy or state; critical-infrastructure sectors get closer attention. */
public record Sector(long id, String name, String description, boolean criticalInfrastructure, boolean demo,
        Instant createdAt, Instant updatedAt) {

    /** What a client sends to create or change a sector. */
    public record Input(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
            boolean criticalInfrastructure) {
    }
}
