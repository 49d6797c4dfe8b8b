package org.opencirt.incident;

import org.opencirt.test.PostgresIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Every incident API test again on PostgreSQL, where full-text search runs on the tsvector index and the access
 * rule's SQL meets the production database.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = "opencirt.test.context=incident-postgres")
class IncidentPostgresIntegrationTests extends IncidentApiIntegrationTests {
}
