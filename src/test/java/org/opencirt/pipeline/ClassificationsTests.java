package org.opencirt.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ClassificationsTests {

    @Test
    void everyRsitTypeBelongsToItsRsitClass() throws IOException {
        JsonNode rsit;
        try (InputStream in = org.opencirt.common.Rsit.class.getResourceAsStream("rsit.json")) {
            rsit = JsonMapper.builder().build().readTree(in);
        }
        int types = 0;
        for (JsonNode rsitClass : rsit.get("classes")) {
            for (JsonNode type : rsitClass.get("types")) {
                assertThat(Classifications.resolve(type.get("id").asString()))
                        .isEqualTo(new Classification(rsitClass.get("id").asString(), type.get("id").asString()));
                types++;
            }
        }
        assertThat(types).isGreaterThanOrEqualTo(36);
        assertThat(Classifications.taxonomies()).hasSize(11).contains("malicious-code", "vulnerable", "other");
    }

    @ParameterizedTest(name = "IntelMQ {0} is RSIT {1} / {2}")
    @CsvSource({
        "unauthorized-use-of-resources, fraud, unauthorised-use-of-resources",
        "infected-system, malicious-code, infected-system",
        "vulnerable-system, vulnerable, vulnerable-system",
        "scanner, information-gathering, scanner",
        "c2-server, malicious-code, c2-server",
        "malware-distribution, malicious-code, malware-distribution",
        "phishing, fraud, phishing",
        "ddos, availability, ddos",
        "ddos-amplifier, vulnerable, ddos-amplifier",
        "spam, abusive-content, spam",
        "brute-force, intrusion-attempts, brute-force",
        "blacklist, other, blacklist",
        "dga-domain, other, dga-domain",
        "malware, other, malware",
        "proxy, other, proxy",
        "tor, other, tor",
        "other, other, other",
        "unknown, other, undetermined",
        "botnet drone, malicious-code, infected-system",
        "Vulnerable Service, vulnerable, vulnerable-system",
        "compromised, intrusions, system-compromise",
    })
    void intelMqTypesMapToRsit(String intelMqType, String taxonomy, String type) {
        assertThat(Classifications.resolve(intelMqType)).isEqualTo(new Classification(taxonomy, type));
    }

    @Test
    void unknownTypeHasNoClassification() {
        assertThat(Classifications.resolve("nonsense")).isNull();
    }
}
