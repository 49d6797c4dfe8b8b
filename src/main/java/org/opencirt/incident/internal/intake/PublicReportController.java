package org.opencirt.incident.internal.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.Texts;
import org.opencirt.incident.Attachment;
import org.opencirt.incident.Report;
import org.opencirt.incident.ReportChannel;
import org.opencirt.incident.ReportService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public report form: anyone may report an incident without an account and follow it with the tracking code.
 * Abuse protection (ADR 0011): a limit of reports per client address and window, answered with 429; a honeypot
 * field that, when filled, gets the same thank-you page but stores nothing; limits on files. CSRF stays on.
 */
@Controller
@RequestMapping("/report")
public class PublicReportController {

    private static final Logger LOG = LoggerFactory.getLogger(PublicReportController.class);
    /** The alphabet and shape of ReportService's tracking codes, so that a decoy looks like a real one. */
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final String THANKS = "redirect:/report/thanks";

    private final ReportService reports;
    private final ReportForms forms;
    private final FormRateLimit rateLimit;
    private final IntakeLimits limits;
    private final SecureRandom random = new SecureRandom();

    public PublicReportController(ReportService reports, ReportForms forms, FormRateLimit rateLimit,
            IntakeLimits limits) {
        this.reports = reports;
        this.forms = forms;
        this.rateLimit = rateLimit;
        this.limits = limits;
    }

    @GetMapping
    @PreAuthorize("permitAll()")
    public String form(Model model) {
        return page(model, new ReportForm());
    }

    @PostMapping
    @PreAuthorize("permitAll()")
    public ModelAndView submit(@ModelAttribute("reportForm") ReportForm form, BindingResult binding,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        String client = FormRateLimit.clientKey(request.getRemoteAddr());
        Duration wait = rateLimit.waitFor(client);
        if (!wait.isZero()) {
            LOG.info("Public report form: client {} is over the limit of {} reports per {}", client,
                    limits.reportsPerClient(), limits.rateWindow());
            ModelAndView tooMany = new ModelAndView("intake/too-many", HttpStatus.TOO_MANY_REQUESTS);
            tooMany.addObject("minutes", Math.max(1, (wait.toSeconds() + 59) / 60));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds()));
            return tooMany;
        }
        if (Texts.blankToNull(form.getWebsite()) != null) {
            // a bot filled the hidden field: it gets what a person gets, and nothing is stored
            LOG.info("Public report form: honeypot filled by client {}; nothing stored", client);
            rateLimit.record(client);
            redirect.addFlashAttribute("trackingCode", decoyCode());
            return new ModelAndView(THANKS);
        }
        forms.checkContact(form, binding);
        forms.checkIncident(form, binding);
        List<Attachment.Upload> uploads = forms.attachments(form, binding);
        if (binding.hasErrors()) {
            return new ModelAndView(page(model, form), HttpStatus.UNPROCESSABLE_CONTENT);
        }
        Report.Receipt receipt;
        try {
            receipt = reports.submit(new Report.Submission(ReportChannel.FORM, "form", null,
                    Texts.blankToNull(form.getName()), form.getEmail().strip(), form.getSubject().strip(),
                    ReportForms.body(form), ReportForms.occurredAt(form), form.getAffectedSystems(),
                    forms.raw(form, true, uploads), null, List.of(), uploads));
        } catch (InvalidInputException e) {
            binding.reject("intake.rejected", new Object[] {e.getMessage()}, e.getMessage());
            return new ModelAndView(page(model, form), HttpStatus.UNPROCESSABLE_CONTENT);
        }
        rateLimit.record(client);
        redirect.addFlashAttribute("trackingCode", receipt.report().trackingCode());
        return new ModelAndView(THANKS);
    }

    /** After a report: its tracking code, shown once (it came as a flash attribute; a reload shows the form link). */
    @GetMapping("/thanks")
    @PreAuthorize("permitAll()")
    public String thanks() {
        return "intake/thanks";
    }

    /** The state of a report and its dates, by tracking code; never its content. */
    @GetMapping("/status")
    @PreAuthorize("permitAll()")
    public ModelAndView status(@RequestParam(required = false) String code) {
        ModelAndView page = new ModelAndView("intake/status");
        String given = Texts.blankToNull(code);
        page.addObject("code", given == null ? "" : given.strip());
        if (given != null) {
            Optional<Report> report = reports.byTrackingCode(given.length() > 40 ? "" : given);
            report.ifPresent(r -> page.addObject("status", new PublicStatus(r)));
            if (report.isEmpty()) {
                page.addObject("unknown", true);
                page.setStatus(HttpStatus.NOT_FOUND);
            }
        }
        return page;
    }

    /** What the public may know of a report: its code, state and dates. */
    public record PublicStatus(String trackingCode, String state, Instant receivedAt, Instant decidedAt) {

        PublicStatus(Report report) {
            this(report.trackingCode(), report.state().name(), report.receivedAt(), report.decidedAt());
        }
    }

    private String page(Model model, ReportForm form) {
        model.addAttribute("reportForm", form);
        model.addAttribute("limits", limits);
        return "intake/report";
    }

    private String decoyCode() {
        char[] symbols = new char[10];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
        }
        String text = new String(symbols);
        return "R-" + text.substring(0, 5) + "-" + text.substring(5);
    }
}
