package org.opencirt.constituency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * How to reach an organisation or a team: a person or role mailbox, with languages for notifications and
 * an OpenPGP key whose fingerprint is computed from the key itself, never typed in.
 */
public record Contact(long id, Long organisationId, Long teamId, ContactKind kind, String name, String email,
        String phone, boolean available24x7, List<String> languages, String pgpPublicKey, String pgpFingerprint,
        String notes, boolean demo, Instant createdAt, Instant updatedAt) {

    /** What a client sends to create or change a contact; exactly one of organisationId and teamId. */
    public record Input(Long organisationId, Long teamId, @NotNull ContactKind kind,
            @NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 320) String email,
            @Size(max = 50) String phone, boolean available24x7, List<String> languages, String pgpPublicKey,
            @Size(max = 1000) String notes) {
    }
}
