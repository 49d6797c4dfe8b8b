package org.opencirt.pipeline;

/** How the value of a field is validated and normalised; see {@link FieldValues} for the rules. */
enum FieldType {
    IP, NETWORK, PORT, ASN, FQDN, URL, DATETIME, COUNTRY, ACCURACY, TRANSPORT, LOWERCASE, TEXT, IDENTIFIER,
    MD5, SHA1, SHA256, TLP, TAXONOMY, CLASSIFICATION_TYPE, RAW;

    /**
     * The canonical text of a value.
     *
     * @throws IllegalArgumentException with a message saying what was expected
     */
    String normalise(String value) {
        return switch (this) {
            case IP -> FieldValues.ip(value);
            case NETWORK -> FieldValues.network(value);
            case PORT -> FieldValues.port(value);
            case ASN -> FieldValues.asn(value);
            case FQDN -> FieldValues.fqdn(value);
            case URL -> FieldValues.url(value);
            case DATETIME -> FieldValues.dateTime(value);
            case COUNTRY -> FieldValues.country(value);
            case ACCURACY -> FieldValues.accuracy(value);
            case TRANSPORT -> FieldValues.transport(value);
            case LOWERCASE, IDENTIFIER -> FieldValues.lowercase(value);
            case TEXT -> FieldValues.text(value);
            case MD5 -> FieldValues.hex(value, 32, "an MD5 hash");
            case SHA1 -> FieldValues.hex(value, 40, "a SHA-1 hash");
            case SHA256 -> FieldValues.hex(value, 64, "a SHA-256 hash");
            case TLP -> FieldValues.tlp(value);
            case TAXONOMY -> FieldValues.taxonomy(value);
            case CLASSIFICATION_TYPE -> FieldValues.classificationType(value);
            case RAW -> value;
        };
    }
}
