package org.opencirt.incident;

import java.time.Clock;
import java.time.LocalDate;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.Texts;
import org.opencirt.identity.CurrentUser;
import org.opencirt.identity.Role;
import org.opencirt.incident.internal.SlaHolidayRepository;
import org.opencirt.incident.internal.SlaPolicy;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SLA incidents are held to, and the holidays its business time skips: targets, working days and hours are
 * configuration (they rarely change and belong to the deployment), holidays change every year and are kept here
 * by administrators. Due dates already set are not moved by a later holiday.
 */
@Service
public class SlaService {

    private final SlaPolicy policy;
    private final SlaHolidayRepository holidays;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    public SlaService(SlaPolicy policy, SlaHolidayRepository holidays, AuditLog audit) {
        this.policy = policy;
        this.holidays = holidays;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Sla get() {
        return policy.describe();
    }

    /** Adds a holiday, or renames it if the day is already one. */
    @Transactional
    public Sla.Holiday putHoliday(LocalDate date, String name) {
        requireAdmin();
        if (date == null) {
            throw new InvalidInputException("date", "must be a date such as 2026-12-25");
        }
        String clean = Texts.blankToNull(name);
        if (clean == null || clean.strip().length() > 200) {
            throw new InvalidInputException("name", "must be 1 to 200 characters");
        }
        Sla.Holiday before = holidays.find(date).orElse(null);
        boolean created = holidays.put(date, clean.strip(), actor(), clock.instant());
        Sla.Holiday after = holidays.find(date).orElseThrow();
        audit.record(created ? "CREATE" : "UPDATE", "sla-holiday", date, "SLA holiday " + date + " " + after.name(),
                before, after);
        reloadAfterCommit();
        return after;
    }

    @Transactional
    public void deleteHoliday(LocalDate date) {
        requireAdmin();
        Sla.Holiday before = holidays.find(date).orElseThrow(() -> new NotFoundException("Holiday", date));
        holidays.delete(date);
        audit.record("DELETE", "sla-holiday", date, "SLA holiday " + date + " " + before.name(), before, null);
        reloadAfterCommit();
    }

    private void reloadAfterCommit() {
        policy.reload();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    policy.reload();
                }
            });
        }
    }

    private static void requireAdmin() {
        if (CurrentUser.get().map(user -> !user.hasRole(Role.ADMIN)).orElse(false)) {
            throw new AccessDeniedException("Only administrators change the SLA calendar");
        }
    }

    private static String actor() {
        return CurrentUser.get().map(CurrentUser::username).orElse("system");
    }
}
