package org.opencirt.pipeline.internal.parser.csv;

import java.time.Clock;
import java.util.function.Consumer;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.internal.parser.ColumnMapping;
import org.opencirt.pipeline.internal.parser.CsvLine;
import org.opencirt.pipeline.internal.parser.LineFeedParser;
import org.opencirt.pipeline.internal.parser.LineHandler;

/**
 * Any CSV feed whose columns a {@link ColumnMapping} describes: partners' exports, a team's own sensors, and every
 * Shadowserver report type. The first non-comment line is the header unless the mapping says there is none.
 */
public final class CsvFeedParser extends LineFeedParser {

    private final ColumnMapping mapping;
    private final Consumer<Event> completion;

    public CsvFeedParser(ColumnMapping mapping, Clock clock) {
        this(mapping, clock, event -> { });
    }

    /**
     * @param completion derives further fields once the columns are mapped (it may throw
     *                   {@link IllegalArgumentException} to quarantine the line)
     */
    public CsvFeedParser(ColumnMapping mapping, Clock clock, Consumer<Event> completion) {
        super(mapping.template(), clock);
        this.mapping = mapping;
        this.completion = completion;
    }

    @Override
    protected LineHandler newHandler() {
        return new LineHandler() {
            private final CsvLine row = new CsvLine(mapping.delimiter());
            private ColumnMapping.Binding binding;

            @Override
            public boolean handle(String line, Event event) {
                if (mapping.isComment(line)) {
                    return false;
                }
                row.split(line);
                if (binding == null) {
                    binding = mapping.bind(row);
                    if (mapping.hasHeader()) {
                        return false;
                    }
                }
                binding.apply(row, event);
                completion.accept(event);
                return true;
            }
        };
    }
}
