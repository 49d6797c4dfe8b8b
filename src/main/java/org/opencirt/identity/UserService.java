package org.opencirt.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.ConflictException;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.Texts;
import org.opencirt.common.Validation;
import org.opencirt.identity.internal.UserRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and maintains user accounts; every change is audited, passwords are only ever stored hashed. */
@Service
public class UserService {

    /** Long enough to resist guessing, short enough to type; NIST SP 800-63B asks for at least 8. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final ObjectProvider<OrganisationDirectory> organisations;
    private final Clock clock = Clock.systemUTC();

    public UserService(UserRepository users, PasswordEncoder passwordEncoder, AuditLog audit,
            ObjectProvider<OrganisationDirectory> organisations) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.organisations = organisations;
    }

    @Transactional
    public UserAccount create(NewUser input) {
        Validation validation = check(input);
        validation.require(input.password() != null && input.password().length() >= MIN_PASSWORD_LENGTH,
                "password", "must be at least " + MIN_PASSWORD_LENGTH + " characters");
        validation.throwIfInvalid();
        if (users.findByUsername(input.username().trim()).isPresent()) {
            throw new ConflictException("A user named '" + input.username().trim() + "' already exists");
        }
        UserAccount draft = new UserAccount(0, input.username().trim(), input.displayName().trim(),
                Texts.blankToNull(input.email()), input.role(), input.organisationId(),
                input.enabled() == null || input.enabled(), 0, null, Texts.blankToNull(input.locale()), clock.instant());
        long id = users.insert(draft, passwordEncoder.encode(input.password()));
        UserAccount created = require(id);
        audit.record("CREATE", "user", id, "user " + created.username() + " (" + created.role() + ")", null, created);
        return created;
    }

    @Transactional
    public UserAccount update(long id, NewUser input) {
        UserAccount before = require(id);
        Validation validation = check(input);
        validation.require(input.password() == null || input.password().isEmpty()
                || input.password().length() >= MIN_PASSWORD_LENGTH, "password",
                "must be at least " + MIN_PASSWORD_LENGTH + " characters");
        validation.throwIfInvalid();
        UserAccount after = new UserAccount(id, before.username(), input.displayName().trim(),
                Texts.blankToNull(input.email()), input.role(), input.organisationId(),
                input.enabled() == null ? before.enabled() : input.enabled(), before.failedLogins(),
                before.lockedUntil(), Texts.blankToNull(input.locale()), before.createdAt());
        boolean stillActiveAdmin = after.role() == Role.ADMIN && after.enabled();
        if (before.role() == Role.ADMIN && before.enabled() && !stillActiveAdmin && users.countEnabledAdmins() <= 1) {
            throw new InvalidInputException("role", "this is the last enabled administrator; "
                    + "make another user administrator first");
        }
        users.update(after);
        if (input.password() != null && !input.password().isEmpty()) {
            users.updatePassword(id, passwordEncoder.encode(input.password()), clock.instant());
        }
        audit.record("UPDATE", "user", id, "user " + before.username(), before, require(id));
        return require(id);
    }

    /** Changes one's own password; the current one must be given, as on any serious system. */
    @Transactional
    public void changePassword(long id, String currentPassword, String newPassword) {
        UserAccount user = require(id);
        Validation validation = new Validation();
        String hash = users.passwordHash(id).orElseThrow();
        validation.require(currentPassword != null && passwordEncoder.matches(currentPassword, hash),
                "currentPassword", "is not your current password");
        validation.require(newPassword != null && newPassword.length() >= MIN_PASSWORD_LENGTH, "newPassword",
                "must be at least " + MIN_PASSWORD_LENGTH + " characters");
        validation.require(newPassword == null || !newPassword.equals(currentPassword), "newPassword",
                "must differ from the current password");
        validation.throwIfInvalid();
        users.updatePassword(id, passwordEncoder.encode(newPassword), clock.instant());
        audit.record("PASSWORD_CHANGE", "user", id, "password changed for " + user.username(), null, null);
    }

    /** Lifts a lock-out before it expires. */
    @Transactional
    public void unlock(long id) {
        UserAccount user = require(id);
        users.clearFailures(id);
        audit.record("UNLOCK", "user", id, "unlocked " + user.username(), user, require(id));
    }

    @Transactional(readOnly = true)
    public List<UserAccount> list() {
        return users.findAll();
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(long id) {
        return users.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> findByUsername(String username) {
        return users.findByUsername(username);
    }

    /** How many accounts belong to an organisation, so that it is not deleted from under its users. */
    @Transactional(readOnly = true)
    public long countByOrganisation(long organisationId) {
        return users.countByOrganisation(organisationId);
    }

    @Transactional(readOnly = true)
    public long count() {
        return users.count();
    }

    private UserAccount require(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("User", id));
    }

    private Validation check(NewUser input) {
        Validation validation = new Validation()
                .requireText(input.username(), "username", 100)
                .requireText(input.displayName(), "displayName", 200)
                .maxLength(input.email(), "email", 320)
                .require(input.role() != null, "role", "must be one of " + List.of(Role.values()));
        if (input.username() != null) {
            validation.require(input.username().trim().matches("[A-Za-z0-9._@-]{2,100}"), "username",
                    "may contain letters, digits and . _ @ - only");
        }
        if (input.role() == Role.CONSTITUENT || input.role() == Role.PARTNER) {
            validation.require(input.organisationId() != null, "organisationId",
                    "is required for the role " + input.role());
        }
        if (input.organisationId() != null) {
            OrganisationDirectory directory = organisations.getIfAvailable();
            if (directory != null) {
                validation.require(directory.organisationName(input.organisationId()).isPresent(), "organisationId",
                        "no organisation " + input.organisationId());
            }
        }
        return validation;
    }

    Instant now() {
        return clock.instant();
    }
}
