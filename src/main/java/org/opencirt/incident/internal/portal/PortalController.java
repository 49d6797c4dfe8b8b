package org.opencirt.incident.internal.portal;

import java.util.List;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.Texts;
import org.opencirt.identity.CurrentUser;
import org.opencirt.identity.UserService;
import org.opencirt.incident.Attachment;
import org.opencirt.incident.Incident;
import org.opencirt.incident.IncidentNote;
import org.opencirt.incident.IncidentQuery;
import org.opencirt.incident.IncidentService;
import org.opencirt.incident.Report;
import org.opencirt.incident.ReportChannel;
import org.opencirt.incident.ReportService;
import org.opencirt.incident.internal.intake.IntakeLimits;
import org.opencirt.incident.internal.intake.ReportForm;
import org.opencirt.incident.internal.intake.ReportForms;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The constituent portal: a CONSTITUENT reports an incident for its organisation, follows its organisation's
 * reports and incidents, and answers in them. What it may see is decided by the incident services (its own
 * organisation only, within TLP; no internal comments, no change history); these pages only show it.
 */
@Controller
@RequestMapping("/portal")
public class PortalController {

    static final String CONSTITUENT = "hasRole('CONSTITUENT')";

    private final ReportService reports;
    private final IncidentService incidents;
    private final UserService users;
    private final ReportForms forms;
    private final IntakeLimits limits;

    public PortalController(ReportService reports, IncidentService incidents, UserService users, ReportForms forms,
            IntakeLimits limits) {
        this.reports = reports;
        this.incidents = incidents;
        this.users = users;
        this.forms = forms;
        this.limits = limits;
    }

    @GetMapping("/report")
    @PreAuthorize(CONSTITUENT)
    public String reportForm(Model model) {
        return reportPage(model, new ReportForm());
    }

    @PostMapping("/report")
    @PreAuthorize(CONSTITUENT)
    public ModelAndView report(@ModelAttribute("reportForm") ReportForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        forms.checkIncident(form, binding);
        List<Attachment.Upload> uploads = forms.attachments(form, binding);
        if (!binding.hasErrors()) {
            CurrentUser me = CurrentUser.get().orElseThrow();
            String email = users.find(me.id()).map(u -> Texts.blankToNull(u.email())).orElse(null);
            try {
                // the organisation is the reporter's own: ReportService takes it from the logged-in user
                Report.Receipt receipt = reports.submit(new Report.Submission(ReportChannel.PORTAL, "portal", null,
                        me.displayName(), email, form.getSubject().strip(), form.getDescription().strip(),
                        ReportForms.occurredAt(form), form.getAffectedSystems(), forms.raw(form, false, uploads),
                        null, List.of(), uploads));
                redirect.addFlashAttribute("reported", receipt.report().trackingCode());
                return new ModelAndView("redirect:/portal/incidents");
            } catch (InvalidInputException e) {
                binding.reject("intake.rejected", new Object[] {e.getMessage()}, e.getMessage());
            }
        }
        return new ModelAndView(reportPage(model, form), HttpStatus.UNPROCESSABLE_CONTENT);
    }

    /** The organisation's incidents, and its reports still waiting for or past triage. */
    @GetMapping("/incidents")
    @PreAuthorize(CONSTITUENT)
    public String incidents(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("incidents", incidents.search(IncidentQuery.all(), PageRequest.of(page, 25)));
        model.addAttribute("reports", reports.search(null, null, null, PageRequest.of(0, 25)));
        return "portal/incidents";
    }

    @GetMapping("/incidents/{id}")
    @PreAuthorize(CONSTITUENT)
    public String incident(@PathVariable long id, Model model) {
        Incident incident = incidents.get(id);
        model.addAttribute("incident", incident);
        model.addAttribute("timeline", incidents.timeline(id));
        model.addAttribute("comments", incidents.comments(id));
        return "portal/incident";
    }

    @PostMapping("/incidents/{id}/comments")
    @PreAuthorize(CONSTITUENT)
    public ModelAndView answer(@PathVariable long id, @RequestParam(required = false) String body, Model model,
            RedirectAttributes redirect) {
        try {
            incidents.comment(id, new IncidentNote.Input(body, null, false));
        } catch (InvalidInputException e) {
            model.addAttribute("answer", body);
            model.addAttribute("answerError", "portal.answer.required");
            return new ModelAndView(incident(id, model), HttpStatus.UNPROCESSABLE_CONTENT);
        }
        redirect.addFlashAttribute("notice", "portal.answer.sent");
        return new ModelAndView("redirect:/portal/incidents/" + id + "#comments");
    }

    private String reportPage(Model model, ReportForm form) {
        model.addAttribute("reportForm", form);
        model.addAttribute("limits", limits);
        return "portal/report";
    }
}
