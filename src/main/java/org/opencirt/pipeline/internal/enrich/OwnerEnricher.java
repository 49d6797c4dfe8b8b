package org.opencirt.pipeline.internal.enrich;

import java.util.concurrent.atomic.LongAdder;

import org.opencirt.pipeline.Event;
import org.opencirt.pipeline.EventField;
import org.opencirt.pipeline.internal.stage.EventBatch;
import org.opencirt.pipeline.internal.stage.EventSink;

/**
 * The enrichment stage: finds the constituency organisation that owns each event's source, by {@code source.ip}
 * first (longest prefix), then {@code source.asn}, then {@code source.fqdn} (most specific owned suffix), and records
 * it as {@code source.organisation.id} with how it matched. Events nobody owns are passed on all the same and counted
 * as outside, since a national CIRT may still share them with peers.
 */
public final class OwnerEnricher implements EventSink {

    private final OwnerLookup owners;
    private final EventSink next;
    private final LongAdder inside = new LongAdder();
    private final LongAdder outside = new LongAdder();

    public OwnerEnricher(OwnerLookup owners, EventSink next) {
        this.owners = owners;
        this.next = next;
    }

    @Override
    public void accept(EventBatch batch) {
        int found = 0;
        for (int i = 0; i < batch.size(); i++) {
            found += enrich(batch.get(i)) ? 1 : 0;
        }
        inside.add(found);
        outside.add(batch.size() - found);
        next.accept(batch);
    }

    private boolean enrich(Event event) {
        long owner = Event.NO_OWNER;
        if (event.hasSourceIPv4()) {
            owner = owners.ownerOfIPv4(event.sourceIPv4());
        } else if (event.has(EventField.SOURCE_IP)) {
            owner = owners.ownerOfIp(event.get(EventField.SOURCE_IP));
        }
        if (owner >= 0) {
            event.setSourceOwner(owner, "ip");
            return true;
        }
        if (event.has(EventField.SOURCE_ASN)) {
            owner = owners.ownerOfAsn(event.sourceAsn());
            if (owner >= 0) {
                event.setSourceOwner(owner, "asn");
                return true;
            }
        }
        if (event.has(EventField.SOURCE_FQDN)) {
            owner = owners.ownerOfDomain(event.get(EventField.SOURCE_FQDN));
            if (owner >= 0) {
                event.setSourceOwner(owner, "fqdn");
                return true;
            }
        }
        event.setSourceOwner(Event.NO_OWNER, null);
        return false;
    }

    /** Events whose source an organisation of the constituency owns. */
    public long inside() {
        return inside.sum();
    }

    /** Events whose source nobody in the constituency owns; they are kept. */
    public long outside() {
        return outside.sum();
    }
}
