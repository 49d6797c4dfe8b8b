package org.opencirt.incident.internal.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.opencirt.common.web.ProblemHandler;
import org.opencirt.incident.Report;
import org.opencirt.incident.internal.IncidentPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * IODEF (RFC 7970) documents over HTTP, as the body or as an uploaded file. Answers 201 with the reports (200 when
 * every incident was imported before); an unreadable document answers 422 naming what is wrong and the report that
 * keeps it.
 */
@RestController
@RequestMapping("/api/v1/reports/iodef")
public class IodefApiController {

    private final IodefImport imports;
    private final IntakeLimits limits;

    public IodefApiController(IodefImport imports, IntakeLimits limits) {
        this.imports = imports;
        this.limits = limits;
    }

    /** What the import made: one receipt (report and whether it existed before) per IODEF Incident. */
    public record Imported(List<Report.Receipt> reports) {
    }

    @PostMapping(consumes = {"application/xml", "text/xml", "application/*+xml"})
    @PreAuthorize(IncidentPermissions.REPORT)
    public ResponseEntity<?> importBody(HttpServletRequest request) {
        byte[] document;
        try (InputStream in = request.getInputStream()) {
            document = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxIodefBytes() + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the IODEF document", e);
        }
        return answer(document, null);
    }

    @PostMapping(consumes = "multipart/form-data")
    @PreAuthorize(IncidentPermissions.REPORT)
    public ResponseEntity<?> importFile(@RequestParam("file") MultipartFile file) {
        try {
            return answer(file.getSize() > limits.maxIodefBytes() ? null : file.getBytes(),
                    file.getOriginalFilename());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the uploaded IODEF file", e);
        }
    }

    private ResponseEntity<?> answer(byte[] document, String fileName) {
        if (document == null || document.length > limits.maxIodefBytes()) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ProblemHandler.problem(
                    HttpStatus.CONTENT_TOO_LARGE, "Document too large", "An IODEF document may have at most "
                            + IntakeLimits.readable(limits.maxIodefBytes()) + ".", null));
        }
        IodefImport.Result result = imports.importDocument(document, fileName);
        if (!result.readable()) {
            Report kept = result.reports().get(0).report();
            ProblemDetail problem = ProblemHandler.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unreadable IODEF document",
                    result.parseError() + ". The document is kept as report " + kept.id() + " (" + kept.trackingCode()
                            + ") for an analyst to look at.", null);
            problem.setProperty("reportId", kept.id());
            problem.setProperty("trackingCode", kept.trackingCode());
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
        }
        return ResponseEntity.status(result.anyNew() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Imported(result.reports()));
    }
}
