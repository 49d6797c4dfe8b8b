package org.opencirt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;
import org.opencirt.test.TestHttpClient;
import org.opencirt.test.TestHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class AuditPageIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AuditLog audit;

    @Test
    void auditorSeesFilteredEntriesWithTheirStates() {
        String entityId = UUID.randomUUID().toString();
        AuditChannel.callAs(AuditChannel.IMPORT, () -> audit.record("UPDATE", "test", entityId, "renamed <b>",
                Map.of("name", "old"), Map.of("name", "new")));
        TestHttpClient browser = loggedIn(createUser(Role.AUDITOR));

        Response page = browser.get("/audit?entityType=test&entityId=" + entityId);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"audit-entries\"", "renamed &lt;b&gt;", "Import", "UPDATE")
                .contains("&quot;name&quot; : &quot;old&quot;", "&quot;name&quot; : &quot;new&quot;")
                .contains("Verify chain");
    }

    @Test
    void pagerKeepsTheFilters() {
        String entityId = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            audit.record("UPDATE", "test", entityId, "change " + i, null, null);
        }
        TestHttpClient browser = loggedIn(createUser(Role.ADMIN));

        Response first = browser.get("/audit?entityType=test&entityId=" + entityId + "&size=2");
        Response second = browser.get("/audit?entityType=test&entityId=" + entityId + "&page=1&size=2");

        assertThat(first.body()).contains("change 2", "change 1").doesNotContain("change 0")
                .contains("?entityType=test&amp;entityId=" + entityId + "&amp;page=1&amp;size=2");
        assertThat(second.body()).contains("change 0").doesNotContain("change 1");
    }

    @Test
    void verifyButtonReturnsAFragmentForHtmx() {
        TestHttpClient browser = loggedIn(createUser(Role.AUDITOR));

        Response fragment = browser.get("/audit/verify", Map.of("HX-Request", "true"));
        Response fullPage = browser.get("/audit/verify");

        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.body()).contains("id=\"verification\"", "Chain intact").doesNotContain("<html");
        assertThat(fullPage.body()).contains("<html", "Chain intact", "id=\"audit-entries\"");
    }

    @Test
    void invalidDateIsShownNextToItsField() {
        TestHttpClient browser = loggedIn(createUser(Role.AUDITOR));

        Response page = browser.get("/audit?from=yesterday");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("class=\"field-error\"", "ISO-8601");
    }

    @Test
    void pageSpeaksFrench() {
        TestHttpClient browser = loggedIn(createUser(Role.AUDITOR));

        Response page = browser.get("/audit?lang=fr");

        assertThat(page.body()).contains("Journal d&#39;audit", "Vérifier la chaîne", "Tous les canaux");
    }

    @Test
    void analystIsRefused() {
        TestHttpClient browser = loggedIn(createUser(Role.ANALYST));

        assertThat(browser.get("/audit").status()).isEqualTo(403);
        assertThat(browser.get("/audit/verify").status()).isEqualTo(403);
    }
}
