package org.opencirt.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class IdentityIntegrationTests extends IntegrationTestSupport {

    @Test
    void unauthenticatedApiCallGets401ProblemJson() {
        Response response = anonymous().get("/api/v1/users/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
    }

    @Test
    void unauthenticatedPageRedirectsToTheLoginForm() {
        Response response = anonymous().get("/account");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).endsWith("/login");
    }

    @Test
    void httpBasicAuthenticatesApiCalls() {
        TestUser analyst = createUser(Role.ANALYST);

        Response response = as(analyst).get("/api/v1/users/me");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("username").asString()).isEqualTo(analyst.username());
        assertThat(response.json().path("role").asString()).isEqualTo("ANALYST");
        assertThat(response.body()).doesNotContain("password");
    }

    @Test
    void tokenIsIssuedListedUsedAndRevoked() {
        TestUser analyst = createUser(Role.ANALYST);

        Response issued = as(analyst).postJson("/api/v1/tokens", Map.of("name", "siem", "validDays", 30));
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.json().path("token").asString();
        long tokenId = issued.json().path("apiToken").path("id").asLong();
        assertThat(token).startsWith("oc_").hasSizeGreaterThan(40);

        Response listed = as(analyst).get("/api/v1/tokens");
        assertThat(listed.json().valueStream().map(t -> t.path("name").asString())).containsExactly("siem");
        assertThat(listed.body()).doesNotContain(token);

        TestHttpClient withToken = TestHttpClient.bearer(port, token);
        assertThat(withToken.get("/api/v1/users/me").json().path("username").asString())
                .isEqualTo(analyst.username());

        assertThat(withToken.delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(204);
        Response afterRevoke = withToken.get("/api/v1/users/me");
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.contentType()).startsWith("application/problem+json");
        assertThat(auditActions("api_token", tokenId)).containsExactly("CREATE", "REVOKE");
    }

    @Test
    void tokenIsStoredOnlyAsAHash() {
        TestUser analyst = createUser(Role.ANALYST);
        Response issued = as(analyst).postJson("/api/v1/tokens", Map.of("name", "script"));
        String token = issued.json().path("token").asString();
        long tokenId = issued.json().path("apiToken").path("id").asLong();

        Map<String, Object> row = jdbc.sql("select * from api_token where id = ?").param(tokenId).query().singleRow();

        assertThat(row.values()).noneMatch(value -> token.equals(String.valueOf(value)));
        assertThat((String) row.get("token_hash")).matches("[0-9a-f]{64}");
        assertThat(auditEntries("api_token", tokenId).get(0).toString()).doesNotContain(token);
    }

    @Test
    void expiredTokenIsRefused() {
        TestUser analyst = createUser(Role.ANALYST);
        Response issued = as(analyst).postJson("/api/v1/tokens", Map.of("name", "old", "validDays", 1));
        String token = issued.json().path("token").asString();
        jdbc.sql("update api_token set expires_at = ? where id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), issued.json().path("apiToken").path("id")
                        .asLong())
                .update();

        Response response = TestHttpClient.bearer(port, token).get("/api/v1/users/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownTokenIsRefusedWithoutFallingBackToAnonymous() {
        Response response = TestHttpClient.bearer(port, "oc_not-a-real-token").get("/api/v1/users/me");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountUntilAnAdminUnlocksIt() {
        TestUser analyst = createUser(Role.ANALYST);
        TestHttpClient wrong = TestHttpClient.basic(port, analyst.username(), "not-the-password");

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(wrong.get("/api/v1/users/me").status()).as("attempt %d", attempt).isEqualTo(401);
        }
        assertThat(as(analyst).get("/api/v1/users/me").status()).as("right password while locked").isEqualTo(401);
        assertThat(anonymous().login(analyst.username(), analyst.password()).header("Location"))
                .as("form login while locked").endsWith("/login?error");

        Response unlock = asAdmin().postJson("/api/v1/users/" + analyst.id() + "/unlock", Map.of());
        assertThat(unlock.status()).isEqualTo(200);
        assertThat(unlock.json().path("failedLogins").asInt()).isZero();
        assertThat(as(analyst).get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(auditActions("user", analyst.id())).containsExactly("CREATE", "LOGIN_FAILED", "LOGIN_FAILED",
                "LOGIN_FAILED", "LOGIN_FAILED", "LOCKED", "UNLOCK");
    }

    @Test
    void simultaneousWrongPasswordsAreAllCounted() throws Exception {
        TestUser analyst = createUser(Role.ANALYST);
        TestHttpClient wrong = TestHttpClient.basic(port, analyst.username(), "not-the-password");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                attempts.add(pool.submit(() -> wrong.get("/api/v1/users/me").status()));
            }
            for (Future<Integer> attempt : attempts) {
                assertThat(attempt.get()).isEqualTo(401);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(asAdmin().get("/api/v1/users/" + analyst.id()).json().path("failedLogins").asInt()).isEqualTo(4);
    }

    @Test
    void lastEnabledAdministratorCannotBeDemoted() {
        TestUser second = createUser(Role.ADMIN);
        List<JsonNode> admins = asAdmin().get("/api/v1/users").json().valueStream()
                .filter(user -> "ADMIN".equals(user.path("role").asString()) && user.path("enabled").asBoolean())
                .filter(user -> user.path("id").asLong() != second.id())
                .toList();
        List<Long> demoted = new ArrayList<>();
        try {
            for (JsonNode admin : admins) {
                Response answer = as(second).putJson("/api/v1/users/" + admin.path("id").asLong(),
                        asRole(admin, "ANALYST"));
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                demoted.add(admin.path("id").asLong());
            }
            JsonNode self = as(second).get("/api/v1/users/me").json();
            Response refused = as(second).putJson("/api/v1/users/" + second.id(), asRole(self, "ANALYST"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().path("errors").get(0).path("message").asString()).contains("last enabled");
        } finally {
            for (JsonNode admin : admins) {
                if (demoted.contains(admin.path("id").asLong())) {
                    as(second).putJson("/api/v1/users/" + admin.path("id").asLong(), asRole(admin, "ADMIN"));
                }
            }
        }
        assertThat(asAdmin().get("/api/v1/users/me").json().path("role").asString()).isEqualTo("ADMIN");
    }

    private static Map<String, Object> asRole(JsonNode user, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", user.path("username").asString());
        body.put("displayName", user.path("displayName").asString());
        body.put("role", role);
        return body;
    }

    @Test
    void formLoginWithCsrfTokenStartsASession() {
        TestUser coordinator = createUser(Role.COORDINATOR);
        TestHttpClient browser = anonymous();

        Response login = browser.login(coordinator.username(), coordinator.password());
        Response home = browser.get("/");

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).doesNotContain("error");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("id=\"current-user\">" + coordinator.username() + "<");
    }

    @Test
    void postWithoutCsrfTokenIsRejected() {
        TestUser coordinator = createUser(Role.COORDINATOR);
        TestHttpClient browser = loggedIn(coordinator);

        Response withoutToken = browser.postForm("/account/tokens", Map.of("name", "forged"));
        Response loginWithoutToken = anonymous().postForm("/login",
                Map.of("username", coordinator.username(), "password", coordinator.password()));

        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from api_token where user_id = ?").param(coordinator.id())
                .query(Long.class).single()).isZero();
        assertThat(loginWithoutToken.status()).isEqualTo(403);
    }

    @Test
    void nonAdminIsForbiddenToManageUsers() {
        TestUser coordinator = createUser(Role.COORDINATOR);

        Response list = as(coordinator).get("/api/v1/users");
        Response create = as(coordinator).postJson("/api/v1/users", newUser("intruder", "Secret-password-1"));

        assertThat(list.status()).isEqualTo(403);
        assertThat(list.contentType()).startsWith("application/problem+json");
        assertThat(create.status()).isEqualTo(403);
        assertThat(userService.findByUsername("intruder")).isEmpty();
    }

    @Test
    void adminCreatesAndUpdatesUsersThroughTheApiAndEveryChangeIsAudited() {
        Response created = asAdmin().postJson("/api/v1/users", newUser("api-made-user", "Long-enough-password"));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();

        Map<String, Object> change = newUser("api-made-user", "");
        change.put("displayName", "Renamed");
        Response updated = asAdmin().putJson("/api/v1/users/" + id, change);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("displayName").asString()).isEqualTo("Renamed");
        JsonNode creation = auditEntries("user", id).get(1);
        assertThat(creation.path("action").asString()).isEqualTo("CREATE");
        assertThat(creation.path("actor").asString()).isEqualTo(ADMIN);
        assertThat(creation.path("channel").asString()).isEqualTo("API");
        assertThat(creation.path("after").asString()).doesNotContain("Long-enough-password");
        JsonNode update = auditEntries("user", id).get(0);
        assertThat(update.path("action").asString()).isEqualTo("UPDATE");
        assertThat(update.path("before").asString()).contains("\"displayName\":\"Test user\"");
        assertThat(update.path("after").asString()).contains("\"displayName\":\"Renamed\"");
    }

    @Test
    void adminPagesDisableUsersAndReportUnknownOnesAsNotFound() {
        TestUser analyst = createUser(Role.ANALYST);
        TestHttpClient admin = anonymous();
        admin.login(ADMIN, ADMIN_PASSWORD);

        Response disabled = admin.postFormFrom("/admin/users", "/admin/users/" + analyst.id() + "/enabled",
                Map.of("enabled", "false"));
        Response unknown = admin.postFormFrom("/admin/users", "/admin/users/999999/enabled",
                Map.of("enabled", "false"));

        assertThat(disabled.status()).isEqualTo(302);
        assertThat(as(analyst).get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(auditEntries("user", analyst.id()).get(0).path("after").asString()).contains("\"enabled\":false");
    }

    @Test
    void malformedJsonIsA400Problem() {
        Response response = asAdmin().postRawJson("/api/v1/users", "{\"username\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("title").asString()).isEqualTo("Malformed request body");
    }

    @Test
    void invalidFieldsAreA422ProblemListingEachField() {
        Map<String, Object> input = newUser("", "short");
        input.put("email", "not-an-e-mail");

        Response beanValidation = asAdmin().postJson("/api/v1/users", input);
        Response serviceValidation = asAdmin().postJson("/api/v1/users", newUser("valid-name", "short"));

        assertThat(beanValidation.status()).isEqualTo(422);
        assertThat(beanValidation.contentType()).startsWith("application/problem+json");
        assertThat(beanValidation.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("username", "email");
        assertThat(serviceValidation.status()).isEqualTo(422);
        assertThat(serviceValidation.json().path("errors").path(0).path("field").asString()).isEqualTo("password");
    }

    @Test
    void passwordChangeNeedsTheCurrentPassword() {
        TestUser analyst = createUser(Role.ANALYST);
        TestHttpClient browser = loggedIn(analyst);
        String newPassword = "A-brand-new-password";

        Response wrongCurrent = browser.postFormFrom("/account", "/account/password", Map.of(
                "currentPassword", "a guess", "newPassword", newPassword, "confirmPassword", newPassword));
        Response mismatch = browser.postFormFrom("/account", "/account/password", Map.of(
                "currentPassword", analyst.password(), "newPassword", newPassword, "confirmPassword", "other"));

        assertThat(wrongCurrent.status()).isEqualTo(200);
        assertThat(wrongCurrent.body()).contains("is not your current password");
        assertThat(mismatch.status()).isEqualTo(200);
        assertThat(mismatch.body()).contains("does not match the new password");
        assertThat(as(analyst).get("/api/v1/users/me").status()).isEqualTo(200);

        Response changed = browser.postFormFrom("/account", "/account/password", Map.of(
                "currentPassword", analyst.password(), "newPassword", newPassword, "confirmPassword", newPassword));

        assertThat(changed.status()).isEqualTo(302);
        assertThat(TestHttpClient.basic(port, analyst.username(), newPassword).get("/api/v1/users/me").status())
                .isEqualTo(200);
        assertThat(as(analyst).get("/api/v1/users/me").status()).isEqualTo(401);
        JsonNode audited = auditEntries("user", analyst.id()).stream()
                .filter(entry -> entry.path("action").asString().equals("PASSWORD_CHANGE")).findFirst().orElseThrow();
        assertThat(audited.path("actor").asString()).isEqualTo(analyst.username());
        assertThat(audited.path("channel").asString()).isEqualTo("UI");
    }

    private static Map<String, Object> newUser(String username, String password) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("displayName", "Test user");
        user.put("role", "ANALYST");
        user.put("password", password);
        return user;
    }
}
