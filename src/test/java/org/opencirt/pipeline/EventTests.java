package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EventTests {

    @ParameterizedTest(name = "{0} ''{1}'' becomes ''{2}''")
    @CsvSource(delimiter = '|', value = {
        "source.ip | 192.0.2.1 | 192.0.2.1",
        "source.ip | ' 192.0.2.1 ' | 192.0.2.1",
        "source.ip | 2001:DB8:0:0:0:0:0:1 | 2001:db8::1",
        "source.ip | ::ffff:192.0.2.1 | 192.0.2.1",
        "source.network | 2001:db8::/32 | 2001:db8::/32",
        "source.port | 0443 | 443",
        "source.asn | AS64500 | 64500",
        "source.asn | 64500 | 64500",
        "source.fqdn | Bank.Example. | bank.example",
        "source.fqdn | bücher.example | xn--bcher-kva.example",
        "source.url | hxxp://bad.example/x | http://bad.example/x",
        "source.url | HTTPS://bad.example/X | https://bad.example/X",
        "time.source | 2026-11-24 10:00:00 | 2026-11-24T10:00:00+00:00",
        "time.source | 2026-11-24T10:00:00Z | 2026-11-24T10:00:00+00:00",
        "time.source | 2026-11-24T10:00:00.250Z | 2026-11-24T10:00:00.250000+00:00",
        "time.source | 2026-11-24T11:30:00+01:00 | 2026-11-24T10:30:00+00:00",
        "time.source | 2026-11-24 11:30:00 +0100 | 2026-11-24T10:30:00+00:00",
        "time.source | 1795946400 | 2026-11-29T10:00:00+00:00",
        "source.geolocation.cc | lu | LU",
        "protocol.transport | TCP | tcp",
        "malware.name | Emotet | emotet",
        "malware.hash.md5 | D41D8CD98F00B204E9800998ECF8427E | d41d8cd98f00b204e9800998ecf8427e",
        "tlp | tlp:amber | AMBER",
        "feed.accuracy | 90 | 90.0",
    })
    void valuesAreNormalised(String key, String input, String canonical) {
        EventField field = EventField.ofKey(key);

        assertThat(new Event().set(field, input).get(field)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "source.ip | 192.0.2.256 | source.ip: '192.0.2.256' is not an IP address such as 192.0.2.1 or 2001:db8::1",
        "source.ip | 192.0.2.01 | source.ip: '192.0.2.01' is not an IP address such as 192.0.2.1 or 2001:db8::1",
        "source.port | 65536 | source.port: '65536' is not a port number (0 to 65535)",
        "source.asn | 0 | source.asn: '0' is not an AS number (1 to 4294967295)",
        "source.geolocation.cc | QQ | source.geolocation.cc: 'QQ' is not an ISO 3166-1 alpha-2 country code",
        "time.source | 2026-02-30 10:00:00 | time.source: '2026-02-30 10:00:00' is not a date and time such as "
            + "2026-11-24 10:00:00 or 2026-11-24T10:00:00+01:00",
        "source.url | bad.example/x | source.url: 'bad.example/x' is not an absolute URL such as "
            + "http://host.example/path",
        "protocol.transport | carrier-pigeon | protocol.transport: 'carrier-pigeon' is not a transport protocol; "
            + "expected one of ah, esp, gre, icmp, igmp, ip, ipv6, ipv6-icmp, sctp, tcp, udp",
        "classification.type | nonsense | classification.type: 'nonsense' is not an RSIT or IntelMQ classification "
            + "type",
        "malware.hash.sha1 | abc | malware.hash.sha1: 'abc' is not a SHA-1 hash (40 hexadecimal digits)",
    })
    void invalidValuesAreRejectedWithTheFieldAndWhatWasExpected(String key, String input, String message) {
        assertThatThrownBy(() -> new Event().set(EventField.ofKey(key), input))
                .isInstanceOf(InvalidValueException.class).hasMessage(message);
    }

    @Test
    void hostNameThatIsAnAddressIsNotAnFqdn() {
        assertThatThrownBy(() -> new Event().set(EventField.SOURCE_FQDN, "192.0.2.1"))
                .hasMessageStartingWith("source.fqdn: ");
    }

    @Test
    void blankValuesAreIgnoredAsInIntelMq() {
        Event event = new Event().set(EventField.SOURCE_PORT, "80").set(EventField.SOURCE_PORT, " ");

        assertThat(event.get(EventField.SOURCE_PORT)).isEqualTo("80");
    }

    @Test
    void classificationTypeSetsTheRsitTaxonomy() {
        Event event = new Event().set(EventField.CLASSIFICATION_TYPE, "phishing");

        assertThat(event.get(EventField.CLASSIFICATION_TAXONOMY)).isEqualTo("fraud");
        assertThat(event.classification()).isEqualTo(new Classification("fraud", "phishing"));
    }

    @Test
    void ipv4SourceIsKeptAsBitsForTheEnrichmentHotPath() {
        Event event = new Event().set(EventField.SOURCE_IP, "192.0.2.1");

        assertThat(event.hasSourceIPv4()).isTrue();
        assertThat(event.sourceIPv4()).isEqualTo(0xC0000201);
        assertThat(new Event().set(EventField.SOURCE_IP, "2001:db8::1").hasSourceIPv4()).isFalse();
    }

    @Test
    void exportWritesFlatIntelMqKeysWithNumbersAndTheOwnerAsExtra() {
        Event event = new Event().set(EventField.SOURCE_IP, "192.0.2.1").set(EventField.SOURCE_PORT, "80")
                .set(EventField.CLASSIFICATION_TYPE, "scanner").set(EventField.RAW, "a \"line\"")
                .setExtra("tag", "x");
        event.setSourceOwner(42, "ip");

        assertThat(IntelMqJson.toJsonLine(event)).isEqualTo("{\"classification.taxonomy\": "
                + "\"information-gathering\", \"classification.type\": \"scanner\", \"extra.source.organisation.id\": "
                + "42, \"extra.source.organisation.matched_by\": \"ip\", \"extra.tag\": \"x\", \"raw\": "
                + "\"YSAibGluZSI=\", \"source.ip\": \"192.0.2.1\", \"source.port\": 80}");
    }
}
