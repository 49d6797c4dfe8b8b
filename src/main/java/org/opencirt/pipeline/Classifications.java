package org.opencirt.pipeline;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.opencirt.common.Rsit;

/**
 * The one table from classification type to RSIT taxonomy. The RSIT classes and types are read from the ENISA RSIT
 * file shipped with OpenCIRT ({@link Rsit}); on top of them, the IntelMQ type names that differ from RSIT
 * (spelling, extra types, names from IntelMQ 1.x and 2.x) are mapped here, so that events from any IntelMQ-style
 * source end up in one vocabulary.
 */
public final class Classifications {

    /**
     * IntelMQ type names that are not RSIT type ids: type as IntelMQ writes it, then the RSIT taxonomy, then the type
     * stored (the RSIT id where RSIT has one, else IntelMQ's own name under {@code other}).
     */
    private static final String[][] INTELMQ_TYPES = {
        {"unauthorized-use-of-resources", "fraud", "unauthorised-use-of-resources"},
        {"unauthorized-information-access", "information-content-security", "unauthorised-information-access"},
        {"unauthorized-information-modification", "information-content-security",
            "unauthorised-information-modification"},
        {"blacklist", "other", "blacklist"},
        {"dga-domain", "other", "dga-domain"},
        {"malware", "other", "malware"},
        {"proxy", "other", "proxy"},
        {"tor", "other", "tor"},
        {"unknown", "other", "undetermined"},
        {"botnet drone", "malicious-code", "infected-system"},
        {"ransomware", "malicious-code", "infected-system"},
        {"backdoor", "intrusions", "system-compromise"},
        {"compromised", "intrusions", "system-compromise"},
        {"defacement", "intrusions", "application-compromise"},
        {"vulnerable service", "vulnerable", "vulnerable-system"},
        {"vulnerable client", "vulnerable", "vulnerable-system"},
        {"leak", "information-content-security", "data-leak"},
        {"ids alert", "intrusion-attempts", "ids-alert"},
        {"c&c", "malicious-code", "c2-server"},
    };

    private static final Map<String, Classification> BY_TYPE = new HashMap<>();
    private static final Set<String> TAXONOMIES = new TreeSet<>();

    static {
        loadRsit();
        for (String[] row : INTELMQ_TYPES) {
            Classification target = BY_TYPE.get(row[2]);
            BY_TYPE.put(row[0], target != null ? target : new Classification(row[1], row[2]));
            if (target == null) {
                BY_TYPE.put(row[2], BY_TYPE.get(row[0]));
            }
        }
    }

    private Classifications() {
    }

    private static void loadRsit() {
        for (Rsit.Type type : Rsit.types().values()) {
            TAXONOMIES.add(type.taxonomy());
            BY_TYPE.put(type.id(), new Classification(type.taxonomy(), type.id()));
        }
    }

    /**
     * The classification of an RSIT or IntelMQ type name (any case, surrounding spaces ignored).
     *
     * @return the RSIT taxonomy and the type to store, or null when the name is unknown
     */
    public static Classification resolve(String type) {
        Classification found = BY_TYPE.get(type);
        return found != null ? found : BY_TYPE.get(type.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether this is an RSIT class id such as {@code malicious-code}. */
    public static boolean isTaxonomy(String taxonomy) {
        return TAXONOMIES.contains(taxonomy);
    }

    /** The type names events are stored with (RSIT type ids, and IntelMQ's own under other), sorted. */
    public static Set<String> types() {
        Set<String> types = new TreeSet<>();
        BY_TYPE.values().forEach(classification -> types.add(classification.type()));
        return types;
    }

    /** The RSIT class ids, sorted. */
    public static Set<String> taxonomies() {
        return Collections.unmodifiableSet(TAXONOMIES);
    }
}
