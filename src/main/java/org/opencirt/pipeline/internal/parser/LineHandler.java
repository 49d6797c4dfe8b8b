package org.opencirt.pipeline.internal.parser;

import org.opencirt.pipeline.Event;

/** The per-input part of a line-based parser: it may keep state such as the header it has read. */
public interface LineHandler {

    /**
     * Fills the event from one line.
     *
     * @return false for a line that holds no event (comment, header, blank), before touching the event
     * @throws IllegalArgumentException (such as {@link org.opencirt.pipeline.InvalidValueException}) with the reason
     *         when the line cannot become an event; it is then quarantined
     */
    boolean handle(String line, Event event);
}
