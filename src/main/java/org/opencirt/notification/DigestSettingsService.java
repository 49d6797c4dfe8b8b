package org.opencirt.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.identity.CurrentUser;
import org.opencirt.notification.internal.DigestSettingsRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How often, and in which format, each organisation is told about its events: the installation's default
 * ({@code opencirt.notification.digest.interval}, CSV) unless set for the organisation. Changes are audited and a
 * new frequency starts at the next midnight UTC, so that the digest periods before and after it meet exactly.
 */
@Service
public class DigestSettingsService {

    private final DigestSettingsRepository settings;
    private final OrganisationService organisations;
    private final AuditLog audit;
    private final DigestFrequency defaultFrequency;
    private final Clock clock = Clock.systemUTC();

    public DigestSettingsService(DigestSettingsRepository settings, OrganisationService organisations,
            AuditLog audit, @Value("${opencirt.notification.digest.interval:daily}") String defaultFrequency) {
        this.settings = settings;
        this.organisations = organisations;
        this.audit = audit;
        try {
            this.defaultFrequency = DigestFrequency.valueOf(defaultFrequency.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("opencirt.notification.digest.interval must be hourly or daily, not '"
                    + defaultFrequency + "'", e);
        }
    }

    public DigestFrequency defaultFrequency() {
        return defaultFrequency;
    }

    /** The organisation's settings (the defaults when none were set); a CONSTITUENT sees only its own. */
    @Transactional(readOnly = true)
    public DigestSettings get(long organisationId) {
        Long only = CurrentUser.restrictedOrganisation();
        if (only != null && only != organisationId) {
            throw new NotFoundException("Digest settings of organisation", organisationId);
        }
        return settingsOf(organisationId);
    }

    /** Every organisation's settings that differ from the defaults, by organisation id. */
    @Transactional(readOnly = true)
    public Map<Long, DigestSettings> configured() {
        return settings.findAll().stream()
                .collect(Collectors.toMap(DigestSettings::organisationId, Function.identity()));
    }

    /** The settings that differ from the defaults, as a list. */
    @Transactional(readOnly = true)
    public List<DigestSettings> list() {
        return settings.findAll();
    }

    /** The frequency that applies to an organisation's period starting at {@code periodStart}. */
    public DigestFrequency frequencyAt(Map<Long, DigestSettings> configured, long organisationId,
            Instant periodStart) {
        DigestSettings own = configured.get(organisationId);
        return own == null ? defaultFrequency : own.frequencyAt(periodStart);
    }

    /**
     * Changes an organisation's settings; a new frequency applies from the next midnight UTC.
     *
     * @throws NotFoundException for an unknown organisation
     */
    @Transactional
    public DigestSettings update(long organisationId, DigestSettings.Input input) {
        if (input == null) {
            throw new InvalidInputException("body", "is required");
        }
        String name = organisations.get(organisationId).name();
        DigestSettings before = settingsOf(organisationId);
        Instant now = clock.instant();
        DigestFrequency current = before.frequencyAt(now);
        DigestFrequency frequency = input.frequency() == null ? before.frequency() : input.frequency();
        DigestFormat format = input.format() == null ? before.format() : input.format();
        Instant effectiveFrom = frequency == current ? DigestFrequency.DAILY.floor(now)
                : DigestFrequency.DAILY.floor(now).plus(DigestFrequency.DAILY.length());
        DigestSettings after = new DigestSettings(organisationId, frequency, format, current, effectiveFrom, true,
                now);
        settings.save(after);
        audit.record("DIGEST_SETTINGS_UPDATED", "digest_settings", organisationId, "Digests of " + name + ": "
                + frequency.name().toLowerCase(Locale.ROOT) + " from " + effectiveFrom + ", " + format, before, after);
        return after;
    }

    /** The settings without an access check, for the digest itself. */
    DigestSettings settingsOf(long organisationId) {
        return settings.find(organisationId).orElseGet(() -> new DigestSettings(organisationId, defaultFrequency,
                DigestFormat.CSV, defaultFrequency, Instant.EPOCH, false, null));
    }
}
