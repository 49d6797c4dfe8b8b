package org.opencirt.incident.internal.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.opencirt.incident.internal.IncidentPermissions;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/** Staff upload IODEF files received by other means (mail, USB stick) into the reports queue. */
@Controller
@RequestMapping("/intake/iodef")
public class IodefPageController {

    private final IodefImport imports;
    private final IntakeLimits limits;

    public IodefPageController(IodefImport imports, IntakeLimits limits) {
        this.imports = imports;
        this.limits = limits;
    }

    @GetMapping
    @PreAuthorize(IncidentPermissions.WORK)
    public String form(Model model) {
        model.addAttribute("maxSize", IntakeLimits.readable(limits.maxIodefBytes()));
        return "intake/iodef";
    }

    @PostMapping
    @PreAuthorize(IncidentPermissions.WORK)
    public ModelAndView upload(@RequestParam(name = "file", required = false) MultipartFile file) {
        ModelAndView page = new ModelAndView("intake/iodef");
        page.addObject("maxSize", IntakeLimits.readable(limits.maxIodefBytes()));
        if (file == null || file.isEmpty()) {
            page.addObject("fileError", "intake.iodef.noFile");
            page.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
            return page;
        }
        if (file.getSize() > limits.maxIodefBytes()) {
            page.addObject("fileError", "intake.iodef.tooLarge");
            page.setStatus(HttpStatus.CONTENT_TOO_LARGE);
            return page;
        }
        try {
            IodefImport.Result result = imports.importDocument(file.getBytes(), file.getOriginalFilename());
            page.addObject("result", result);
            page.addObject("fileName", file.getOriginalFilename());
            if (!result.readable()) {
                page.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the uploaded IODEF file", e);
        }
        return page;
    }
}
