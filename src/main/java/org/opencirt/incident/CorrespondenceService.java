package org.opencirt.incident;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.opencirt.audit.AuditLog;
import org.opencirt.common.ContentStore;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.Texts;
import org.opencirt.common.Validation;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactKind;
import org.opencirt.constituency.ContactService;
import org.opencirt.identity.UserService;
import org.opencirt.incident.Correspondence.Direction;
import org.opencirt.incident.Correspondence.State;
import org.opencirt.incident.internal.CorrespondenceContent;
import org.opencirt.incident.internal.CorrespondenceRepository;
import org.opencirt.incident.internal.IncidentAccess;
import org.opencirt.incident.internal.IncidentRepository;
import org.opencirt.mail.OutgoingMail;
import org.opencirt.mail.PreparedMail;
import org.opencirt.mail.SecureMailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * An incident's correspondence with the organisations it affects. Outgoing mail goes one mail per organisation,
 * to all its contacts in their language, signed by the installation and encrypted when every recipient has an
 * OpenPGP key; each is recorded with its signed bytes before it is sent, so a crash resends the same mail (same
 * Message-ID) instead of writing a second one, and a failure is kept with its reason. Replies come back through
 * the mail intake. Staff read all of it; a constituent reads only the mails exchanged with its own organisation.
 */
@Service
public class CorrespondenceService {

    private static final Logger LOG = LoggerFactory.getLogger(CorrespondenceService.class);
    private static final int MAX_ERROR = 1000;
    private static final int MAX_ADDRESSES = 50;

    private final CorrespondenceRepository mails;
    private final IncidentService incidents;
    private final IncidentRepository incidentRows;
    private final ContactService contacts;
    private final UserService users;
    private final SecureMailer mailer;
    private final CorrespondenceContent content;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final ContentStore raws;
    private final String from;
    private final long maxAttachmentBytes;
    private final Clock clock = Clock.systemUTC();

    public CorrespondenceService(CorrespondenceRepository mails, IncidentService incidents,
            IncidentRepository incidentRows, ContactService contacts, UserService users, SecureMailer mailer,
            CorrespondenceContent content, AuditLog audit, TransactionTemplate transactions,
            @Value("${opencirt.data-dir}") Path dataDir,
            @Value("${opencirt.mail.from:cert@localhost}") String from,
            @Value("${opencirt.incident.max-attachment-size:20MB}") DataSize maxAttachment) {
        this.mails = mails;
        this.incidents = incidents;
        this.incidentRows = incidentRows;
        this.contacts = contacts;
        this.users = users;
        this.mailer = mailer;
        this.content = content;
        this.audit = audit;
        this.transactions = transactions;
        this.raws = new ContentStore(dataDir, "correspondence");
        this.from = from;
        this.maxAttachmentBytes = maxAttachment.toBytes();
    }

    /**
     * Writes to the incident's organisations (and further addresses); returns one record per mail, each SENT or
     * FAILED with the reason. Never throws for a mail failure.
     */
    public List<Correspondence> send(long incidentId, Correspondence.Request request) {
        if (!IncidentAccess.canWork()) {
            throw new AccessDeniedException("Only analysts, coordinators and administrators write to constituents");
        }
        Incident incident = incidents.get(incidentId);
        List<Outgoing> planned = plan(incident, request);
        Instant now = clock.instant();
        String actor = IncidentService.actor();
        List<Long> ids = transactions.execute(status -> {
            List<Long> recorded = new ArrayList<>();
            for (Outgoing mail : planned) {
                ContentStore.Stored raw = mail.raw() == null ? null : raws.store(mail.raw(), "raw");
                long id = mails.insert(mail.record(incidentId, from, actor, now), raw);
                audit.record("CREATE", "correspondence", id, "mail to " + recipientsOf(mail) + " about incident #"
                        + incidentId + " (" + (mail.error() == null ? State.PENDING : State.FAILED) + ")", null,
                        summary(mails.findById(id).orElseThrow()));
                recorded.add(id);
            }
            return recorded;
        });
        for (int i = 0; i < ids.size(); i++) {
            if (planned.get(i).raw() != null) {
                deliver(ids.get(i), planned.get(i).raw());
            }
        }
        return ids.stream().map(id -> mails.findById(id).orElseThrow()).toList();
    }

    /** The incident's mails, oldest first: all for staff, a constituent's own organisation's otherwise. */
    public List<Correspondence> list(long incidentId) {
        incidents.get(incidentId);
        IncidentAccess.Viewer viewer = IncidentAccess.viewer();
        return mails.ofIncident(incidentId, viewer.staff() ? null : viewer.organisationId());
    }

    public Correspondence get(long incidentId, long id) {
        incidents.get(incidentId);
        IncidentAccess.Viewer viewer = IncidentAccess.viewer();
        return mails.findById(id).filter(c -> c.incidentId() == incidentId)
                .filter(c -> viewer.staff() || Objects.equals(c.organisationId(), viewer.organisationId()))
                .orElseThrow(() -> new NotFoundException("Correspondence", id));
    }

    /** The mail exactly as it was sent or received (RFC 822), when the caller may read it. */
    public InputStream openRaw(long incidentId, long id) {
        Correspondence mail = get(incidentId, id);
        String path = mails.rawPath(mail.id()).orElseThrow(() -> new NotFoundException("Message of mail", id));
        try {
            return raws.open(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Mail " + id + " cannot be read", e);
        }
    }

    /**
     * Records a mail received for the incident (system work: the mail intake). The same Message-ID is recorded
     * once. Attachments join the incident's attachments. A reply to an incident that waits for its constituent
     * gets a timeline entry; the state is left to the analyst, as a reply may be an out-of-office notice.
     */
    public Correspondence.Receipt receive(long incidentId, Correspondence.Incoming mail) {
        if (!IncidentAccess.canWork()) {
            throw new AccessDeniedException("Only the mail intake records received mail");
        }
        Optional<Correspondence> existing = mails.findByMessageId(Direction.IN, mail.messageId());
        if (existing.isPresent()) {
            return new Correspondence.Receipt(existing.get(), true);
        }
        Incident incident = incidents.get(incidentId);
        Organisation sender = senderOrganisation(incident, mail.from());
        ContentStore.Stored raw = raws.store(mail.raw(), "raw");
        Instant now = clock.instant();
        try {
            long id = transactions.execute(status -> {
                List<String> skipped = new ArrayList<>();
                Correspondence row = new Correspondence(0, incidentId, Direction.IN, sender.id(), sender.name(),
                        mail.from(), mail.to(), mail.cc(), Texts.truncate(mail.subject(), 1000), mail.body(), null,
                        null, mail.messageId(), mail.inReplyTo(), null, null, mail.signed(), mail.encrypted(),
                        State.RECEIVED, null, List.of(), "mail", now, mail.sentAt());
                long created = mails.insert(row, raw);
                List<Long> attachmentIds = new ArrayList<>();
                for (Attachment.Upload upload : mail.attachments()) {
                    if (upload.content().length > maxAttachmentBytes) {
                        skipped.add(upload.fileName());
                        continue;
                    }
                    attachmentIds.add(incidents.attach(incidentId, upload.fileName(), upload.contentType(),
                            new ByteArrayInputStream(upload.content())).id());
                }
                String problems = skipped.isEmpty() ? mail.parseError() : (mail.parseError() == null ? ""
                        : mail.parseError() + "; ") + "attachments over the size limit, kept only in the original"
                        + " message: " + String.join(", ", skipped);
                mails.setAttachments(created, attachmentIds, Texts.truncate(problems, MAX_ERROR));
                if (incident.state() == IncidentState.WAITING_FOR_CONSTITUENT) {
                    incidents.addTimelineEntry(incidentId, new IncidentNote.Input(content.message(
                            "correspondence.reply.timeline", CorrespondenceContent.DEFAULT_LANGUAGE, mail.from(),
                            Texts.truncate(mail.subject(), 200)), now, true));
                }
                incidentRows.touch(incidentId, now);
                audit.record("RECEIVE", "correspondence", created, "mail from " + mail.from() + " to incident #"
                        + incidentId, null, summary(mails.findById(created).orElseThrow()));
                return created;
            });
            return new Correspondence.Receipt(mails.findById(id).orElseThrow(), false);
        } catch (DuplicateKeyException race) {
            return new Correspondence.Receipt(mails.findByMessageId(Direction.IN, mail.messageId()).orElseThrow(),
                    true);
        }
    }

    /** The incident a mail of its correspondence (by Message-ID) belongs to, for replies that lost their tag. */
    public Optional<Long> incidentOfMessage(String messageId) {
        return messageId == null ? Optional.empty() : mails.incidentOfMessage(messageId);
    }

    /** Whether OpenCIRT sent a mail with this Message-ID (so reading it back is not a reply). */
    public boolean sentByUs(String messageId) {
        return messageId != null && mails.findByMessageId(Direction.OUT, messageId).isPresent();
    }

    /** Resends mails left PENDING by a previous run (recorded before {@code before}); returns how many. */
    public int resendPending(Instant before) {
        List<Long> pending = mails.pendingCreatedBefore(before);
        for (long id : pending) {
            Optional<String> path = mails.rawPath(id);
            if (path.isEmpty()) {
                finish(id, State.FAILED, "no message stored");
                continue;
            }
            try (InputStream in = raws.open(path.get())) {
                deliver(id, in.readAllBytes());
            } catch (IOException e) {
                finish(id, State.FAILED, "stored message cannot be read: " + e.getMessage());
            }
        }
        return pending.size();
    }

    // ------------------------------------------------------------------ planning outgoing mail

    /** One mail to go: its recipients and signed bytes, or the reason it cannot be sent. */
    private record Outgoing(Long organisationId, String organisationName, List<String> to, List<String> cc,
            String subject, String body, Correspondence.Template template, String language, String messageId,
            String inReplyTo, byte[] raw, boolean encrypted, String error) {

        Correspondence record(long incidentId, String from, String actor, Instant now) {
            return new Correspondence(0, incidentId, Direction.OUT, organisationId, organisationName, from, to, cc,
                    subject, body, template, language, messageId, inReplyTo, null, null, raw != null, encrypted,
                    error == null ? State.PENDING : State.FAILED, error, List.of(), actor, now, null);
        }
    }

    private record Organisation(Long id, String name) {
    }

    private List<Outgoing> plan(Incident incident, Correspondence.Request request) {
        Map<Long, String> affected = new LinkedHashMap<>();
        incident.organisations().forEach(o -> affected.put(o.id(), o.name()));
        List<Long> organisationIds = request.organisationIds() == null ? List.copyOf(affected.keySet())
                : List.copyOf(new LinkedHashSet<>(request.organisationIds()));
        Validation validation = new Validation().requireText(request.text(), "text", 100_000)
                .maxLength(request.subject(), "subject", 300);
        organisationIds.stream().filter(id -> !affected.containsKey(id)).forEach(id -> validation.add(
                "organisationIds", "organisation " + id + " is not affected by incident #" + incident.id()));
        List<String> to = addresses(request.to(), "to", validation);
        List<String> cc = addresses(request.cc(), "cc", validation);
        String language = Texts.blankToNull(request.language());
        if (language != null && !CorrespondenceContent.hasTemplates(language)) {
            validation.add("language", "must be one of " + CorrespondenceContent.LANGUAGES);
        }
        String inReplyTo = null;
        if (request.inReplyToId() != null) {
            inReplyTo = mails.findById(request.inReplyToId()).filter(c -> c.incidentId() == incident.id())
                    .map(Correspondence::messageId).orElse(null);
            if (inReplyTo == null) {
                validation.add("inReplyToId", "no mail " + request.inReplyToId() + " in incident #" + incident.id());
            }
        }
        if (organisationIds.isEmpty() && to.isEmpty()) {
            validation.add("organisationIds", "choose an affected organisation or give addresses");
        }
        validation.throwIfInvalid();
        Correspondence.Template template = request.template() == null ? Correspondence.Template.FREE
                : request.template();
        Map<String, String> keys = to.isEmpty() && cc.isEmpty() ? Map.of() : keysByAddress();
        Set<String> covered = new LinkedHashSet<>();
        List<Outgoing> planned = new ArrayList<>();
        for (Long organisationId : organisationIds) {
            List<Contact> recipients = contacts.ofOrganisation(organisationId).stream()
                    .sorted(Comparator.comparing((Contact c) -> c.kind() != ContactKind.ROLE)
                            .thenComparing(Contact::id)).toList();
            Map<String, String> recipientKeys = new LinkedHashMap<>();
            recipients.forEach(c -> recipientKeys.putIfAbsent(c.email().toLowerCase(Locale.ROOT), c.pgpPublicKey()));
            covered.addAll(recipientKeys.keySet());
            String mailLanguage = language != null ? language : content.language(recipients.isEmpty() ? List.of()
                    : recipients.get(0).languages());
            planned.add(prepare(incident, new Organisation(organisationId, affected.get(organisationId)),
                    recipients.stream().map(Contact::email).distinct().toList(), recipientKeys, cc, keys, template,
                    mailLanguage, request, inReplyTo));
        }
        List<String> others = to.stream().filter(a -> !covered.contains(a.toLowerCase(Locale.ROOT))).toList();
        if (!others.isEmpty()) {
            Map<String, String> otherKeys = new LinkedHashMap<>();
            others.forEach(a -> otherKeys.put(a.toLowerCase(Locale.ROOT), keys.get(a.toLowerCase(Locale.ROOT))));
            planned.add(prepare(incident, new Organisation(null, null), others, otherKeys, cc, keys, template,
                    language != null ? language : CorrespondenceContent.DEFAULT_LANGUAGE, request, inReplyTo));
        }
        return planned;
    }

    private Outgoing prepare(Incident incident, Organisation organisation, List<String> to,
            Map<String, String> toKeys, List<String> cc, Map<String, String> keys, Correspondence.Template template,
            String language, Correspondence.Request request, String inReplyTo) {
        String subject = content.subject(incident, template, language, organisation.name(), request.subject());
        String body = content.body(incident, template, language, organisation.name(), request.text(),
                mailer.signingKeyFingerprint());
        String messageId = mailer.messageId("incident." + incident.id() + "." + UUID.randomUUID());
        if (to.isEmpty()) {
            return new Outgoing(organisation.id(), organisation.name(), to, cc, subject, body, template, language,
                    messageId, inReplyTo, null, false, "organisation has no contacts");
        }
        List<String> encryptTo = new ArrayList<>(toKeys.values());
        cc.forEach(address -> encryptTo.add(keys.get(address.toLowerCase(Locale.ROOT))));
        boolean encrypt = encryptTo.stream().allMatch(Objects::nonNull);
        try {
            PreparedMail prepared = mailer.prepare(new OutgoingMail(to, subject, body, List.of(),
                    encrypt ? encryptTo.stream().distinct().toList() : List.of(), messageId));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Cc", cc.isEmpty() ? null : String.join(", ", cc));
            headers.put("In-Reply-To", inReplyTo);
            headers.put("References", inReplyTo);
            return new Outgoing(organisation.id(), organisation.name(), to, cc, subject, body, template, language,
                    messageId, inReplyTo, CorrespondenceContent.withHeaders(prepared.raw(), headers),
                    prepared.encrypted(), null);
        } catch (RuntimeException e) {
            return new Outgoing(organisation.id(), organisation.name(), to, cc, subject, body, template, language,
                    messageId, inReplyTo, null, false, reason(e));
        }
    }

    private static List<String> addresses(List<String> given, String field, Validation validation) {
        if (given == null) {
            return List.of();
        }
        List<String> clean = given.stream().map(Texts::blankToNull).filter(Objects::nonNull).map(String::strip)
                .distinct().toList();
        if (clean.size() > MAX_ADDRESSES) {
            validation.add(field, "at most " + MAX_ADDRESSES + " addresses");
        }
        for (String address : clean) {
            try {
                new InternetAddress(address, true).validate();
                if (!address.chars().allMatch(c -> c < 128) || address.contains("<")) {
                    throw new AddressException("not a plain ASCII address");
                }
            } catch (AddressException e) {
                validation.add(field, "'" + address + "' is not an e-mail address");
            }
        }
        return clean;
    }

    /** OpenPGP keys of the constituency's contacts by lower-case address, for addresses typed in by hand. */
    private Map<String, String> keysByAddress() {
        Map<String, String> keys = new HashMap<>();
        for (Contact contact : contacts.all()) {
            if (contact.pgpPublicKey() != null) {
                keys.putIfAbsent(contact.email().toLowerCase(Locale.ROOT), contact.pgpPublicKey());
            }
        }
        return keys;
    }

    /** The affected organisation whose contact or member wrote the mail, if any. */
    private Organisation senderOrganisation(Incident incident, String address) {
        if (address == null) {
            return new Organisation(null, null);
        }
        Set<Long> memberOf = new LinkedHashSet<>();
        users.list().stream().filter(u -> u.email() != null && u.email().equalsIgnoreCase(address)
                && u.organisationId() != null).forEach(u -> memberOf.add(u.organisationId()));
        for (Incident.AffectedOrganisation organisation : incident.organisations()) {
            if (memberOf.contains(organisation.id()) || contacts.ofOrganisation(organisation.id()).stream()
                    .anyMatch(c -> c.email().equalsIgnoreCase(address))) {
                return new Organisation(organisation.id(), organisation.name());
            }
        }
        return new Organisation(null, null);
    }

    // ------------------------------------------------------------------ delivery

    private void deliver(long id, byte[] raw) {
        try {
            mailer.send(raw);
            finish(id, State.SENT, null);
        } catch (RuntimeException e) {
            String reason = reason(e);
            LOG.warn("correspondence {} not sent: {}", id, reason);
            finish(id, State.FAILED, reason);
        }
    }

    private void finish(long id, State to, String error) {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            if (mails.changeState(id, State.PENDING, to, error, to == State.SENT ? now : null)) {
                Correspondence mail = mails.findById(id).orElseThrow();
                if (to == State.SENT) {
                    incidentRows.markFirstResponse(mail.incidentId(), now);
                    incidentRows.touch(mail.incidentId(), now);
                }
                audit.record(to == State.SENT ? "SEND" : "FAIL", "correspondence", id, "mail " + id + " of incident #"
                        + mail.incidentId() + (error == null ? " sent" : " failed: " + error), null, null);
            }
        });
    }

    private static String reason(RuntimeException e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String text = root == e || root.getMessage() == null || top.contains(root.getMessage()) ? top
                : top + "; " + root.getMessage();
        return Texts.truncate(text, MAX_ERROR);
    }

    private static String recipientsOf(Outgoing mail) {
        return mail.organisationName() != null ? mail.organisationName() : String.join(", ", mail.to());
    }

    /** The audit record of a mail: who, what, how, not its whole text. */
    private static Map<String, Object> summary(Correspondence mail) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("incidentId", mail.incidentId());
        map.put("direction", mail.direction());
        map.put("organisationId", mail.organisationId());
        map.put("from", mail.from());
        map.put("to", mail.to());
        map.put("cc", mail.cc());
        map.put("subject", mail.subject());
        map.put("messageId", mail.messageId());
        map.put("signed", mail.signed());
        map.put("encrypted", mail.encrypted());
        map.put("state", mail.state());
        map.put("error", mail.error());
        map.put("rawSha256", mail.rawSha256());
        return map;
    }
}
