package org.opencirt.incident.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.opencirt.constituency.AssetValues;
import org.opencirt.incident.ObservableType;

/**
 * Normalises observable values so that the same indicator written two ways correlates: canonical IP text,
 * lower-case IDN-aware domains and e-mail domains, lower-case hex hashes, AS numbers without the AS prefix.
 */
public final class ObservableValues {

    private ObservableValues() {
    }

    /** The normalised value, or an IllegalArgumentException with a message for the user. */
    public static String normalise(ObservableType type, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        String text = value.strip();
        return switch (type) {
            case IPV4, IPV6 -> {
                String cidr = AssetValues.canonicalCidr(text);
                String address = cidr.endsWith("/32") || cidr.endsWith("/128") ? cidr.substring(0, cidr.indexOf('/'))
                        : cidr;
                boolean v6 = address.contains(":");
                if (v6 != (type == ObservableType.IPV6)) {
                    throw new IllegalArgumentException("'" + text + "' is not an " + (v6 ? "IPv4" : "IPv6")
                            + " address; choose type " + (v6 ? "IPV6" : "IPV4"));
                }
                yield address;
            }
            case DOMAIN -> AssetValues.canonicalDomain(text);
            case URL -> {
                AssetValues.hostOfUrl(text);
                yield text;
            }
            case EMAIL -> {
                String domain = AssetValues.domainOfEmail(text);
                yield text.substring(0, text.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT) + domain;
            }
            case FILE_HASH -> {
                String hash = text.toLowerCase(Locale.ROOT);
                if (!hash.matches("[0-9a-f]+") || !(hash.length() == 32 || hash.length() == 40
                        || hash.length() == 64 || hash.length() == 128)) {
                    throw new IllegalArgumentException("'" + text
                            + "' is not an MD5, SHA-1, SHA-256 or SHA-512 hash in hex");
                }
                yield hash;
            }
            case ASN -> AssetValues.canonicalAsn(text);
            case FILE_NAME, OTHER -> text;
        };
    }

    /** A fixed-length key of the normalised value, for the unique index and correlation. */
    public static String key(String normalised) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
