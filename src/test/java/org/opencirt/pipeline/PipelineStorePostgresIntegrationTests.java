package org.opencirt.pipeline;

import org.junit.jupiter.api.Test;
import org.opencirt.test.PostgresIntegrationTest;

/** The main store flow on PostgreSQL, where events are written with COPY. */
@PostgresIntegrationTest
class PipelineStorePostgresIntegrationTests extends PipelineStoreFlow {

    @Test
    void snapshotIsStoredWithCopyWithOwnersBadLinesQuarantinedAndReplayedAfterAFeedFix() {
        uploadsStoresQuarantinesAndReplays();
    }
}
