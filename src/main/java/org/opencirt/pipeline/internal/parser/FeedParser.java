package org.opencirt.pipeline.internal.parser;

import java.io.IOException;
import java.io.InputStream;

import org.opencirt.pipeline.internal.stage.EventSink;
import org.opencirt.pipeline.internal.stage.QuarantineSink;

/**
 * Turns one feed's input into harmonised events. Implementations stream line by line with bounded memory, pass
 * events on in batches, and hand every line they cannot parse or validate to the quarantine with its reason; they
 * keep no state between calls, so one instance may parse many inputs (one at a time per call).
 */
public interface FeedParser {

    /** Reads the input to its end; does not close it. */
    ParseSummary parse(InputStream input, EventSink events, QuarantineSink quarantine) throws IOException;
}
