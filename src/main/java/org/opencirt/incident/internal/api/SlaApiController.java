package org.opencirt.incident.internal.api;

import java.time.LocalDate;
import org.opencirt.incident.Sla;
import org.opencirt.incident.SlaService;
import org.opencirt.incident.internal.IncidentPermissions;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The SLA over HTTP: the policy for staff to read, its holidays for administrators to keep. */
@RestController
@RequestMapping("/api/v1/sla")
public class SlaApiController {

    private final SlaService sla;

    public SlaApiController(SlaService sla) {
        this.sla = sla;
    }

    /** The name of a holiday, as sent with PUT. */
    public record HolidayName(String name) {
    }

    @GetMapping
    @PreAuthorize(IncidentPermissions.STAFF)
    public Sla get() {
        return sla.get();
    }

    @PutMapping("/holidays/{date}")
    @PreAuthorize(IncidentPermissions.ADMIN)
    public Sla.Holiday putHoliday(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestBody HolidayName body) {
        return sla.putHoliday(date, body == null ? null : body.name());
    }

    @DeleteMapping("/holidays/{date}")
    @PreAuthorize(IncidentPermissions.ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteHoliday(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        sla.deleteHoliday(date);
    }
}
