package org.opencirt.constituency.internal.api;

import jakarta.validation.Valid;
import org.opencirt.common.PageRequest;
import org.opencirt.common.PageResult;
import org.opencirt.constituency.Contact;
import org.opencirt.constituency.ContactKind;
import org.opencirt.constituency.ContactService;
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

/** Contacts over HTTP; the OpenPGP fingerprint is computed from the key, never accepted from the client. */
@RestController
@RequestMapping("/api/v1/contacts")
public class ContactApiController {

    private final ContactService contacts;

    public ContactApiController(ContactService contacts) {
        this.contacts = contacts;
    }

    @GetMapping
    @PreAuthorize(Permissions.READ)
    public PageResult<Contact> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) Long organisationId, @RequestParam(required = false) Long teamId,
            @RequestParam(required = false) ContactKind kind, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return contacts.search(q, organisationId, teamId, kind, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    @PreAuthorize(Permissions.READ)
    public Contact get(@PathVariable long id) {
        return contacts.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Permissions.WRITE)
    public Contact create(@Valid @RequestBody Contact.Input input) {
        return contacts.create(input);
    }

    @PutMapping("/{id}")
    @PreAuthorize(Permissions.WRITE)
    public Contact update(@PathVariable long id, @Valid @RequestBody Contact.Input input) {
        return contacts.update(id, input);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Permissions.WRITE)
    public void delete(@PathVariable long id) {
        contacts.delete(id);
    }
}
