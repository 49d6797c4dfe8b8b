package org.opencirt.incident.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencirt.incident.Observable;
import org.opencirt.incident.ObservableType;

/** IODEF documents of both versions read into reports; hostile and broken documents refused with a reason. */
class IodefParserTests {

    @Test
    void version2IncidentBecomesReportFieldsAndTypedObservables() throws Exception {
        List<IodefParser.Incident> incidents = IodefParser.parse(sample("phishing-v2.xml", "INC-1"));

        assertThat(incidents).hasSize(1);
        IodefParser.Incident incident = incidents.get(0);
        assertThat(incident.sourceRef()).isEqualTo("csirt.example.net#INC-1");
        assertThat(incident.subject()).isEqualTo("Phishing site imitating a Caldera bank INC-1");
        assertThat(incident.occurredAt()).isEqualTo(Instant.parse("2026-11-27T22:40:00Z"));
        assertThat(incident.reporterName()).isEqualTo("Example Net CSIRT");
        assertThat(incident.reporterEmail()).isEqualTo("csirt@csirt.example.net");
        assertThat(incident.affectedSystems()).isEqualTo("2001:db8::25 (tcp/25)");
        assertThat(incident.body()).startsWith("Phishing site imitating a Caldera bank INC-1\n\nIODEF IncidentID: INC-1")
                .contains("ReportTime: 2026-11-28T10:15:00+01:00",
                "Assessment (actual), SystemImpact: severity high, type takeover-account, completion succeeded:"
                        + " Customer credentials harvested",
                "Contact: Example Net CSIRT <csirt@csirt.example.net> tel. +1 555 0100 (creator, organization)",
                "System (source): 192.0.2.77, login-bank.example.com (tcp/443)",
                "Indicator IND-INC-1: Lure mail and its dropper",
                "IPV4 not-an-address");
        assertThat(incident.observables()).extracting(Observable.Input::type, Observable.Input::value,
                Observable.Input::ioc).containsExactlyInAnyOrder(
                tuple(ObservableType.DOMAIN, "login-bank.example.com", false),
                tuple(ObservableType.IPV4, "192.0.2.77", false),
                tuple(ObservableType.IPV6, "2001:db8::25", false),
                tuple(ObservableType.EMAIL, "security@bank-notice.example.org", true),
                tuple(ObservableType.FILE_NAME, "invoice.pdf.exe", true),
                tuple(ObservableType.URL, "http://login-bank.example.com/dl/invoice.pdf.exe", true),
                tuple(ObservableType.FILE_HASH,
                        "aa33248c7336de00146f0144090f914b34ac83636d3309ff067b4554ae4a7452", true));
        assertThat(incident.observables()).noneMatch(o -> o.value().contains("first.org")
                || o.value().contains("csirt@"));
    }

    @Test
    void version1DocumentWithTwoIncidentsGivesTwoReports() throws Exception {
        List<IodefParser.Incident> incidents = IodefParser.parse(sample("scan-v1.xml", "V1"));

        assertThat(incidents).extracting(IodefParser.Incident::sourceRef)
                .containsExactly("cert.example.org#V1-1", "cert.example.org#V1-2");
        IodefParser.Incident scan = incidents.get(0);
        assertThat(scan.reporterEmail()).isEqualTo("cert@cert.example.org");
        assertThat(scan.occurredAt()).isNull();
        assertThat(scan.body()).contains("Assessment, Impact: severity medium, type recon, completion failed",
                "System (source): 198.51.100.23 (tcp/3389)");
        assertThat(scan.affectedSystems()).isEqualTo("203.0.113.0/24, rdp.example.org");
        assertThat(scan.observables()).extracting(Observable.Input::type, Observable.Input::value)
                .containsExactlyInAnyOrder(tuple(ObservableType.IPV4, "198.51.100.23"),
                        tuple(ObservableType.DOMAIN, "rdp.example.org"),
                        tuple(ObservableType.IPV4, "203.0.113.0/24"));
        assertThat(incidents.get(1).observables()).extracting(Observable.Input::type, Observable.Input::value)
                .containsExactly(tuple(ObservableType.ASN, "64500"));
    }

    @Test
    void externalEntityIsNeverResolved(@TempDir Path directory) throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE IODEF-Document [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]>\n<IODEF-Document xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\"><Incident>"
                + "<IncidentID name=\"x\">1</IncidentID><Description>&xxe;</Description></Incident></IODEF-Document>";

        assertThatThrownBy(() -> IodefParser.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IodefParser.UnreadableException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void entityExpansionBombIsRefused() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<IODEF-Document xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\"><Incident><Description>&lol2;"
                + "</Description></Incident></IODEF-Document>";

        assertThatThrownBy(() -> IodefParser.parse(bomb.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IodefParser.UnreadableException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void brokenOrForeignDocumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> IodefParser.parse("<IODEF-Document><Incident>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IodefParser.UnreadableException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> IodefParser.parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IodefParser.UnreadableException.class)
                .hasMessageContaining("{http://www.w3.org/2005/Atom}feed");
        assertThatThrownBy(() -> IodefParser.parse(("<IODEF-Document xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\"/>")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IodefParser.UnreadableException.class).hasMessageContaining("no Incident");
    }

    @Test
    void incidentWithoutIdentifierIsReadButSaysItCannotBeRecognisedAgain() throws Exception {
        IodefParser.Incident incident = IodefParser.parse(("<IODEF-Document xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\">"
                + "<Incident><Description>No id</Description></Incident></IODEF-Document>")
                .getBytes(StandardCharsets.UTF_8)).get(0);

        assertThat(incident.sourceRef()).isNull();
        assertThat(incident.problems()).singleElement().asString().contains("no IncidentID");
    }

    static byte[] sample(String name, String id) {
        try (InputStream in = IodefParserTests.class.getResourceAsStream("/org/opencirt/incident/iodef/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${ID}", id)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
