package org.opencirt.constituency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * A CIRT of any kind, with the fields of its RFC 2350 description. A sectoral CIRT serves one sector;
 * the national CIRT serves whoever has no sectoral CIRT.
 */
public record Team(long id, String name, String shortName, TeamKind kind, String country, Long organisationId,
        Long sectorId, String sectorName, List<String> memberships, Rfc2350 profile, boolean demo,
        Instant createdAt, Instant updatedAt) {

    /** The RFC 2350 (BCP 21) description of a team; field names follow the RFC's sections. */
    public record Rfc2350(@Size(max = 320) String email, @Size(max = 50) String phone,
            @Size(max = 500) String website, @Size(max = 1000) String address, @Size(max = 60) String timeZone,
            @Size(max = 4000) String mission, @Size(max = 4000) String constituencyScope,
            @Size(max = 2000) String sponsorship, @Size(max = 2000) String authority,
            @Size(max = 500) String serviceHours, @Size(max = 200) String languages,
            @Size(max = 4000) String incidentPolicy, @Size(max = 4000) String cooperationPolicy,
            @Size(max = 4000) String communicationPolicy, @Size(max = 4000) String services,
            @Size(max = 1000) String reportingForms, @Size(max = 2000) String disclaimers,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate updatedOn) {

        public static Rfc2350 empty() {
            return new Rfc2350(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null);
        }
    }

    /** What a client sends to create or change a team. */
    public record Input(@NotBlank @Size(max = 300) String name, @Size(max = 50) String shortName,
            @NotNull TeamKind kind, @NotBlank @Size(min = 2, max = 2) String country, Long organisationId,
            Long sectorId, List<String> memberships, Rfc2350 profile) {
    }
}
