package org.opencirt.constituency.internal.api;

import jakarta.validation.Valid;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.constituency.AssetKind;
import org.opencirt.constituency.AssetService;
import org.opencirt.constituency.NetworkAsset;
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

/** Network assets over HTTP; saving answers the asset with any overlaps with other organisations' assets. */
@RestController
@RequestMapping("/api/v1/assets")
public class AssetApiController {

    private final AssetService assets;

    public AssetApiController(AssetService assets) {
        this.assets = assets;
    }

    @GetMapping
    @PreAuthorize(Permissions.READ)
    public PageResult<NetworkAsset> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) AssetKind kind, @RequestParam(required = false) Long organisationId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return assets.search(q, kind, organisationId, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize(Permissions.READ)
    public NetworkAsset get(@PathVariable long id) {
        return assets.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Permissions.WRITE)
    public NetworkAsset.Saved create(@Valid @RequestBody NetworkAsset.Input input) {
        return assets.create(input);
    }

    @PutMapping("/{id}")
    @PreAuthorize(Permissions.WRITE)
    public NetworkAsset.Saved update(@PathVariable long id, @Valid @RequestBody NetworkAsset.Input input) {
        return assets.update(id, input);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Permissions.WRITE)
    public void delete(@PathVariable long id) {
        assets.delete(id);
    }
}
