package org.opencirt.constituency.internal.web;

import java.util.regex.Pattern;
import org.opencirt.constituency.ResponsibilityLookup.QueryType;

/**
 * Guesses what a person typed into the one lookup box, so that they need not say whether it is an address, an
 * AS number, a domain, a URL or an e-mail address. The guess only picks the parser; the parser then says
 * precisely what is wrong with malformed input.
 */
final class LookupQueries {

    private static final Pattern ASN = Pattern.compile("(?i)AS\\d+|\\d+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,3})?");

    private LookupQueries() {
    }

    /**
     * URL if it has a scheme ({@code ://}), checked first because a URL may carry user information with '@';
     * e-mail if it contains '@'; ASN for {@code AS64500} or bare digits; IP for a dotted quad or anything with
     * ':' (IPv6), optionally with a prefix length; otherwise a domain.
     */
    static QueryType detect(String input) {
        String text = input.strip();
        if (text.contains("://")) {
            return QueryType.URL;
        }
        if (text.contains("@")) {
            return QueryType.EMAIL;
        }
        if (ASN.matcher(text).matches()) {
            return QueryType.ASN;
        }
        if (text.contains(":") || IPV4.matcher(text).matches()) {
            return QueryType.IP;
        }
        return QueryType.DOMAIN;
    }
}
