package org.opencirt.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencirt.identity.Role;
import org.opencirt.test.IntegrationTest;
import org.opencirt.test.IntegrationTestSupport;

/** Switching the UI language keeps the page, its search and its filters; only {@code lang} changes. */
@IntegrationTest
class LanguageSwitchIntegrationTests extends IntegrationTestSupport {

    @Test
    void languageLinksKeepTheQueryAndReplaceOnlyTheLanguage() {
        assertThat(LayoutModel.languageLinks("/constituency/assets", "q=10.0&kind=CIDR&lang=fr&page=2"))
                .containsEntry("en", "/constituency/assets?q=10.0&kind=CIDR&page=2&lang=en")
                .containsEntry("fr", "/constituency/assets?q=10.0&kind=CIDR&page=2&lang=fr");
        assertThat(LayoutModel.languageLinks("/", null)).containsEntry("fr", "/?lang=fr");
    }

    @Test
    void listPageLinksToItselfInTheOtherLanguageWithItsFilters() {
        String page = loggedIn(createUser(Role.ANALYST))
                .get("/constituency/organisations?q=bank%20of&kind=INDUSTRY").body();

        assertThat(page).contains("href=\"/constituency/organisations?q=bank%20of&amp;kind=INDUSTRY&amp;lang=fr\"")
                .contains("href=\"/constituency/organisations?q=bank%20of&amp;kind=INDUSTRY&amp;lang=en\"");
    }
}
