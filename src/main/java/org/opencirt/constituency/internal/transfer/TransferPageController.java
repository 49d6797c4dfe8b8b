package org.opencirt.constituency.internal.transfer;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencirt.constituency.ConstituencyTransfer;
import org.opencirt.constituency.ConstituencyTransfer.Dataset;
import org.opencirt.constituency.ConstituencyTransfer.Format;
import org.opencirt.constituency.ConstituencyTransfer.UnreadableFileException;
import org.opencirt.constituency.internal.Permissions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The import/export page: upload a file, check it with a dry run, then import it; download any dataset. Row
 * problems are listed in a table so that the file can be fixed in one pass.
 */
@Controller
@RequestMapping("/constituency")
public class TransferPageController {

    private final ConstituencyTransfer transfer;

    public TransferPageController(ConstituencyTransfer transfer) {
        this.transfer = transfer;
    }

    @GetMapping("/import")
    @PreAuthorize(Permissions.WRITE)
    public String page(@RequestParam(defaultValue = "organisations") String type,
            @RequestParam(defaultValue = "csv") String format, Model model) {
        model.addAttribute("datasets", Dataset.values());
        model.addAttribute("formats", Format.values());
        model.addAttribute("type", Dataset.fromParam(type));
        model.addAttribute("format", Format.fromParam(format));
        Map<String, List<String>> columnsByDataset = new LinkedHashMap<>();
        for (Dataset dataset : Dataset.values()) {
            columnsByDataset.put(dataset.param(), transfer.columns(dataset));
        }
        model.addAttribute("columnsByDataset", columnsByDataset);
        return "constituency/transfer/import";
    }

    @PostMapping("/import")
    @PreAuthorize(Permissions.WRITE)
    public String upload(@RequestParam String type, @RequestParam String format,
            @RequestParam(defaultValue = "check") String action, @RequestParam(required = false) MultipartFile file,
            Model model) throws IOException {
        boolean dryRun = !"import".equals(action);
        model.addAttribute("fileName", file == null ? null : file.getOriginalFilename());
        if (file == null || file.isEmpty()) {
            model.addAttribute("fileError", "transfer.noFile");
        } else {
            try (InputStream in = file.getInputStream()) {
                model.addAttribute("report", transfer.importFile(Dataset.fromParam(type), Format.fromParam(format),
                        in, dryRun));
            } catch (UnreadableFileException e) {
                model.addAttribute("unreadable", e.getMessage());
            }
        }
        return page(type, format, model);
    }

    @GetMapping("/export")
    @PreAuthorize(Permissions.READ)
    public void export(@RequestParam String type, @RequestParam(defaultValue = "csv") String format,
            HttpServletResponse response) throws IOException {
        TransferDownloads.write(transfer, Dataset.fromParam(type), Format.fromParam(format), response);
    }
}
