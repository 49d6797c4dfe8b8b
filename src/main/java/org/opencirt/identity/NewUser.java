package org.opencirt.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What an administrator supplies to create or change an account. Password may be empty on update. */
public record NewUser(
        @NotBlank @Size(max = 100) String username,
        @NotBlank @Size(max = 200) String displayName,
        @Email @Size(max = 320) String email,
        @NotNull Role role,
        Long organisationId,
        @Size(max = 200) String password,
        Boolean enabled,
        @Size(max = 10) String locale) {
}
