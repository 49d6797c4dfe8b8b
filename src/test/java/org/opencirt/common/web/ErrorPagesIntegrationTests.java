package org.opencirt.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;

/**
 * A browser that mistypes an address, uses the wrong method or sends a bad parameter gets the HTML error page in
 * its language with the right status, never problem JSON; the API keeps answering RFC 9457 problem JSON, even to
 * a client that would accept HTML.
 */
@IntegrationTest
class ErrorPagesIntegrationTests extends IntegrationTestSupport {

    @Test
    void unknownAddressShowsTheNotFoundPage() {
        Response page = loggedIn(createUser(Role.ANALYST)).get("/nope");

        assertHtmlErrorPage(page, 404, "Page not found");
    }

    @Test
    void unknownAddressShowsTheNotFoundPageInFrench() {
        TestHttpClient browser = loggedIn(createUser(Role.ANALYST));
        browser.get("/?lang=fr");

        Response page = browser.get("/nope/either");

        assertHtmlErrorPage(page, 404, "Page introuvable");
        assertThat(page.body()).contains("lang=\"fr\"");
    }

    @Test
    void wrongMethodShowsTheErrorPage() {
        Response page = loggedIn(createUser(Role.ADMIN)).get("/constituency/organisations/1/delete");

        assertHtmlErrorPage(page, 405, "Not possible at this address");
    }

    @Test
    void missingOrMalformedParameterShowsTheBadRequestPage() {
        TestHttpClient browser = loggedIn(createUser(Role.ANALYST));

        assertHtmlErrorPage(browser.get("/constituency/export"), 400, "Bad request");
        assertHtmlErrorPage(browser.get("/constituency/organisations?kind=NO_SUCH_KIND"), 400, "Bad request");
    }

    @Test
    void forbiddenPageSaysSoInHtml() {
        Response page = loggedIn(createUser(Role.ANALYST)).get("/admin/users");

        assertHtmlErrorPage(page, 403, "Not allowed");
    }

    @Test
    void apiAnswersProblemJsonEvenToAClientThatAcceptsHtml() {
        Map<String, String> html = Map.of("Accept", "text/html");

        Response unknown = asAdmin().get("/api/v1/nope", html);
        Response missing = asAdmin().get("/api/v1/export", html);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().path("status").asInt()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().path("detail").asString()).contains("type");
    }

    private static void assertHtmlErrorPage(Response page, int status, String heading) {
        assertThat(page.status()).as(page.toString()).isEqualTo(status);
        assertThat(page.contentType()).as(page.toString()).startsWith("text/html");
        assertThat(page.body()).contains("<html", heading, "id=\"current-user\"").doesNotContain("\"status\":");
    }
}
