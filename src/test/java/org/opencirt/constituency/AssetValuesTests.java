package org.opencirt.constituency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AssetValuesTests {

    private static void assertRejected(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void canonicalCidrKeepsCanonicalPrefixesAndNormalisesIpv6() {
        assertThat(AssetValues.canonicalCidr("192.0.2.0/24")).isEqualTo("192.0.2.0/24");
        assertThat(AssetValues.canonicalCidr(" 10.0.0.0/8\n")).isEqualTo("10.0.0.0/8");
        assertThat(AssetValues.canonicalCidr("2001:0DB8:0000::/32")).isEqualTo("2001:db8::/32");
        assertThat(AssetValues.canonicalCidr("0.0.0.0/0")).isEqualTo("0.0.0.0/0");
        assertThat(AssetValues.canonicalCidr("::/0")).isEqualTo("::/0");
    }

    @Test
    void ipv4MappedIpv6BecomesIpv4() {
        assertThat(AssetValues.canonicalCidr("::ffff:192.0.2.0/120")).isEqualTo("192.0.2.0/24");
        assertThat(AssetValues.canonicalCidr("::FFFF:c000:201")).isEqualTo("192.0.2.1/32");
        assertRejected(() -> AssetValues.canonicalCidr("::ffff:192.0.2.1/120"),
                "192.0.2.1/24 has host bits set; did you mean 192.0.2.0/24?");
    }

    @Test
    void bareAddressBecomesAHostPrefix() {
        assertThat(AssetValues.canonicalCidr("192.0.2.1")).isEqualTo("192.0.2.1/32");
        assertThat(AssetValues.canonicalCidr("2001:db8::1")).isEqualTo("2001:db8::1/128");
    }

    @Test
    void cidrWithHostBitsSetIsRejectedWithASuggestion() {
        assertRejected(() -> AssetValues.canonicalCidr("192.0.2.1/24"),
                "192.0.2.1/24 has host bits set; did you mean 192.0.2.0/24?");
        assertRejected(() -> AssetValues.canonicalCidr("2001:db8::1/32"),
                "2001:db8::1/32 has host bits set; did you mean 2001:db8::/32?");
        assertRejected(() -> AssetValues.canonicalCidr("10.0.0.1/0"),
                "10.0.0.1/0 has host bits set; did you mean 0.0.0.0/0?");
    }

    @Test
    void malformedCidrIsRejected() {
        for (String bad : List.of("256.0.0.0/8", "10.0/8", "010.0.0.0/8", "bank.example",
                "fe80::1%eth0", "10.0.0.0-10.0.0.255", "10.*.0.0")) {
            assertRejected(() -> AssetValues.canonicalCidr(bad),
                    "'" + bad + "' is not an IP address or CIDR range such as 192.0.2.0/24 or 2001:db8::/32");
        }
        assertRejected(() -> AssetValues.canonicalCidr("10.0.0.0/33"),
                "'10.0.0.0/33' has an invalid prefix length: expected /0 to /32 for IPv4, without leading zeros");
        assertRejected(() -> AssetValues.canonicalCidr("10.0.0.0/8/8"),
                "'10.0.0.0/8/8' has an invalid prefix length: expected /0 to /32 for IPv4, without leading zeros");
        assertRejected(() -> AssetValues.canonicalCidr("10.0.0.0/08"),
                "'10.0.0.0/08' has an invalid prefix length: expected /0 to /32 for IPv4, without leading zeros");
        assertRejected(() -> AssetValues.canonicalCidr("2001:db8::/129"),
                "'2001:db8::/129' has an invalid prefix length: expected /0 to /128 for IPv6, without leading zeros");
        assertRejected(() -> AssetValues.canonicalCidr(" "), "The CIDR range is empty");
        assertRejected(() -> AssetValues.canonicalCidr(null), "The CIDR range is empty");
    }

    @Test
    void asnAcceptsPrefixAnyCaseAndAsdot() {
        assertThat(AssetValues.canonicalAsn("AS64500")).isEqualTo("64500");
        assertThat(AssetValues.canonicalAsn("as64500")).isEqualTo("64500");
        assertThat(AssetValues.canonicalAsn("64500")).isEqualTo("64500");
        assertThat(AssetValues.canonicalAsn("1")).isEqualTo("1");
        assertThat(AssetValues.canonicalAsn("4294967295")).isEqualTo("4294967295");
        assertThat(AssetValues.canonicalAsn("AS1.10")).isEqualTo("65546");
        assertThat(AssetValues.parseAsn("AS4200000000")).isEqualTo(4_200_000_000L);
    }

    @Test
    void asnOutOfRangeOrMalformedIsRejected() {
        assertRejected(() -> AssetValues.canonicalAsn("0"), "AS number 0 is reserved; expected 1 to 4294967295");
        assertRejected(() -> AssetValues.canonicalAsn("4294967296"),
                "AS number 4294967296 is out of range; expected 1 to 4294967295 (or asdot 0.1 to 65535.65535)");
        assertRejected(() -> AssetValues.canonicalAsn("1.65536"),
                "AS number 1.65536 is out of range; expected 1 to 4294967295 (or asdot 0.1 to 65535.65535)");
        for (String bad : List.of("AS", "AS-1", "64500a", "AS 64500", "ASN64500", "99999999999", "1.", ".1")) {
            assertRejected(() -> AssetValues.canonicalAsn(bad),
                    "'" + bad + "' is not an AS number such as 64500 or AS64500");
        }
        assertRejected(() -> AssetValues.canonicalAsn(""), "The AS number is empty");
    }

    @Test
    void domainIsLowerCasedWithoutTrailingDot() {
        assertThat(AssetValues.canonicalDomain("Bank.Example.")).isEqualTo("bank.example");
        assertThat(AssetValues.canonicalDomain("lu")).isEqualTo("lu");
        assertThat(AssetValues.canonicalDomain("_dmarc.bank.example")).isEqualTo("_dmarc.bank.example");
        assertThat(AssetValues.canonicalDomain("1-2.example")).isEqualTo("1-2.example");
    }

    @Test
    void internationalisedDomainBecomesPunycode() {
        assertThat(AssetValues.canonicalDomain("Bücher.Example")).isEqualTo("xn--bcher-kva.example");
        assertThat(AssetValues.canonicalDomain("xn--bcher-kva.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(AssetValues.canonicalDomain("例え.テスト")).isEqualTo("xn--r8jz45g.xn--zckzah");
    }

    @Test
    void malformedDomainIsRejected() {
        assertThatThrownBy(() -> AssetValues.canonicalDomain("a..b"))
                .hasMessageStartingWith("'a..b' is not a valid domain name: ");
        assertRejected(() -> AssetValues.canonicalDomain("a.b.."),
                "'a.b..' is not a valid domain name: each label between dots must have 1 to 63 characters");
        assertRejected(() -> AssetValues.canonicalDomain("-bank.example"),
                "'-bank.example' is not a valid domain name: a label cannot start or end with a hyphen");
        assertRejected(() -> AssetValues.canonicalDomain("bank-.example"),
                "'bank-.example' is not a valid domain name: a label cannot start or end with a hyphen");
        assertRejected(() -> AssetValues.canonicalDomain("ba nk.example"),
                "'ba nk.example' is not a valid domain name: ' ' is not allowed");
        assertThatThrownBy(() -> AssetValues.canonicalDomain("a".repeat(64) + ".example"))
                .hasMessageStartingWith("'" + "a".repeat(64) + ".example' is not a valid domain name: ");
        assertRejected(() -> AssetValues.canonicalDomain(("a".repeat(60) + ".").repeat(5) + "example"),
                "'" + ("a".repeat(60) + ".").repeat(5) + "example' is not a valid domain name: it must have 1 to 253 "
                        + "characters");
        assertRejected(() -> AssetValues.canonicalDomain("192.0.2.1"),
                "'192.0.2.1' looks like an IP address, not a domain name; give it as a CIDR range");
        assertRejected(() -> AssetValues.canonicalDomain("https://bank.example/"),
                "'https://bank.example/' is not a domain name; for a URL or an e-mail address give only the part "
                        + "after // or @");
        assertRejected(() -> AssetValues.canonicalDomain("."),
                "'.' is not a valid domain name: it must have 1 to 253 characters");
    }

    @Test
    void urlIsLookedUpByItsHost() {
        assertThat(AssetValues.hostOfUrl("https://User:pw@WWW.Bank.Example:8443/login?next=/#top"))
                .isEqualTo("www.bank.example");
        assertThat(AssetValues.hostOfUrl("http://bank.example")).isEqualTo("bank.example");
        assertThat(AssetValues.hostOfUrl("bank.example/login")).isEqualTo("bank.example");
        assertThat(AssetValues.hostOfUrl("//bank.example.:80")).isEqualTo("bank.example");
        assertThat(AssetValues.hostOfUrl("http://bank.example?q=a@b")).isEqualTo("bank.example");
        assertThat(AssetValues.hostOfUrl("https://bücher.example/")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void urlWithAnIpLiteralHostYieldsTheAddress() {
        assertThat(AssetValues.hostOfUrl("http://192.0.2.1/x")).isEqualTo("192.0.2.1");
        assertThat(AssetValues.hostOfUrl("http://[2001:DB8:0::1]:8080/")).isEqualTo("2001:db8::1");
        assertThat(AssetValues.hostOfUrl("http://0x7f.1/")).isEqualTo("127.0.0.1");
        assertThat(AssetValues.hostOfUrl("http://3232235777/")).isEqualTo("192.168.1.1");
    }

    @Test
    void urlWithoutAUsableHostIsRejected() {
        assertRejected(() -> AssetValues.hostOfUrl("http:///path"), "'http:///path' has no host");
        assertRejected(() -> AssetValues.hostOfUrl("http://user@:80/"), "'http://user@:80/' has no host");
        assertRejected(() -> AssetValues.hostOfUrl("http://bank.example:http/"),
                "'http://bank.example:http/' has an invalid port 'http'");
        assertRejected(() -> AssetValues.hostOfUrl("http://[2001:db8::1/"),
                "'http://[2001:db8::1/' has an IPv6 host without closing ']'");
        assertRejected(() -> AssetValues.hostOfUrl("http://[bank.example]/"),
                "'http://[bank.example]/' has an invalid IP address literal 'bank.example'");
        assertRejected(() -> AssetValues.hostOfUrl("http://1.2.3.4.5/"),
                "'http://1.2.3.4.5/' has a host '1.2.3.4.5' that is neither a domain name nor an IPv4 address");
        assertRejected(() -> AssetValues.hostOfUrl(""), "The URL is empty");
    }

    @Test
    void emailIsLookedUpByItsDomain() {
        assertThat(AssetValues.domainOfEmail("Alice@Bank.Example")).isEqualTo("bank.example");
        assertThat(AssetValues.domainOfEmail("Alice Smith <alice@mail.bank.example>")).isEqualTo("mail.bank.example");
        assertThat(AssetValues.domainOfEmail("\"a@b\"@bank.example")).isEqualTo("bank.example");
        assertThat(AssetValues.domainOfEmail("alice@[192.0.2.1]")).isEqualTo("192.0.2.1");
        assertThat(AssetValues.domainOfEmail("alice@[IPv6:2001:db8::1]")).isEqualTo("2001:db8::1");
    }

    @Test
    void malformedEmailIsRejected() {
        for (String bad : List.of("alice", "@bank.example", "alice@")) {
            assertRejected(() -> AssetValues.domainOfEmail(bad),
                    "'" + bad + "' is not an e-mail address such as alice@bank.example");
        }
        assertThatThrownBy(() -> AssetValues.domainOfEmail("alice@bank..example"))
                .hasMessageStartingWith("'bank..example' is not a valid domain name: ");
        assertRejected(() -> AssetValues.domainOfEmail("alice@[999.0.0.1]"),
                "'alice@[999.0.0.1]' has an invalid IP address literal '999.0.0.1'");
    }

    @Test
    void canonicalDispatchesOnKind() {
        assertThat(AssetValues.canonical(AssetKind.CIDR, "192.0.2.7")).isEqualTo("192.0.2.7/32");
        assertThat(AssetValues.canonical(AssetKind.ASN, "AS64500")).isEqualTo("64500");
        assertThat(AssetValues.canonical(AssetKind.DOMAIN, "Bank.Example")).isEqualTo("bank.example");
    }
}
