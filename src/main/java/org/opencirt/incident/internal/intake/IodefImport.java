package org.opencirt.incident.internal.intake;

import java.util.ArrayList;
import java.util.List;
import org.opencirt.common.InvalidInputException;
import org.opencirt.identity.CurrentUser;
import org.opencirt.incident.Report;
import org.opencirt.incident.ReportChannel;
import org.opencirt.incident.ReportService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * IODEF documents into reports, whichever way they arrive (API, staff upload): each Incident becomes a report,
 * idempotent by its IncidentID, so a document imported twice makes no second report. A document that cannot be
 * read is still kept, as one report with the reason in {@code parseError}: nothing sent is dropped.
 */
@Service
public class IodefImport {

    /** The report source of staff IODEF imports; with the IncidentID it makes the idempotence key. */
    static final String SOURCE = "iodef";

    private final ReportService reports;

    public IodefImport(ReportService reports) {
        this.reports = reports;
    }

    /**
     * What an import did: a receipt per Incident, or, for an unreadable document, the one report that keeps it and
     * the reason.
     */
    public record Result(List<Report.Receipt> reports, String parseError) {

        public boolean readable() {
            return parseError == null;
        }

        public boolean anyNew() {
            return reports.stream().anyMatch(r -> !r.duplicate());
        }
    }

    /**
     * Imports one document, all its incidents in one transaction. Staff imports share one source, so an incident
     * is recognised whoever imports it; a partner or constituent has a source of its own, so that it never learns
     * of (or reads) a report someone else imported under the same IncidentID.
     */
    @Transactional
    public Result importDocument(byte[] document, String fileName) {
        if (document == null || document.length == 0) {
            throw new InvalidInputException("document", "is empty; send an IODEF XML document");
        }
        String source = CurrentUser.restrictedOrganisation() == null ? SOURCE
                : SOURCE + ":" + CurrentUser.get().map(CurrentUser::username).orElse("unknown");
        List<IodefParser.Incident> incidents;
        try {
            incidents = IodefParser.parse(document);
        } catch (IodefParser.UnreadableException e) {
            String why = e.getMessage().replaceAll("[.\\s]+$", "");
            String reason = "Unreadable IODEF document: " + why;
            Report.Receipt kept = reports.submit(new Report.Submission(ReportChannel.IODEF, source,
                    "sha256:" + IodefParser.sha256(document), null, null,
                    "Unreadable IODEF document" + (fileName == null || fileName.isBlank() ? "" : " " + fileName),
                    "The document could not be read as IODEF (" + why + "). It is kept as received"
                            + " for an analyst to look at.", null, null, document, reason, List.of(), List.of()));
            return new Result(List.of(kept), reason);
        }
        List<Report.Receipt> receipts = new ArrayList<>();
        for (IodefParser.Incident incident : incidents) {
            // what was read only in part is listed in the body; parseError is for documents not read at all
            receipts.add(reports.submit(new Report.Submission(ReportChannel.IODEF, source, incident.sourceRef(),
                    incident.reporterName(), incident.reporterEmail(), incident.subject(), incident.body(),
                    incident.occurredAt(), incident.affectedSystems(), document, null, incident.observables(),
                    List.of())));
        }
        return new Result(receipts, null);
    }
}
