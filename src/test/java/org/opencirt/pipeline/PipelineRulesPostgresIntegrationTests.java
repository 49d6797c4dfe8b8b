package org.opencirt.pipeline;

import org.opencirt.test.PostgresIntegrationTest;

/** The processing rule tests on PostgreSQL, where events are written with COPY and the rule ledger's SQL differs. */
@PostgresIntegrationTest
class PipelineRulesPostgresIntegrationTests extends PipelineRulesIntegrationTests {
}
