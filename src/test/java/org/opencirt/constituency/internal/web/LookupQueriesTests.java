package org.opencirt.constituency.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencirt.constituency.ResponsibilityLookup.QueryType;

class LookupQueriesTests {

    @ParameterizedTest
    @CsvSource({
        "198.51.100.77, IP",
        "198.51.100.0/24, IP",
        "2001:db8::1, IP",
        "' 2001:db8::/32 ', IP",
        "999.1.1.1, IP",
        "AS64500, ASN",
        "as64500, ASN",
        "64500, ASN",
        "bank.example, DOMAIN",
        "Bücher.example., DOMAIN",
        "ASN.example, DOMAIN",
        "alice@bank.example, EMAIL",
        "https://www.bank.example/login, URL",
        "http://alice@bank.example/, URL"})
    void recognisesWhatWasTyped(String input, QueryType expected) {
        assertThat(LookupQueries.detect(input)).isEqualTo(expected);
    }
}
