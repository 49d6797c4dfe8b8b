package org.opencirt.notification.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencirt.common.InvalidInputException;
import org.opencirt.common.NotFoundException;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.common.web.Pager;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.identity.CurrentUser;
import org.opencirt.notification.DigestFormat;
import org.opencirt.notification.DigestFrequency;
import org.opencirt.notification.DigestSettings;
import org.opencirt.notification.DigestSettingsService;
import org.opencirt.notification.Notification;
import org.opencirt.notification.NotificationService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The notifications page: every digest sent or tried, to whom and with what outcome (a CONSTITUENT sees only its
 * own organisation's), and, for those who run the constituency, how often and in which format each organisation
 * gets its digests.
 */
@Controller
public class NotificationPageController {

    static final String CONFIGURE = "hasAnyRole('ADMIN','COORDINATOR')";

    private final NotificationService notifications;
    private final DigestSettingsService settings;
    private final OrganisationService organisations;

    public NotificationPageController(NotificationService notifications, DigestSettingsService settings,
            OrganisationService organisations) {
        this.notifications = notifications;
        this.settings = settings;
        this.organisations = organisations;
    }

    @GetMapping("/notifications")
    @PreAuthorize(NotificationApiController.READ)
    public String list(@RequestParam(required = false) Long organisationId,
            @RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
        PageResult<Notification> result = notifications.search(organisationId, null, null, PageRequest.of(page, null));
        Map<Long, String> names = organisations.all().stream()
                .collect(Collectors.toMap(Organisation::id, Organisation::name, (a, b) -> a, LinkedHashMap::new));
        model.addAttribute("staff", CurrentUser.restrictedOrganisation() == null);
        model.addAttribute("organisationId", organisationId);
        model.addAttribute("organisations", names);
        model.addAttribute("results", result);
        model.addAttribute("pager", Pager.of(result, request));
        if (CurrentUser.restrictedOrganisation() == null) {
            model.addAttribute("settings", settings.list());
            model.addAttribute("defaultFrequency", settings.defaultFrequency());
            model.addAttribute("frequencies", DigestFrequency.values());
            model.addAttribute("formats", DigestFormat.values());
        }
        return "true".equals(request.getHeader("HX-Request")) ? "notification/notifications :: results"
                : "notification/notifications";
    }

    @PostMapping("/notifications/settings")
    @PreAuthorize(CONFIGURE)
    public String updateSettings(@RequestParam(required = false) Long organisationId,
            @RequestParam(required = false) DigestFrequency frequency,
            @RequestParam(required = false) DigestFormat format, RedirectAttributes redirect) {
        try {
            if (organisationId == null) {
                throw new InvalidInputException("organisationId", "is required");
            }
            DigestSettings saved = settings.update(organisationId, new DigestSettings.Input(frequency, format));
            redirect.addFlashAttribute("notice", "notification.settings.saved");
            redirect.addFlashAttribute("savedFrom", saved.effectiveFrom());
        } catch (InvalidInputException | NotFoundException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/notifications";
    }
}
