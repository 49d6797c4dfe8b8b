package org.opencirt.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.ContentStore;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.Texts;
import org.opencirt.common.Validation;
import org.opencirt.identity.CurrentUser;
import org.opencirt.incident.internal.IncidentAccess;
import org.opencirt.incident.internal.ReportRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * The way in for everything reported: every channel hands its input here, where it is stored raw before anything
 * reads it, made idempotent by source and reference, and queued for triage. Triage turns reports into incidents.
 */
@Service
public class ReportService {

    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final ReportRepository reports;
    private final IncidentService incidents;
    private final AuditLog audit;
    private final ContentStore rawStore;
    private final ContentStore attachmentStore;
    private final long maxAttachmentBytes;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public ReportService(ReportRepository reports, IncidentService incidents, AuditLog audit,
            @Value("${opencirt.data-dir}") Path dataDir,
            @Value("${opencirt.incident.max-attachment-size:20MB}") DataSize maxAttachment) {
        this.reports = reports;
        this.incidents = incidents;
        this.audit = audit;
        this.rawStore = new ContentStore(dataDir, "reports");
        this.attachmentStore = new ContentStore(dataDir, "attachments");
        this.maxAttachmentBytes = maxAttachment.toBytes();
    }

    /**
     * Takes a report in. The raw input is written first; a report whose source and reference were seen before is
     * not stored again, and the first one is returned with {@code duplicate = true}.
     */
    @Transactional
    public Report.Receipt submit(Report.Submission submission) {
        if (submission.channel() == null) {
            throw new InvalidInputException("channel", "must be given");
        }
        String source = Texts.blankToNull(submission.source()) == null ? submission.channel().name().toLowerCase(
                java.util.Locale.ROOT) : submission.source().strip();
        String sourceRef = Texts.blankToNull(submission.sourceRef());
        if (sourceRef != null) {
            Optional<Report> existing = reports.findBySourceRef(source, sourceRef);
            if (existing.isPresent()) {
                return new Report.Receipt(reports.findById(existing.get().id()).orElseThrow(), true);
            }
        }
        new Validation().maxLength(source, "source", 100).maxLength(sourceRef, "sourceRef", 200)
                .maxLength(submission.reporterName(), "reporterName", 200)
                .maxLength(submission.reporterEmail(), "reporterEmail", 320)
                .maxLength(submission.affectedSystems(), "affectedSystems", 4000)
                .throwIfInvalid();
        ContentStore.Stored raw = submission.raw() == null ? null : rawStore.store(submission.raw(), "raw");
        Report.Submission clean = new Report.Submission(submission.channel(), source, sourceRef,
                Texts.blankToNull(submission.reporterName()), Texts.blankToNull(submission.reporterEmail()),
                truncate(Texts.blankToNull(submission.subject()), 500), submission.body(), submission.occurredAt(),
                Texts.blankToNull(submission.affectedSystems()), submission.raw(),
                truncate(submission.parseError(), 2000), submission.observables(), submission.attachments());
        CurrentUser user = CurrentUser.get().orElse(null);
        Instant now = clock.instant();
        long id;
        try {
            id = reports.insert(clean, source, user == null ? null : user.id(),
                    user == null ? null : user.organisationId(), raw, trackingCode(), now);
        } catch (DuplicateKeyException e) {
            // a concurrent submission with the same source reference won
            return new Report.Receipt(reports.findBySourceRef(source, sourceRef).flatMap(r -> reports.findById(r.id()))
                    .orElseThrow(() -> e), true);
        }
        if (submission.attachments() != null) {
            for (Attachment.Upload upload : submission.attachments()) {
                ContentStore.Stored stored = attachmentStore.store(new java.io.ByteArrayInputStream(upload.content()),
                        maxAttachmentBytes, "attachments");
                String name = Texts.blankToNull(upload.fileName()) == null ? "attachment"
                        : Path.of(upload.fileName().strip()).getFileName().toString();
                reports.insertAttachment(id, null, new Attachment.Upload(truncate(name, 300), upload.contentType(),
                        null), stored, user == null ? source : user.username(), now);
            }
        }
        Report created = reports.findById(id).orElseThrow();
        audit.record("CREATE", "report", id, "report " + created.trackingCode() + " by " + created.channel()
                + (created.parseError() == null ? "" : " (unreadable: " + created.parseError() + ")"), null,
                summary(created));
        return new Report.Receipt(created, false);
    }

    /**
     * Submits a report and accepts it into a new incident at once (automatic incidents from rules): idempotent by
     * source and reference, so a rule that fires twice opens one incident.
     */
    @Transactional
    public Incident submitAndAccept(Report.Submission submission, Incident.Input incident) {
        Report.Receipt receipt = submit(submission);
        if (receipt.duplicate() && receipt.report().incidentId() != null) {
            return incidents.get(receipt.report().incidentId());
        }
        return accept(List.of(receipt.report().id()), incident);
    }

    /** A report, if the caller may see it (staff, or its reporter's organisation). */
    @Transactional(readOnly = true)
    public Report get(long id) {
        Report report = reports.findById(id).orElseThrow(() -> new NotFoundException("Report", id));
        if (!visible(report)) {
            throw new NotFoundException("Report", id);
        }
        return report;
    }

    /** The bytes of a file that came with a report, when the caller may see the report. */
    @Transactional(readOnly = true)
    public InputStream openAttachment(long reportId, long attachmentId) {
        Attachment attachment = get(reportId).attachments().stream().filter(a -> a.id() == attachmentId).findFirst()
                .orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
        try {
            return attachmentStore.open(reports.attachmentPath(attachment.id()).orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException("Attachment " + attachmentId + " cannot be read", e);
        }
    }

    /** State of a report by the tracking code given to its reporter; reveals only what the reporter sent. */
    @Transactional(readOnly = true)
    public Optional<Report> byTrackingCode(String code) {
        return code == null ? Optional.empty() : reports.findByTrackingCode(code.strip().toUpperCase(
                java.util.Locale.ROOT));
    }

    /** The reports queue for staff; a constituent gets its own organisation's reports. */
    @Transactional(readOnly = true)
    public PageResult<Report> search(ReportState state, ReportChannel channel, String text, PageRequest page) {
        CurrentUser user = CurrentUser.get().orElse(null);
        Long organisation = CurrentUser.restrictedOrganisation();
        return reports.search(state, channel, text, organisation, organisation == null ? null
                : user == null ? null : user.id(), page);
    }

    /** Applies a triage decision to every report in it, all or nothing. */
    @Transactional
    public TriageResult triage(TriageDecision decision) {
        if (!IncidentAccess.canWork()) {
            throw new org.springframework.security.access.AccessDeniedException("Only staff triage reports");
        }
        if (decision.reportIds() == null || decision.reportIds().isEmpty()) {
            throw new InvalidInputException("reportIds", "name at least one report");
        }
        if (decision.action() == null) {
            throw new InvalidInputException("action", "must be one of ACCEPT, ATTACH, REJECT");
        }
        List<Long> ids = List.copyOf(new LinkedHashSet<>(decision.reportIds()));
        return switch (decision.action()) {
            case ACCEPT -> new TriageResult(ids, accept(ids, decision.incident()));
            case ATTACH -> {
                if (decision.incidentId() == null) {
                    throw new InvalidInputException("incidentId", "name the incident to attach the reports to");
                }
                yield new TriageResult(ids, attach(ids, decision.incidentId()));
            }
            case REJECT -> {
                String reason = Texts.blankToNull(decision.reason());
                if (reason == null) {
                    throw new InvalidInputException("reason", "say why the reports are rejected");
                }
                for (Long id : ids) {
                    Report report = pending(id);
                    decide(report, ReportState.REJECTED, null, truncate(reason, 2000));
                }
                yield new TriageResult(ids, null);
            }
        };
    }

    /** What a triage decision produced: the reports handled and the incident they went into, if any. */
    public record TriageResult(List<Long> reportIds, Incident incident) {
    }

    private Incident accept(List<Long> ids, Incident.Input overrides) {
        List<Report> accepted = new ArrayList<>();
        for (Long id : ids) {
            accepted.add(pending(id));
        }
        Report first = accepted.get(0);
        Incident.Input given = overrides == null ? new Incident.Input(null, null, null, null, null, null, null, null,
                null, null, null, null, null) : overrides;
        String title = Texts.blankToNull(given.title()) != null ? given.title()
                : Texts.blankToNull(first.subject()) != null ? first.subject()
                : "Report " + first.trackingCode();
        StringBuilder description = new StringBuilder();
        if (Texts.blankToNull(given.description()) != null) {
            description.append(given.description());
        } else {
            for (Report report : accepted) {
                if (!description.isEmpty()) {
                    description.append("\n\n---\n\n");
                }
                description.append(report.body() == null ? "" : report.body());
                if (report.affectedSystems() != null) {
                    description.append("\n\nAffected systems: ").append(report.affectedSystems());
                }
            }
        }
        List<Long> organisationIds = given.organisationIds();
        if (organisationIds == null) {
            LinkedHashSet<Long> fromReports = new LinkedHashSet<>();
            accepted.stream().map(Report::organisationId).filter(java.util.Objects::nonNull).forEach(fromReports::add);
            organisationIds = List.copyOf(fromReports);
        }
        Incident incident = incidents.open(new Incident.Input(truncate(title.strip(), 300), description.toString(),
                given.classificationType(), given.severity(), given.impact(), given.tlp(), given.pap(),
                given.handlingTeamId(), given.assigneeId(), given.tags(), given.customFields(), organisationIds,
                given.recipients()));
        for (Report report : accepted) {
            decide(report, ReportState.ACCEPTED, incident.id(), null);
            addObservables(report, incident.id());
        }
        return incidents.get(incident.id());
    }

    private Incident attach(List<Long> ids, long incidentId) {
        incidents.get(incidentId);
        for (Long id : ids) {
            Report report = pending(id);
            decide(report, ReportState.ATTACHED, incidentId, null);
            addObservables(report, incidentId);
        }
        return incidents.get(incidentId);
    }

    private void addObservables(Report report, long incidentId) {
        for (Observable.Input observable : reports.observables(report.id())) {
            try {
                incidents.addObservable(incidentId, observable);
            } catch (InvalidInputException | org.opencirt.common.ConflictException e) {
                // an unreadable or repeated indicator stays in the report's raw input; the rest go in
            }
        }
    }

    private Report pending(long id) {
        Report report = reports.findById(id).orElseThrow(() -> new NotFoundException("Report", id));
        if (report.state() != ReportState.NEW) {
            throw new org.opencirt.common.ConflictException("Report " + id + " was already " + report.state()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return report;
    }

    private void decide(Report report, ReportState state, Long incidentId, String reason) {
        String actor = CurrentUser.get().map(CurrentUser::username).orElse("system");
        if (!reports.decide(report.id(), state, incidentId, reason, actor, clock.instant())) {
            throw new org.opencirt.common.ConflictException("Report " + report.id() + " was triaged meanwhile");
        }
        if (incidentId != null) {
            reports.attachmentsToIncident(report.id(), incidentId);
        }
        audit.record(state.name(), "report", report.id(), "report " + report.trackingCode() + " "
                + state.name().toLowerCase(java.util.Locale.ROOT) + (incidentId == null ? "" : " into incident #"
                + incidentId) + (reason == null ? "" : ": " + reason), summary(report),
                summary(reports.findById(report.id()).orElseThrow()));
    }

    private static boolean visible(Report report) {
        Long organisation = CurrentUser.restrictedOrganisation();
        if (organisation == null) {
            return true;
        }
        Long me = CurrentUser.get().map(CurrentUser::id).orElse(null);
        return organisation.equals(report.organisationId()) || (me != null && me.equals(report.reporterUserId()));
    }

    /** The audit record of a report: what matters, not its whole body. */
    private static java.util.Map<String, Object> summary(Report report) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("state", report.state());
        map.put("channel", report.channel());
        map.put("source", report.source());
        map.put("sourceRef", report.sourceRef());
        map.put("reporterEmail", report.reporterEmail());
        map.put("subject", report.subject());
        map.put("rawSha256", report.rawSha256());
        map.put("incidentId", report.incidentId());
        map.put("reason", report.decisionReason());
        return map;
    }

    private String trackingCode() {
        StringBuilder code = new StringBuilder("R-");
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
