package org.opencirt.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencirt.audit.AuditQuery;
import org.opencirt.common.InvalidInputException;

class AuditFilterTests {

    @Test
    void blankValuesMeanNoFilter() {
        AuditQuery query = new AuditFilter(" ", "", null, null, "", " ", null).toQuery();

        assertThat(query).isEqualTo(AuditQuery.all());
    }

    @Test
    void valuesAreTrimmedAndTheChannelUpperCased() {
        AuditQuery query = new AuditFilter(" admin ", "CREATE", "user", "7", "api", null, null).toQuery();

        assertThat(query).isEqualTo(new AuditQuery("admin", "CREATE", "user", "7", "API", null, null));
    }

    @Test
    void timesAreIsoInstantsOrBrowserDateTimesInUtc() {
        AuditQuery query = new AuditFilter(null, null, null, null, null, "2026-01-31T10:00:00Z", "2026-02-01T08:30")
                .toQuery();

        assertThat(query.from()).isEqualTo(Instant.parse("2026-01-31T10:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-02-01T08:30:00Z"));
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        AuditFilter filter = new AuditFilter(null, null, null, null, "fax", "yesterday", "tomorrow");

        assertThatThrownBy(filter::toQuery).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.byField()).containsOnlyKeys("channel", "from", "to"));
    }

    @Test
    void rangeMustNotEndBeforeItStarts() {
        AuditFilter filter = new AuditFilter(null, null, null, null, null, "2026-02-01T00:00:00Z",
                "2026-01-01T00:00:00Z");

        assertThatThrownBy(filter::toQuery).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.byField()).containsOnlyKeys("to"));
    }

    @Test
    void pageLinksCarryOnlyTheFiltersInUse() {
        AuditFilter filter = new AuditFilter("jean dupont", null, "user", "", null, "2026-01-31T10:00:00Z", null);

        assertThat(filter.queryStringForPage(2, 50))
                .isEqualTo("actor=jean%20dupont&entityType=user&from=2026-01-31T10:00:00Z&page=2&size=50");
    }
}
