package org.opencirt.incident.internal.web;

import java.util.Comparator;
import java.util.List;
import org.opencirt.common.Rsit;
import org.opencirt.common.Tlp;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationService;
import org.opencirt.constituency.SectorService;
import org.opencirt.constituency.TeamService;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserAccount;
import org.opencirt.identity.UserService;
import org.opencirt.incident.IncidentState;
import org.opencirt.incident.Pap;
import org.opencirt.incident.Severity;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The choices the incident pages offer (organisations, teams, people, RSIT, TLP...), read from the features that
 * own them through their public services, in one place so that list filters and forms offer the same ones.
 */
@Component
class IncidentOptions {

    private final OrganisationService organisations;
    private final SectorService sectors;
    private final TeamService teams;
    private final UserService users;

    IncidentOptions(OrganisationService organisations, SectorService sectors, TeamService teams, UserService users) {
        this.organisations = organisations;
        this.sectors = sectors;
        this.teams = teams;
        this.users = users;
    }

    /** The choices of the incident fields: classification, severity, TLP, PAP, team, people, organisations. */
    void addFieldChoices(Model model) {
        List<UserAccount> people = enabledUsers();
        model.addAttribute("rsitClasses", Rsit.classes());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("tlps", Tlp.values());
        model.addAttribute("paps", Pap.values());
        model.addAttribute("teams", teams.all());
        model.addAttribute("handlers", people.stream().filter(IncidentOptions::handles).toList());
        model.addAttribute("users", people);
        model.addAttribute("organisations", organisations.all().stream()
                .sorted(Comparator.comparing(Organisation::name, String.CASE_INSENSITIVE_ORDER)).toList());
    }

    /** The field choices and what only the list filters by: states and sectors. */
    void addFilterChoices(Model model) {
        addFieldChoices(model);
        model.addAttribute("states", IncidentState.values());
        model.addAttribute("sectors", sectors.all());
    }

    /** People who may handle incidents (be assigned one, or a task). */
    List<UserAccount> handlers() {
        return enabledUsers().stream().filter(IncidentOptions::handles).toList();
    }

    private List<UserAccount> enabledUsers() {
        return users.list().stream().filter(UserAccount::enabled)
                .sorted(Comparator.comparing(UserAccount::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private static boolean handles(UserAccount user) {
        return user.role() == Role.ADMIN || user.role() == Role.COORDINATOR || user.role() == Role.ANALYST;
    }
}
