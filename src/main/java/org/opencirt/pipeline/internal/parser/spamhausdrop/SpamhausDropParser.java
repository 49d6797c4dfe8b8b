package org.opencirt.pipeline.internal.parser.spamhausdrop;

import java.time.Clock;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.parser.LineFeedParser;
import org.opencirt.pipeline.internal.parser.LineHandler;

/**
 * Spamhaus DROP and EDROP ("do not route or peer"): networks run by criminals, one {@code 192.0.2.0/24 ; SBL000001}
 * per line, comments starting with {@code ;}. Each network becomes a {@code blacklist} event on
 * {@code source.network} with the SBL reference in {@code extra.sbl_id}.
 */
public final class SpamhausDropParser extends LineFeedParser {

    public SpamhausDropParser(Clock clock) {
        super(new Event().set(EventField.FEED_NAME, "Spamhaus Drop").set(EventField.FEED_PROVIDER, "Spamhaus")
                .set(EventField.FEED_ACCURACY, "100").set(EventField.CLASSIFICATION_TYPE, "blacklist")
                .set(EventField.CLASSIFICATION_IDENTIFIER, "spamhaus-drop"), clock);
    }

    @Override
    protected LineHandler newHandler() {
        return (line, event) -> {
            String text = line.strip();
            if (text.startsWith(";")) {
                return false;
            }
            int separator = text.indexOf(';');
            event.set(EventField.SOURCE_NETWORK, separator < 0 ? text : text.substring(0, separator));
            if (separator >= 0) {
                event.setExtra("sbl_id", text.substring(separator + 1).strip());
            }
            return true;
        };
    }
}
