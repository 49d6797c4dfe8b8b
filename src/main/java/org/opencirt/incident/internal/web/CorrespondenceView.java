package org.opencirt.incident.internal.web;

import java.util.List;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactService;
import org.opencirt.incident.Correspondence;
import org.opencirt.incident.CorrespondenceService;
import org.opencirt.incident.Incident;
import org.opencirt.incident.internal.CorrespondenceContent;
import org.opencirt.incident.internal.IncidentAccess;
import org.springframework.stereotype.Component;

/**
 * What the correspondence tab shows, read by the template itself ({@code @correspondenceView.of(incident)}), so
 * that whichever page includes the tab needs to know nothing about correspondence.
 */
@Component("correspondenceView")
public class CorrespondenceView {

    private final CorrespondenceService correspondence;
    private final ContactService contacts;

    public CorrespondenceView(CorrespondenceService correspondence, ContactService contacts) {
        this.correspondence = correspondence;
        this.contacts = contacts;
    }

    /**
     * The tab's content.
     *
     * @param received the incoming mails, which a new mail may answer
     */
    public record Tab(List<Correspondence> mails, List<Correspondence> received, boolean canSend,
            List<Recipient> organisations, List<Correspondence.Template> templates, List<String> languages) {
    }

    /** An affected organisation as the send form offers it: how many contacts it has, and how many with a key. */
    public record Recipient(long id, String name, int contacts, int withKey) {
    }

    public Tab of(Incident incident) {
        List<Correspondence> mails = correspondence.list(incident.id());
        boolean canSend = IncidentAccess.canWork() && IncidentAccess.viewer().staff();
        List<Recipient> organisations = !canSend ? List.of() : incident.organisations().stream().map(o -> {
            List<Contact> of = contacts.ofOrganisation(o.id());
            return new Recipient(o.id(), o.name(), of.size(),
                    (int) of.stream().filter(c -> c.pgpPublicKey() != null).count());
        }).toList();
        return new Tab(mails, mails.stream().filter(m -> m.direction() == Correspondence.Direction.IN).toList(),
                canSend, organisations, List.of(Correspondence.Template.values()), CorrespondenceContent.LANGUAGES);
    }
}
