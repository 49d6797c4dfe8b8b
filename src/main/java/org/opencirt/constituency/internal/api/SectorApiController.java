package org.opencirt.constituency.internal.api;

import jakarta.validation.Valid;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.constituency.Sector;
import org.opencirt.constituency.SectorService;
import org.opencirt.constituency.internal.Permissions;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sectors over HTTP. */
@RestController
@RequestMapping("/api/v1/sectors")
public class SectorApiController {

    private final SectorService sectors;

    public SectorApiController(SectorService sectors) {
        this.sectors = sectors;
    }

    @GetMapping
    @PreAuthorize(Permissions.STAFF)
    public PageResult<Sector> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return sectors.search(q, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize(Permissions.STAFF)
    public Sector get(@PathVariable long id) {
        return sectors.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Permissions.WRITE)
    public Sector create(@Valid @RequestBody Sector.Input input) {
        return sectors.create(input);
    }

    @PutMapping("/{id}")
    @PreAuthorize(Permissions.WRITE)
    public Sector update(@PathVariable long id, @Valid @RequestBody Sector.Input input) {
        return sectors.update(id, input);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Permissions.WRITE)
    public void delete(@PathVariable long id) {
        sectors.delete(id);
    }
}
