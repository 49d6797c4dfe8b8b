package org.opencirt.pipeline.internal.stage;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.opencirt.pipeline.Event;

/**
 * Events passed from one stage to the next in one call, so that per-call costs (a queue hand-over, a log append, a
 * database round trip) are paid once per batch, not per event. The batch says where its events came from (feed and
 * line range), which is what a later stage needs to acknowledge, replay or de-duplicate it.
 *
 * @param feed      the feed name the events came from
 * @param firstLine line number of the first event's line in the input (1-based)
 * @param lastLine  line number of the last event's line
 * @param lineNumbers the line number of each event (null: consecutive from {@code firstLine}), so that a store can
 *                    key each event by its position in the input and a replay or resume never stores it twice
 */
public record EventBatch(String feed, long firstLine, long lastLine, Event[] events, int size, long[] lineNumbers)
        implements Iterable<Event> {

    /** A batch of events from consecutive lines. */
    public EventBatch(String feed, long firstLine, long lastLine, Event[] events, int size) {
        this(feed, firstLine, lastLine, events, size, null);
    }

    /** The input line number of the event at an index below {@link #size()}. */
    public long lineNumber(int index) {
        return lineNumbers == null ? firstLine + index : lineNumbers[index];
    }

    /** The event at an index below {@link #size()}. */
    public Event get(int index) {
        return events[index];
    }

    /** The events as a list view. */
    public List<Event> asList() {
        return Arrays.asList(events).subList(0, size);
    }

    @Override
    public Iterator<Event> iterator() {
        return asList().iterator();
    }
}
