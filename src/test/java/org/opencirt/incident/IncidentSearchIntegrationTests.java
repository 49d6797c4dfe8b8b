package org.opencirt.incident;

import org.opencirt.test.IntegrationTest;

/** The incident list's search, sorting and counting on H2 (substring search). */
@IntegrationTest
class IncidentSearchIntegrationTests extends IncidentSearchContract {
}
