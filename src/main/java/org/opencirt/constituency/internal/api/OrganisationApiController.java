package org.opencirt.constituency.internal.api;

import jakarta.validation.Valid;
import java.util.List;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.constituency.AssetService;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactService;
import org.opencirt.constituency.NetworkAsset;
import org.opencirt.constituency.Organisation;
import org.opencirt.constituency.OrganisationKind;
import org.opencirt.constituency.OrganisationService;
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

/** Organisations over HTTP, with their contacts and assets as sub-resources. */
@RestController
@RequestMapping("/api/v1/organisations")
public class OrganisationApiController {

    private final OrganisationService organisations;
    private final ContactService contacts;
    private final AssetService assets;

    public OrganisationApiController(OrganisationService organisations, ContactService contacts,
            AssetService assets) {
        this.organisations = organisations;
        this.contacts = contacts;
        this.assets = assets;
    }

    @GetMapping
    @PreAuthorize(Permissions.READ)
    public PageResult<Organisation> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) Long sectorId, @RequestParam(required = false) OrganisationKind kind,
            @RequestParam(required = false) String country, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return organisations.search(q, sectorId, kind, country, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize(Permissions.READ)
    public Organisation get(@PathVariable long id) {
        return organisations.get(id);
    }

    @GetMapping("/{id}/contacts")
    @PreAuthorize(Permissions.READ)
    public List<Contact> contacts(@PathVariable long id) {
        return contacts.ofOrganisation(id);
    }

    @GetMapping("/{id}/assets")
    @PreAuthorize(Permissions.READ)
    public List<NetworkAsset> assets(@PathVariable long id) {
        return assets.ofOrganisation(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Permissions.WRITE)
    public Organisation create(@Valid @RequestBody Organisation.Input input) {
        return organisations.create(input);
    }

    @PutMapping("/{id}")
    @PreAuthorize(Permissions.WRITE)
    public Organisation update(@PathVariable long id, @Valid @RequestBody Organisation.Input input) {
        return organisations.update(id, input);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Permissions.WRITE)
    public void delete(@PathVariable long id) {
        organisations.delete(id);
    }
}
