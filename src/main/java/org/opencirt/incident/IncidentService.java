package org.opencirt.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.ConflictException;
import org.opencirt.common.ContentStore;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.Rsit;
import org.opencirt.common.Texts;
import org.opencirt.common.Tlp;
import org.opencirt.common.Validation;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.Responsibility;
import org.opencirt.constituency.ResponsibilityLookup;
import org.opencirt.constituency.Team;
import org.opencirt.constituency.TeamService;
import org.opencirt.identity.CurrentUser;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserAccount;
import org.opencirt.identity.UserService;
import org.opencirt.incident.internal.IncidentAccess;
import org.opencirt.incident.internal.IncidentPartsRepository;
import org.opencirt.incident.internal.IncidentRepository;
import org.opencirt.incident.internal.ObservableValues;
import org.opencirt.incident.internal.ReportRepository;
import org.opencirt.incident.internal.SlaPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incident: opening, changing, moving through its states, handing it to another team, and everything that hangs
 * off it. Every read passes the access rule (organisation and TLP), every change is audited in its transaction.
 */
@Service
public class IncidentService {

    /** Largest attachment accepted, in bytes (configurable with opencirt.incident.max-attachment-size). */
    private final long maxAttachmentBytes;
    private final IncidentRepository incidents;
    private final IncidentPartsRepository parts;
    private final ReportRepository reports;
    private final OrganisationService organisations;
    private final TeamService teams;
    private final UserService users;
    private final ResponsibilityLookup lookup;
    private final SlaPolicy sla;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ContentStore files;
    private final Clock clock;

    public IncidentService(IncidentRepository incidents, IncidentPartsRepository parts, ReportRepository reports,
            OrganisationService organisations, TeamService teams, UserService users, ResponsibilityLookup lookup,
            SlaPolicy sla, AuditLog audit, ApplicationEventPublisher events,
            @Value("${opencirt.data-dir}") Path dataDir,
            @Value("${opencirt.incident.max-attachment-size:20MB}") org.springframework.util.unit.DataSize maxSize) {
        this.incidents = incidents;
        this.parts = parts;
        this.reports = reports;
        this.organisations = organisations;
        this.teams = teams;
        this.users = users;
        this.lookup = lookup;
        this.sla = sla;
        this.audit = audit;
        this.events = events;
        this.files = new ContentStore(dataDir, "attachments");
        this.maxAttachmentBytes = maxSize.toBytes();
        this.clock = Clock.systemUTC();
    }

    // ------------------------------------------------------------------ the incident

    @Transactional
    public Incident open(Incident.Input input) {
        return open(input, false);
    }

    @Transactional
    public Incident open(Incident.Input input, boolean demo) {
        requireWork();
        Instant now = clock.instant();
        IncidentRepository.Row row = validate(input, null, now);
        CurrentUser user = CurrentUser.get().orElse(null);
        long id = incidents.insert(row, user == null ? null : user.id(), actor(), demo, now);
        incidents.replaceOrganisations(id, affected(input.organisationIds()));
        incidents.replaceRecipients(id, recipients(input.recipients()));
        parts.insertStateChange(id, null, IncidentState.NEW, null, actor(), now);
        Incident created = incidents.findById(id).orElseThrow();
        audit.record("CREATE", "incident", id, "incident #" + id + " " + created.title(), null, created);
        events.publishEvent(new IncidentOpened(id, created.severity(), created.classificationType(),
                created.organisations().stream().map(Incident.AffectedOrganisation::id).toList()));
        return created;
    }

    /** Changes the incident's fields; a null field keeps its value, a given list replaces the old one. */
    @Transactional
    public Incident update(long id, Incident.Input input) {
        requireWork();
        Incident before = get(id);
        Incident.Input merged = new Incident.Input(
                input.title() != null ? input.title() : before.title(),
                input.description() != null ? input.description() : before.description(),
                input.classificationType() != null ? input.classificationType() : before.classificationType(),
                input.severity() != null ? input.severity() : before.severity(),
                input.impact() != null ? input.impact() : before.impact(),
                input.tlp() != null ? input.tlp() : before.tlp().name(),
                input.pap() != null ? input.pap() : before.pap(),
                input.handlingTeamId() != null ? input.handlingTeamId() : before.handlingTeamId(),
                input.assigneeId() != null ? input.assigneeId() : before.assigneeId(),
                input.tags() != null ? input.tags() : before.tags(),
                input.customFields() != null ? input.customFields() : before.customFields(),
                input.organisationIds() != null ? input.organisationIds()
                        : before.organisations().stream().map(Incident.AffectedOrganisation::id).toList(),
                input.recipients() != null ? input.recipients() : before.recipients());
        Instant now = clock.instant();
        IncidentRepository.Row row = validate(merged, before, now);
        incidents.update(id, row, now);
        if (input.organisationIds() != null) {
            incidents.replaceOrganisations(id, affected(input.organisationIds()));
        }
        if (input.recipients() != null) {
            incidents.replaceRecipients(id, recipients(input.recipients()));
        }
        Incident after = incidents.findById(id).orElseThrow();
        audit.record("UPDATE", "incident", id, "incident #" + id + " " + after.title(), before, after);
        return after;
    }

    /** The incident, if the caller may see it; otherwise “not found”. */
    @Transactional(readOnly = true)
    public Incident get(long id) {
        Incident incident = incidents.findById(id).orElseThrow(() -> IncidentAccess.notFound(id));
        if (!IncidentAccess.viewer().canSee(incident)) {
            throw IncidentAccess.notFound(id);
        }
        return incident;
    }

    @Transactional(readOnly = true)
    public PageResult<Incident> search(IncidentQuery query, PageRequest page) {
        if (!IncidentRepository.isSort(query.sort())) {
            throw new InvalidInputException("sort", "must be one of " + IncidentRepository.sorts());
        }
        if (query.tlp() != null && !query.tlp().isBlank()) {
            try {
                Tlp.parse(query.tlp());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("tlp", e.getMessage());
            }
        }
        return incidents.search(query, IncidentAccess.viewer(), clock.instant(), page);
    }

    /**
     * Moves the incident to another state, recording who and why. Going back from RESOLVED or CLOSED is a reopen and
     * needs a reason; so does rejecting the usual order by closing an unresolved incident.
     */
    @Transactional
    public Incident transition(long id, IncidentState target, String reason) {
        requireWork();
        Incident before = get(id);
        if (target == null) {
            throw new InvalidInputException("state", "must be one of " + List.of(IncidentState.values()));
        }
        boolean reopen = before.state().isReopenTo(target);
        if (!reopen && !before.state().canMoveTo(target)) {
            throw new ConflictException("An incident cannot go from " + before.state() + " to " + target
                    + (target == IncidentState.CLOSED ? "; resolve it first" : ""));
        }
        String why = Texts.blankToNull(reason);
        if (reopen && why == null) {
            throw new InvalidInputException("reason", "a reopen needs a reason");
        }
        if (why != null && why.length() > 2000) {
            throw new InvalidInputException("reason", "must be at most 2000 characters");
        }
        Instant now = clock.instant();
        incidents.updateState(id, target, now);
        parts.insertStateChange(id, before.state(), target, why, actor(), now);
        Incident after = incidents.findById(id).orElseThrow();
        audit.record(reopen ? "REOPEN" : "TRANSITION", "incident", id,
                "incident #" + id + " " + before.state() + " -> " + target + (why == null ? "" : ": " + why),
                before, after);
        events.publishEvent(new IncidentStateChanged(id, before.state(), target, why));
        return after;
    }

    /** Gives the incident to another team (a sectoral CIRT, or back to the national CIRT), with the reason. */
    @Transactional
    public Incident handOff(long id, long teamId, String reason) {
        requireWork();
        Incident before = get(id);
        Team team = teams.get(teamId);
        if (Objects.equals(before.handlingTeamId(), teamId)) {
            throw new ConflictException("Incident #" + id + " is already handled by " + team.name());
        }
        Incident after = update(id, new Incident.Input(null, null, null, null, null, null, null, teamId, null, null,
                null, null, null));
        String text = "Handed from " + (before.handlingTeamName() == null ? "no team" : before.handlingTeamName())
                + " to " + team.name() + (Texts.blankToNull(reason) == null ? "" : ": " + reason.strip());
        parts.insertNote(id, IncidentNote.Kind.TIMELINE, new IncidentNote.Input(text, null, true), true, userId(),
                actor(), clock.instant());
        return after;
    }

    @Transactional(readOnly = true)
    public List<StateChange> stateChanges(long id) {
        get(id);
        return parts.stateChanges(id);
    }

    /** Organisations that own the incident's observables, by the constituency lookup, not yet marked as affected. */
    @Transactional(readOnly = true)
    public List<Incident.AffectedOrganisation> proposedOrganisations(long id) {
        Incident incident = get(id);
        Set<Long> already = new LinkedHashSet<>();
        incident.organisations().forEach(o -> already.add(o.id()));
        Map<Long, Incident.AffectedOrganisation> proposed = new LinkedHashMap<>();
        for (Observable observable : parts.observables(id)) {
            if (observable.ownerId() != null && !already.contains(observable.ownerId())) {
                organisations.nameIfVisible(observable.ownerId()).ifPresent(name -> proposed.putIfAbsent(
                        observable.ownerId(), new Incident.AffectedOrganisation(observable.ownerId(), name, null)));
            }
        }
        return List.copyOf(proposed.values());
    }

    /**
     * Merges {@code id} into {@code intoId}: observables, tasks, notes, attachments, reports and affected
     * organisations move over; {@code id} is closed as a duplicate of {@code intoId}.
     */
    @Transactional
    public Incident merge(long id, long intoId) {
        requireWork();
        if (id == intoId) {
            throw new InvalidInputException("intoId", "an incident cannot be merged into itself");
        }
        Incident source = get(id);
        Incident target = get(intoId);
        if (source.mergedIntoId() != null) {
            throw new ConflictException("Incident #" + id + " was already merged into #" + source.mergedIntoId());
        }
        Instant now = clock.instant();
        parts.moveParts(id, intoId);
        reports.moveToIncident(id, intoId);
        Set<Long> organisationIds = new LinkedHashSet<>();
        target.organisations().forEach(o -> organisationIds.add(o.id()));
        source.organisations().forEach(o -> organisationIds.add(o.id()));
        incidents.replaceOrganisations(intoId, affected(new ArrayList<>(organisationIds)));
        incidents.markMerged(id, intoId, now);
        if (!parts.linkExists(id, intoId, IncidentLink.Kind.DUPLICATE)) {
            parts.insertLink(id, intoId, IncidentLink.Kind.DUPLICATE, actor(), now);
        }
        parts.insertNote(intoId, IncidentNote.Kind.TIMELINE, new IncidentNote.Input(
                "Incident #" + id + " (" + source.title() + ") merged into this incident", null, true), true,
                userId(), actor(), now);
        if (source.state().isOpen()) {
            incidents.updateState(id, IncidentState.CLOSED, now);
            parts.insertStateChange(id, source.state(), IncidentState.CLOSED, "merged into #" + intoId, actor(), now);
        } else if (source.state() == IncidentState.RESOLVED) {
            incidents.updateState(id, IncidentState.CLOSED, now);
            parts.insertStateChange(id, source.state(), IncidentState.CLOSED, "merged into #" + intoId, actor(), now);
        }
        incidents.touch(intoId, now);
        Incident after = incidents.findById(intoId).orElseThrow();
        audit.record("MERGE", "incident", intoId, "incident #" + id + " merged into #" + intoId, target, after);
        return after;
    }

    // ------------------------------------------------------------------ observables and correlation

    @Transactional
    public Observable addObservable(long incidentId, Observable.Input input) {
        requireWork();
        get(incidentId);
        if (input.type() == null) {
            throw new InvalidInputException("type", "must be one of " + List.of(ObservableType.values()));
        }
        String value;
        try {
            value = ObservableValues.normalise(input.type(), input.value());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("value", e.getMessage());
        }
        new Validation().maxLength(value, "value", 2000).maxLength(input.description(), "description", 1000)
                .require(input.firstSeen() == null || input.lastSeen() == null
                        || !input.lastSeen().isBefore(input.firstSeen()), "lastSeen", "must not be before firstSeen")
                .throwIfInvalid();
        String key = ObservableValues.key(value);
        if (parts.findObservable(incidentId, input.type(), key).isPresent()) {
            throw new ConflictException("Incident #" + incidentId + " already has " + input.type() + " " + value);
        }
        Responsibility owner = owner(input.type(), value);
        Observable.Input clean = new Observable.Input(input.type(), value, input.ioc(),
                Texts.blankToNull(input.description()), input.firstSeen(), input.lastSeen());
        long id = parts.insertObservable(incidentId, clean, key,
                owner == null ? null : owner.organisation().id(), owner == null ? null : owner.organisation().name(),
                clock.instant());
        incidents.touch(incidentId, clock.instant());
        Observable created = parts.findObservable(id).orElseThrow();
        audit.record("CREATE", "observable", id, "observable " + input.type() + " " + value + " on incident #"
                + incidentId, null, created);
        return created;
    }

    @Transactional
    public Observable updateObservable(long incidentId, long observableId, Observable.Input input) {
        requireWork();
        Observable before = observableOf(incidentId, observableId);
        parts.updateObservable(observableId, new Observable.Input(before.type(), before.value(), input.ioc(),
                Texts.blankToNull(input.description()), input.firstSeen(), input.lastSeen()));
        Observable after = parts.findObservable(observableId).orElseThrow();
        audit.record("UPDATE", "observable", observableId, "observable " + after.type() + " " + after.value(),
                before, after);
        return after;
    }

    @Transactional
    public void removeObservable(long incidentId, long observableId) {
        requireWork();
        Observable before = observableOf(incidentId, observableId);
        parts.deleteObservable(observableId);
        audit.record("DELETE", "observable", observableId, "observable " + before.type() + " " + before.value()
                + " of incident #" + incidentId, before, null);
    }

    @Transactional(readOnly = true)
    public List<Observable> observables(long incidentId) {
        get(incidentId);
        return parts.observables(incidentId);
    }

    /** Other incidents (that the caller may see) sharing an observable with this one. */
    @Transactional(readOnly = true)
    public List<Correlation> correlations(long incidentId) {
        get(incidentId);
        return parts.correlations(incidentId, IncidentAccess.viewer());
    }

    private Observable observableOf(long incidentId, long observableId) {
        get(incidentId);
        return parts.findObservable(observableId).filter(o -> o.incidentId() == incidentId)
                .orElseThrow(() -> new NotFoundException("Observable", observableId));
    }

    private Responsibility owner(ObservableType type, String value) {
        ResponsibilityLookup.QueryType query = switch (type) {
            case IPV4, IPV6 -> value.contains("/") ? null : ResponsibilityLookup.QueryType.IP;
            case DOMAIN -> ResponsibilityLookup.QueryType.DOMAIN;
            case URL -> ResponsibilityLookup.QueryType.URL;
            case EMAIL -> ResponsibilityLookup.QueryType.EMAIL;
            case ASN -> ResponsibilityLookup.QueryType.ASN;
            default -> null;
        };
        if (query == null) {
            return null;
        }
        try {
            Responsibility found = lookup.lookup(query, value);
            return found.found() ? found : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ tasks

    @Transactional
    public IncidentTask addTask(long incidentId, IncidentTask.Input input) {
        requireWork();
        get(incidentId);
        String assignee = validateTask(input);
        long id = parts.insertTask(incidentId, input, assignee, clock.instant());
        IncidentTask created = parts.findTask(id).orElseThrow();
        audit.record("CREATE", "incident-task", id, "task '" + created.title() + "' on incident #" + incidentId, null,
                created);
        return created;
    }

    @Transactional
    public IncidentTask updateTask(long incidentId, long taskId, IncidentTask.Input input) {
        requireWork();
        get(incidentId);
        IncidentTask before = parts.findTask(taskId).filter(t -> t.incidentId() == incidentId)
                .orElseThrow(() -> new NotFoundException("Task", taskId));
        IncidentTask.Input merged = new IncidentTask.Input(
                input.title() != null ? input.title() : before.title(),
                input.description() != null ? input.description() : before.description(),
                input.assigneeId() != null ? input.assigneeId() : before.assigneeId(),
                input.dueAt() != null ? input.dueAt() : before.dueAt(),
                input.status() != null ? input.status() : before.status());
        String assignee = validateTask(merged);
        parts.updateTask(taskId, merged, assignee, clock.instant());
        IncidentTask after = parts.findTask(taskId).orElseThrow();
        audit.record("UPDATE", "incident-task", taskId, "task '" + after.title() + "' on incident #" + incidentId,
                before, after);
        return after;
    }

    @Transactional(readOnly = true)
    public List<IncidentTask> tasks(long incidentId) {
        get(incidentId);
        return parts.tasks(incidentId);
    }

    /** The caller's open tasks across the incidents it may see. */
    @Transactional(readOnly = true)
    public List<IncidentTask> myTasks() {
        Long me = userId();
        return me == null ? List.of() : parts.openTasksOf(me, IncidentAccess.viewer());
    }

    private String validateTask(IncidentTask.Input input) {
        Validation validation = new Validation().requireText(input.title(), "title", 300)
                .maxLength(input.description(), "description", 4000);
        String name = null;
        if (input.assigneeId() != null) {
            UserAccount user = users.find(input.assigneeId()).orElse(null);
            if (user == null) {
                validation.add("assigneeId", "no user " + input.assigneeId());
            } else {
                name = user.displayName();
            }
        }
        validation.throwIfInvalid();
        return name;
    }

    // ------------------------------------------------------------------ comments and timeline

    /**
     * Adds a comment. Staff comments are internal unless said otherwise; a constituent's comment is never
     * internal, and is its organisation's answer: the first one counts as the constituent's response.
     */
    @Transactional
    public IncidentNote comment(long incidentId, IncidentNote.Input input) {
        return note(incidentId, IncidentNote.Kind.COMMENT, input);
    }

    @Transactional
    public IncidentNote addTimelineEntry(long incidentId, IncidentNote.Input input) {
        requireWork();
        return note(incidentId, IncidentNote.Kind.TIMELINE, input);
    }

    private IncidentNote note(long incidentId, IncidentNote.Kind kind, IncidentNote.Input input) {
        get(incidentId);
        new Validation().requireText(input.body(), "body", 100_000).throwIfInvalid();
        boolean staff = IncidentAccess.viewer().staff();
        boolean internal = staff && !Boolean.FALSE.equals(input.internal());
        Instant now = clock.instant();
        long id = parts.insertNote(incidentId, kind, new IncidentNote.Input(input.body().strip(), input.occurredAt(),
                internal), internal, userId(), actor(), now);
        if (staff && !internal) {
            incidents.markFirstResponse(incidentId, now);
        }
        incidents.touch(incidentId, now);
        IncidentNote created = parts.notes(incidentId, kind, true).stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow();
        audit.record("CREATE", kind == IncidentNote.Kind.COMMENT ? "incident-comment" : "incident-timeline", id,
                kind.name().toLowerCase(java.util.Locale.ROOT) + " on incident #" + incidentId, null, created);
        return created;
    }

    /** Comments the caller may read: constituents do not see internal ones. */
    @Transactional(readOnly = true)
    public List<IncidentNote> comments(long incidentId) {
        get(incidentId);
        return parts.notes(incidentId, IncidentNote.Kind.COMMENT, IncidentAccess.viewer().staff());
    }

    @Transactional(readOnly = true)
    public List<IncidentNote> timeline(long incidentId) {
        get(incidentId);
        return parts.notes(incidentId, IncidentNote.Kind.TIMELINE, IncidentAccess.viewer().staff());
    }

    // ------------------------------------------------------------------ links

    @Transactional
    public IncidentLink link(long incidentId, IncidentLink.Input input) {
        requireWork();
        get(incidentId);
        if (input.kind() == null) {
            throw new InvalidInputException("kind", "must be one of " + List.of(IncidentLink.Kind.values()));
        }
        if (input.toId() == incidentId) {
            throw new InvalidInputException("toId", "an incident cannot be linked to itself");
        }
        get(input.toId());
        long from = input.kind() == IncidentLink.Kind.CHILD ? input.toId() : incidentId;
        long to = input.kind() == IncidentLink.Kind.CHILD ? incidentId : input.toId();
        IncidentLink.Kind kind = input.kind() == IncidentLink.Kind.CHILD ? IncidentLink.Kind.PARENT : input.kind();
        if (parts.linkExists(from, to, kind) || (kind == IncidentLink.Kind.RELATED
                && parts.linkExists(to, from, kind))) {
            throw new ConflictException("Incidents #" + incidentId + " and #" + input.toId() + " are already linked");
        }
        parts.insertLink(from, to, kind, actor(), clock.instant());
        IncidentLink created = parts.links(incidentId, IncidentAccess.viewer()).stream()
                .filter(l -> l.toId() == input.toId()).reduce((a, b) -> b).orElseThrow();
        audit.record("CREATE", "incident-link", created.id(), "incident #" + incidentId + " " + input.kind() + " #"
                + input.toId(), null, created);
        return created;
    }

    @Transactional
    public void unlink(long incidentId, long linkId) {
        requireWork();
        get(incidentId);
        long[] ends = parts.findLink(linkId).filter(l -> l[0] == incidentId || l[1] == incidentId)
                .orElseThrow(() -> new NotFoundException("Link", linkId));
        parts.deleteLink(linkId);
        audit.record("DELETE", "incident-link", linkId, "link between #" + ends[0] + " and #" + ends[1], null, null);
    }

    @Transactional(readOnly = true)
    public List<IncidentLink> links(long incidentId) {
        get(incidentId);
        return parts.links(incidentId, IncidentAccess.viewer());
    }

    // ------------------------------------------------------------------ attachments and reports

    @Transactional
    public Attachment attach(long incidentId, String fileName, String contentType, InputStream content) {
        requireWork();
        get(incidentId);
        String name = Texts.blankToNull(fileName) == null ? "attachment"
                : Path.of(fileName.strip()).getFileName().toString();
        ContentStore.Stored stored = files.store(content, maxAttachmentBytes, "file");
        Attachment.Upload upload = new Attachment.Upload(name.length() > 300 ? name.substring(0, 300) : name,
                contentType, null);
        long id = reports.insertAttachment(null, incidentId, upload, stored, actor(), clock.instant());
        Attachment created = reports.findAttachment(id).orElseThrow();
        audit.record("CREATE", "attachment", id, "attachment " + created.fileName() + " (" + created.size()
                + " bytes, sha256 " + created.sha256() + ") on incident #" + incidentId, null, created);
        return created;
    }

    @Transactional(readOnly = true)
    public List<Attachment> attachments(long incidentId) {
        get(incidentId);
        return reports.attachmentsOfIncident(incidentId);
    }

    /** The attachment's bytes, when the caller may see its incident. */
    @Transactional(readOnly = true)
    public InputStream openAttachment(long incidentId, long attachmentId) {
        get(incidentId);
        Attachment attachment = reports.findAttachment(attachmentId)
                .filter(a -> a.incidentId() != null && a.incidentId() == incidentId)
                .orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
        try {
            return files.open(reports.attachmentPath(attachment.id()).orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException("Attachment " + attachmentId + " cannot be read", e);
        }
    }

    /** The reports that became part of this incident. */
    @Transactional(readOnly = true)
    public List<Report> reportsOf(long incidentId) {
        get(incidentId);
        return reports.findByIncident(incidentId);
    }

    // ------------------------------------------------------------------ helpers

    private IncidentRepository.Row validate(Incident.Input input, Incident before, Instant now) {
        Validation validation = new Validation()
                .requireText(input.title(), "title", 300)
                .maxLength(input.impact(), "impact", 2000)
                .maxLength(input.description(), "description", 100_000);
        Rsit.Type type = null;
        if (Texts.blankToNull(input.classificationType()) != null) {
            type = Rsit.type(input.classificationType()).orElse(null);
            if (type == null) {
                validation.add("classificationType", "'" + input.classificationType()
                        + "' is not an RSIT type (for example phishing, system-compromise, ddos)");
            }
        }
        Tlp tlp = Tlp.AMBER;
        try {
            Tlp parsed = Tlp.parse(input.tlp());
            tlp = parsed == null ? Tlp.AMBER : parsed;
        } catch (IllegalArgumentException e) {
            validation.add("tlp", e.getMessage());
        }
        List<String> tags = input.tags() == null ? List.of() : input.tags().stream().map(Texts::blankToNull)
                .filter(Objects::nonNull).map(String::strip).distinct().toList();
        tags.stream().filter(t -> t.length() > 50 || t.contains(",")).findFirst().ifPresent(t ->
                validation.add("tags", "a tag is at most 50 characters without commas: '" + t + "'"));
        Map<String, String> custom = input.customFields() == null ? Map.of() : input.customFields();
        custom.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > 100 || (v != null && v.length() > 2000)) {
                validation.add("customFields", "names are 1-100 characters and values at most 2000");
            }
        });
        String teamName = null;
        if (input.handlingTeamId() != null) {
            try {
                teamName = teams.get(input.handlingTeamId()).name();
            } catch (NotFoundException e) {
                validation.add("handlingTeamId", "no team " + input.handlingTeamId());
            }
        }
        String assigneeName = null;
        if (input.assigneeId() != null) {
            UserAccount assignee = users.find(input.assigneeId()).orElse(null);
            if (assignee == null) {
                validation.add("assigneeId", "no user " + input.assigneeId());
            } else if (!(assignee.role() == Role.ADMIN || assignee.role() == Role.COORDINATOR
                    || assignee.role() == Role.ANALYST)) {
                validation.add("assigneeId", assignee.username() + " is a " + assignee.role()
                        + " and cannot handle incidents");
            } else {
                assigneeName = assignee.displayName();
            }
        }
        if (input.organisationIds() != null) {
            for (Long organisationId : input.organisationIds()) {
                if (organisationId == null || organisations.nameIfVisible(organisationId).isEmpty()) {
                    validation.add("organisationIds", "no organisation " + organisationId);
                }
            }
        }
        if (input.recipients() != null) {
            for (Long userId : input.recipients()) {
                if (userId == null || users.find(userId).isEmpty()) {
                    validation.add("recipients", "no user " + userId);
                }
            }
        }
        validation.throwIfInvalid();
        Severity severity = input.severity() == null ? Severity.MEDIUM : input.severity();
        Instant opened = before == null ? now : before.createdAt();
        boolean recompute = before == null || before.severity() != severity;
        return new IncidentRepository.Row(input.title().strip(), Texts.blankToNull(input.description()),
                type == null ? null : type.taxonomy(), type == null ? null : type.id(), severity,
                Texts.blankToNull(input.impact()), tlp, input.pap() == null ? Pap.AMBER : input.pap(),
                before == null ? IncidentState.NEW : before.state(), input.handlingTeamId(), teamName,
                input.assigneeId(), assigneeName, tags, custom,
                recompute ? sla.responseDue(severity, opened) : before.responseDue(),
                recompute ? sla.resolutionDue(severity, opened) : before.resolutionDue());
    }

    private List<Incident.AffectedOrganisation> affected(List<Long> ids) {
        if (ids == null) {
            return List.of();
        }
        List<Incident.AffectedOrganisation> result = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(ids)) {
            Organisation organisation = organisations.get(id);
            result.add(new Incident.AffectedOrganisation(id, organisation.name(), organisation.sectorId()));
        }
        return result;
    }

    private static List<Long> recipients(List<Long> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }

    private static void requireWork() {
        if (!IncidentAccess.canWork()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Only analysts, coordinators and administrators change incidents");
        }
    }

    static String actor() {
        return CurrentUser.get().map(CurrentUser::username).orElse("system");
    }

    static Long userId() {
        return CurrentUser.get().map(CurrentUser::id).orElse(null);
    }
}
