package org.opencirt.incident.internal.web;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.Texts;
import org.opencirt.incident.Correspondence;
import org.opencirt.incident.CorrespondenceService;
import org.opencirt.incident.IncidentService;
import org.opencirt.incident.internal.IncidentPermissions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The correspondence tab of the incident page: its content alone (for htmx to refresh it) and the send form,
 * which goes back to the incident page's correspondence tab with what was sent, or with the form's problems.
 */
@Controller
@RequestMapping("/incidents/{id}/correspondence")
public class CorrespondencePageController {

    private final CorrespondenceService correspondence;
    private final IncidentService incidents;

    public CorrespondencePageController(CorrespondenceService correspondence, IncidentService incidents) {
        this.correspondence = correspondence;
        this.incidents = incidents;
    }

    /** The send form as posted; addresses are comma-separated. */
    public record SendForm(List<Long> organisationIds, String to, String cc, Correspondence.Template template,
            String language, String subject, String text, Long inReplyToId) {

        Correspondence.Request request() {
            return new Correspondence.Request(organisationIds == null ? List.of() : organisationIds, split(to),
                    split(cc), template, Texts.blankToNull(language), subject, text, inReplyToId);
        }

        private static List<String> split(String addresses) {
            return addresses == null ? List.of() : Arrays.stream(addresses.split("[,;\\s]+"))
                    .map(Texts::blankToNull).filter(Objects::nonNull).toList();
        }
    }

    @GetMapping
    @PreAuthorize(IncidentPermissions.READ)
    public String tab(@PathVariable long id, Model model) {
        model.addAttribute("incident", incidents.get(id));
        return "incident/correspondence :: tab(incident=${incident})";
    }

    @PostMapping
    @PreAuthorize(IncidentPermissions.WORK)
    public String send(@PathVariable long id, @ModelAttribute SendForm form, RedirectAttributes redirect) {
        try {
            List<Correspondence> sent = correspondence.send(id, form.request());
            long failed = sent.stream().filter(m -> m.state() == Correspondence.State.FAILED).count();
            redirect.addFlashAttribute("correspondenceSent", List.of(sent.size() - failed, failed));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("correspondenceErrors", e.byField());
            redirect.addFlashAttribute("correspondenceForm", form);
        }
        return "redirect:/incidents/" + id + "?tab=correspondence";
    }
}
