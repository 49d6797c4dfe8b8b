package org.opencirt.constituency.internal.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.opencirt.constituency.Responsibility;
import org.opencirt.constituency.ResponsibilityLookup;
import org.opencirt.constituency.ResponsibilityLookup.QueryType;
import org.opencirt.constituency.internal.Permissions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/lookup?ip=|asn=|domain=|url=|email=}: exactly one parameter. */
@RestController
@RequestMapping("/api/v1/lookup")
public class LookupApiController {

    private final ResponsibilityLookup lookup;

    public LookupApiController(ResponsibilityLookup lookup) {
        this.lookup = lookup;
    }

    @GetMapping
    @PreAuthorize(Permissions.STAFF)
    public Responsibility lookup(@RequestParam(required = false) String ip,
            @RequestParam(required = false) String asn, @RequestParam(required = false) String domain,
            @RequestParam(required = false) String url, @RequestParam(required = false) String email) {
        Map<QueryType, String> given = new LinkedHashMap<>();
        put(given, QueryType.IP, ip);
        put(given, QueryType.ASN, asn);
        put(given, QueryType.DOMAIN, domain);
        put(given, QueryType.URL, url);
        put(given, QueryType.EMAIL, email);
        if (given.size() != 1) {
            throw new IllegalArgumentException("Give exactly one of the parameters ip, asn, domain, url, email");
        }
        Map.Entry<QueryType, String> query = given.entrySet().iterator().next();
        return lookup.lookup(query.getKey(), query.getValue());
    }

    private static void put(Map<QueryType, String> given, QueryType type, String value) {
        if (value != null) {
            given.put(type, value);
        }
    }
}
