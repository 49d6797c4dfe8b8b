package org.opencirt.incident.internal.intake;

import java.util.ArrayList;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/**
 * What a person fills in to report an incident, on the public form and in the portal (which leaves out the
 * contact fields: it knows the user). {@code website} is the honeypot: hidden from people, filled by bots.
 * A plain bean with getters and setters, because Thymeleaf's form binding reads and writes it that way.
 */
public class ReportForm {

    private String name = "";
    private String email = "";
    private String organisation = "";
    private String subject = "";
    private String description = "";
    private String occurredAt = "";
    private String affectedSystems = "";
    private String website = "";
    private List<MultipartFile> attachments = new ArrayList<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getOrganisation() {
        return organisation;
    }

    public void setOrganisation(String organisation) {
        this.organisation = organisation;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** As the browser's date-time field sends it ({@code 2026-11-30T14:30}), read as UTC. */
    public String getOccurredAt() {
        return occurredAt;
    }

    public void setOccurredAt(String occurredAt) {
        this.occurredAt = occurredAt;
    }

    public String getAffectedSystems() {
        return affectedSystems;
    }

    public void setAffectedSystems(String affectedSystems) {
        this.affectedSystems = affectedSystems;
    }

    public String getWebsite() {
        return website;
    }

    public void setWebsite(String website) {
        this.website = website;
    }

    /** The chosen files; an empty file input arrives as one empty part without a name. */
    public List<MultipartFile> getAttachments() {
        return attachments;
    }

    public void setAttachments(List<MultipartFile> attachments) {
        this.attachments = attachments;
    }
}
