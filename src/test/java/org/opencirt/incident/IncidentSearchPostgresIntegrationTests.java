package org.opencirt.incident;

import org.opencirt.test.PostgresIntegrationTest;

/** The incident list's search, sorting and counting on PostgreSQL (tsvector search, the V12 indexes). */
@PostgresIntegrationTest
class IncidentSearchPostgresIntegrationTests extends IncidentSearchContract {
}
