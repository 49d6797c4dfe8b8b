package org.opencirt.constituency.internal.transfer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.opencirt.common.web.ProblemHandler;
import org.opencirt.constituency.ConstituencyTransfer;
import org.opencirt.constituency.ConstituencyTransfer.Dataset;
import org.opencirt.constituency.ConstituencyTransfer.FileTooLargeException;
import org.opencirt.constituency.ConstituencyTransfer.Format;
import org.opencirt.constituency.ConstituencyTransfer.ImportReport;
import org.opencirt.constituency.ConstituencyTransfer.UnreadableFileException;
import org.opencirt.constituency.internal.Permissions;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk export and import over HTTP: {@code GET /api/v1/export?type=organisations&format=csv} and
 * {@code POST /api/v1/import?type=...&dryRun=true} with the file as the body or as the multipart part {@code file}.
 * An import with bad rows answers 422 with every row's problems and writes nothing.
 */
@RestController
@RequestMapping("/api/v1")
public class TransferApiController {

    private final ConstituencyTransfer transfer;

    public TransferApiController(ConstituencyTransfer transfer) {
        this.transfer = transfer;
    }

    @GetMapping("/export")
    @PreAuthorize(Permissions.READ)
    public void export(@RequestParam String type, @RequestParam(defaultValue = "csv") String format,
            HttpServletResponse response) throws IOException {
        TransferDownloads.write(transfer, Dataset.fromParam(type), Format.fromParam(format), response);
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(Permissions.WRITE)
    public ResponseEntity<Object> importUpload(@RequestParam String type,
            @RequestParam(required = false) String format, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam("file") MultipartFile file) throws IOException {
        Format chosen = format != null ? Format.fromParam(format)
                : guess(file.getContentType(), file.getOriginalFilename());
        try (InputStream in = file.getInputStream()) {
            return answer(transfer.importFile(Dataset.fromParam(type), chosen, in, dryRun));
        }
    }

    @PostMapping("/import")
    @PreAuthorize(Permissions.WRITE)
    public ResponseEntity<Object> importBody(@RequestParam String type, @RequestParam(required = false) String format,
            @RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request) throws IOException {
        if (request.getContentType() != null
                && request.getContentType().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            throw new UnreadableFileException("The file was sent as a form (Content-Type: "
                    + MediaType.APPLICATION_FORM_URLENCODED_VALUE + "); send it as text/csv or application/json, "
                    + "for example curl -H 'Content-Type: text/csv' --data-binary @file.csv");
        }
        Format chosen = format != null ? Format.fromParam(format) : guess(request.getContentType(), null);
        return answer(transfer.importFile(Dataset.fromParam(type), chosen, request.getInputStream(), dryRun));
    }

    /** The format from the upload's content type or file name, when the client did not say. */
    static Format guess(String contentType, String fileName) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (type.contains("json") || name.endsWith(".json")) {
            return Format.JSON;
        }
        if (type.contains("csv") || name.endsWith(".csv")) {
            return Format.CSV;
        }
        throw new IllegalArgumentException("Say which format the file is in: format=csv or format=json");
    }

    private static ResponseEntity<Object> answer(ImportReport report) {
        if (report.ok()) {
            return ResponseEntity.ok(report);
        }
        ProblemDetail problem = ProblemHandler.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid rows",
                report.errors().size() + " problem(s) in the file; nothing was imported", null);
        problem.setProperty("dryRun", report.dryRun());
        problem.setProperty("errors", report.errors());
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(UnreadableFileException.class)
    ResponseEntity<ProblemDetail> unreadable(UnreadableFileException e) {
        HttpStatus status = e instanceof FileTooLargeException ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemHandler.problem(status, "Unreadable file", e.getMessage(), null));
    }
}
