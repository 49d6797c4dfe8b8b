package org.opencirt.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencirt.audit.AuditChannel;
import org.opencirt.identity.NewUser;
import org.opencirt.identity.Role;
import org.opencirt.identity.UserAccount;
import org.opencirt.identity.UserService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Base of full-context tests ({@link IntegrationTest} or {@link PostgresIntegrationTest}): HTTP clients for the
 * running server, throw-away users of any role, and a look into the audit log through its API.
 */
public abstract class IntegrationTestSupport {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "Test-Admin-Password-1";

    @LocalServerPort
    protected int port;

    @Autowired
    protected UserService userService;

    @Autowired
    protected JdbcClient jdbc;

    /** A user created for one test, with the password it can log in with. */
    public record TestUser(long id, String username, String password) {
    }

    protected TestHttpClient anonymous() {
        return TestHttpClient.anonymous(port);
    }

    protected TestHttpClient asAdmin() {
        return TestHttpClient.basic(port, ADMIN, ADMIN_PASSWORD);
    }

    protected TestHttpClient as(TestUser user) {
        return TestHttpClient.basic(port, user.username(), user.password());
    }

    /** A browser-like client logged in through the login form. */
    protected TestHttpClient loggedIn(TestUser user) {
        TestHttpClient browser = anonymous();
        TestHttpClient.Response login = browser.login(user.username(), user.password());
        if (login.status() != 302 || login.header("Location").contains("error")) {
            throw new IllegalStateException("form login of " + user.username() + " failed: " + login);
        }
        return browser;
    }

    /** Creates an enabled staff user with a random password (not CONSTITUENT or PARTNER: they need an organisation). */
    protected TestUser createUser(Role role) {
        String username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + UUID.randomUUID();
        UserAccount account = AuditChannel.callAs(AuditChannel.SYSTEM, () -> userService.create(
                new NewUser(username, "Test " + role, null, role, null, password, true, null)));
        return new TestUser(account.id(), username, password);
    }

    /** Creates an enabled CONSTITUENT member of one organisation, with a random password. */
    protected TestUser createConstituent(long organisationId) {
        String username = "member-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + UUID.randomUUID();
        UserAccount account = AuditChannel.callAs(AuditChannel.SYSTEM, () -> userService.create(
                new NewUser(username, "Member " + username, null, Role.CONSTITUENT, organisationId, password, true,
                        null)));
        return new TestUser(account.id(), username, password);
    }

    /** Creates an organisation through the API, with a unique name; returns its id. */
    protected long createOrganisation() {
        return createOrganisation("Organisation " + System.nanoTime());
    }

    /** Creates an organisation with this name through the API as the administrator; fails the test if refused. */
    protected long createOrganisation(String name) {
        TestHttpClient.Response response = asAdmin().postJson("/api/v1/organisations",
                OrganisationBuilder.create().named(name).build());
        if (response.status() != 201) {
            throw new AssertionError("creating organisation " + name + " failed: " + response);
        }
        return response.json().path("id").asLong();
    }

    /** Creates a role mailbox of the organisation with its OpenPGP key if given; returns the address. */
    protected String createContact(long organisationId, String language, String pgpPublicKey) {
        String address = "abuse-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Map<String, Object> body = new HashMap<>(Map.of("organisationId", organisationId, "kind", "ROLE",
                "name", "Abuse desk", "email", address, "languages", List.of(language)));
        if (pgpPublicKey != null) {
            body.put("pgpPublicKey", pgpPublicKey);
        }
        TestHttpClient.Response created = asAdmin().postJson("/api/v1/contacts", body);
        if (created.status() != 201) {
            throw new IllegalStateException("contact not created: " + created);
        }
        return address;
    }

    /** The audit entries about one record, newest first, read through the audit API as the administrator. */
    protected List<JsonNode> auditEntries(String entityType, Object entityId) {
        TestHttpClient.Response response = asAdmin()
                .get("/api/v1/audit?size=500&entityType=" + entityType + "&entityId=" + entityId);
        if (response.status() != 200) {
            throw new IllegalStateException("audit API failed: " + response);
        }
        return response.json().path("items").valueStream().toList();
    }

    /** The actions recorded about one record, oldest first. */
    protected List<String> auditActions(String entityType, Object entityId) {
        List<String> actions = new ArrayList<>(auditEntries(entityType, entityId).stream()
                .map(entry -> entry.path("action").asString())
                .toList());
        Collections.reverse(actions);
        return actions;
    }
}
