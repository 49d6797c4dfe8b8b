package org.opencirt.pipeline.internal.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.stage.EventBatch;

class OwnerEnricherTests {

    /** Organisation 1 owns 192.0.2.0/24 and 2001:db8::/32, organisation 2 owns AS64500, 3 owns bank.example. */
    private static final OwnerLookup OWNERS = new OwnerLookup() {
        @Override
        public long ownerOfIPv4(int address) {
            return address >>> 8 == 0xC00002 ? 1 : -1;
        }

        @Override
        public long ownerOfIp(String address) {
            return address.startsWith("2001:db8:") ? 1 : -1;
        }

        @Override
        public long ownerOfAsn(long asn) {
            return asn == 64500 ? 2 : -1;
        }

        @Override
        public long ownerOfDomain(String domain) {
            return domain.endsWith("bank.example") ? 3 : -1;
        }
    };

    private final List<EventBatch> passedOn = new ArrayList<>();
    private final OwnerEnricher enricher = new OwnerEnricher(OWNERS, passedOn::add);

    private static Event event(String ip, String asn, String fqdn) {
        return new Event().set(EventField.SOURCE_IP, ip).set(EventField.SOURCE_ASN, asn)
                .set(EventField.SOURCE_FQDN, fqdn);
    }

    @Test
    void ownerIsFoundByIpThenAsnThenFqdnAndOutsideEventsAreKept() {
        Event[] events = {
            event("192.0.2.7", "64500", "www.bank.example"),
            event("2001:db8::7", null, null),
            event("198.51.100.7", "64500", "www.bank.example"),
            event(null, "64999", "www.bank.example"),
            event("198.51.100.8", "64999", "other.example"),
        };

        enricher.accept(new EventBatch("test", 1, 5, events, events.length));

        assertThat(passedOn).singleElement().satisfies(batch -> assertThat(batch.size()).isEqualTo(5));
        assertThat(events).extracting(Event::sourceOrganisationId).containsExactly(1L, 1L, 2L, 3L, Event.NO_OWNER);
        assertThat(events).extracting(Event::sourceOwnerMatchedBy).containsExactly("ip", "ip", "asn", "fqdn", null);
        assertThat(enricher.inside()).isEqualTo(4);
        assertThat(enricher.outside()).isEqualTo(1);
    }
}
