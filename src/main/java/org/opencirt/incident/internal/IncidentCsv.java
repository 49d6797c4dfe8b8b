package org.opencirt.incident.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.opencirt.common.CsvCells;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.incident.Incident;
import org.opencirt.incident.IncidentQuery;
import org.opencirt.incident.IncidentService;

/** The incident list as CSV, page by page through the service so the access rule applies to every row. */
public final class IncidentCsv {

    /** Most rows one export writes. */
    public static final int MAX_ROWS = 100_000;

    private IncidentCsv() {
    }

    public static void write(IncidentService incidents, IncidentQuery query, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        printer.printRecord(List.of("id,title,state,severity,classification_taxonomy,classification_type,tlp,pap,organisations,"
                + "handling_team,assignee,tags,created_at,updated_at,response_due,resolution_due,closed_at".split(",")));
        int written = 0;
        for (int page = 0; written < MAX_ROWS; page++) {
            PageResult<Incident> result = incidents.search(query, new PageRequest(page, PageRequest.MAX_SIZE));
            for (Incident i : result.items()) {
                printer.printRecord(List.of(String.valueOf(i.id()), i.title(), i.state().name(), i.severity().name(),
                        text(i.classificationTaxonomy()), text(i.classificationType()), i.tlp().label(),
                        i.pap().name(), i.organisations().stream().map(Incident.AffectedOrganisation::name)
                                .collect(Collectors.joining("; ")),
                        text(i.handlingTeamName()), text(i.assigneeName()), String.join("; ", i.tags()),
                        String.valueOf(i.createdAt()), String.valueOf(i.updatedAt()), text(i.responseDue()),
                        text(i.resolutionDue()), text(i.closedAt())).stream().map(CsvCells::escapeFormula).toList());
                written++;
            }
            if (result.items().size() < PageRequest.MAX_SIZE) {
                break;
            }
        }
        printer.flush();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
