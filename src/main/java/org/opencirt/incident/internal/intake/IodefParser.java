package org.opencirt.incident.internal.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.opencirt.constituency.EmailAddresses;
import org.opencirt.incident.Observable;
import org.opencirt.incident.ObservableType;
import org.opencirt.incident.internal.ObservableValues;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads IODEF documents (RFC 7970, and RFC 5070 version 1 where they agree) into what a report needs: one entry per
 * {@code Incident}, with its IncidentID, times, descriptions, assessment, reporting contact, systems and indicators
 * turned into text and observables. The JDK's parser runs with DTDs forbidden, so no entity (external or internal)
 * is ever expanded: an XXE or entity-expansion payload is refused as unreadable.
 */
public final class IodefParser {

    static final Set<String> NAMESPACES = Set.of("urn:ietf:params:xml:ns:iodef-2.0",
            "urn:ietf:params:xml:ns:iodef-1.0");
    private static final int SUBJECT_MAX = 200;
    private static final int NAME_MAX = 200;
    private static final int AFFECTED_MAX = 4000;

    private IodefParser() {
    }

    /** One IODEF Incident as a report. {@code problems} lists what was present but could not be read. */
    public record Incident(String idName, String idValue, String subject, String body, Instant occurredAt,
            String reporterName, String reporterEmail, String affectedSystems, List<Observable.Input> observables,
            List<String> problems) {

        /** The sender's identifier of the incident, {@code name#value}, or null without an IncidentID. */
        public String sourceRef() {
            if (idValue == null) {
                return null;
            }
            String ref = (idName == null ? "" : idName) + "#" + idValue;
            return ref.length() <= 200 ? ref : "sha256:" + sha256(ref);
        }
    }

    /** A document that cannot be read as IODEF, with the reason in words a sender can act on. */
    public static final class UnreadableException extends Exception {

        public UnreadableException(String message) {
            super(message);
        }
    }

    /** Parses a document; every Incident in it becomes one entry. */
    public static List<Incident> parse(byte[] xml) throws UnreadableException {
        Element root = read(xml).getDocumentElement();
        if (!"IODEF-Document".equals(root.getLocalName())
                || (root.getNamespaceURI() != null && !NAMESPACES.contains(root.getNamespaceURI()))) {
            throw new UnreadableException("the root element is " + qualified(root)
                    + ", not IODEF-Document in namespace urn:ietf:params:xml:ns:iodef-2.0 (or -1.0)");
        }
        List<Element> incidents = children(root, "Incident");
        if (incidents.isEmpty()) {
            throw new UnreadableException("the document holds no Incident element");
        }
        List<Incident> result = new ArrayList<>();
        for (Element incident : incidents) {
            result.add(incident(incident));
        }
        return result;
    }

    private static Document read(byte[] xml) throws UnreadableException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed (" + systemId + ")");
            });
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // warnings do not stop reading
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new UnreadableException("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage());
        } catch (SAXException e) {
            throw new UnreadableException("not readable XML: " + e.getMessage());
        } catch (IOException e) {
            throw new UnreadableException("not readable: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
    }

    // ------------------------------------------------------------------ one Incident

    private static Incident incident(Element incident) {
        List<String> problems = new ArrayList<>();
        Element id = child(incident, "IncidentID");
        String idValue = id == null ? null : text(id);
        String idName = id == null ? null : blankToNull(id.getAttribute("name"));
        if (idValue == null) {
            problems.add("the Incident has no IncidentID, so a second import cannot be recognised");
        }
        List<String> descriptions = children(incident, "Description").stream().map(IodefParser::text)
                .filter(t -> t != null).toList();
        String subject = descriptions.isEmpty() ? "IODEF incident" + (idValue == null ? "" : " " + idName + "#"
                + idValue) : oneLine(descriptions.get(0), SUBJECT_MAX);

        StringBuilder body = new StringBuilder();
        descriptions.forEach(d -> paragraph(body, d));
        if (!body.isEmpty()) {
            body.append("\n\n");
        }
        line(body, "IODEF IncidentID", idValue == null ? null : idValue + (idName == null ? "" : " (" + idName + ")"));
        line(body, "Purpose", blankToNull(incident.getAttribute("purpose")));
        line(body, "Restriction", blankToNull(incident.getAttribute("restriction")));
        for (String time : List.of("ReportTime", "GenerationTime", "DetectTime", "StartTime", "EndTime")) {
            Element element = child(incident, time);
            line(body, time, element == null ? null : text(element));
        }
        assessment(incident, body);

        Element reporter = reporter(incident);
        String reporterName = reporter == null ? null : limit(textOf(child(reporter, "ContactName")), NAME_MAX);
        String reporterEmail = reporter == null ? null : contactEmail(reporter);
        for (Element contact : children(incident, "Contact")) {
            line(body, "Contact", contact(contact));
        }

        Map<String, Observable.Input> observables = new LinkedHashMap<>();
        Set<String> affected = new LinkedHashSet<>();
        for (Element event : descendants(incident, "EventData")) {
            for (Element description : children(event, "Description")) {
                line(body, "Event", text(description));
            }
        }
        for (Element system : descendants(incident, "System")) {
            if (insideAny(system, "Contact")) {
                continue;
            }
            String category = blankToNull(system.getAttribute("category"));
            List<String> values = new ArrayList<>();
            boolean indicator = insideAny(system, "IndicatorData");
            collect(system, indicator, "IODEF " + (category == null ? "" : category + " ") + "system", observables,
                    values, problems);
            String services = services(system);
            if (!values.isEmpty()) {
                line(body, "System" + (category == null ? "" : " (" + category + ")"), String.join(", ", values)
                        + services);
                if ("target".equals(category)) {
                    affected.add(String.join(", ", values) + services);
                }
            }
        }
        for (Element indicator : descendants(incident, "Indicator")) {
            Element indicatorId = child(indicator, "IndicatorID");
            String name = indicatorId == null ? null : text(indicatorId);
            line(body, "Indicator" + (name == null ? "" : " " + name), textOf(child(indicator, "Description")));
            collect(indicator, true, "IODEF indicator" + (name == null ? "" : " " + name), observables,
                    new ArrayList<>(), problems);
        }
        // whatever else the document names outside systems and indicators (EventData records, Observable trees)
        collect(incident, false, "IODEF incident", observables, new ArrayList<>(), problems);

        if (!problems.isEmpty()) {
            paragraph(body, "Not understood:\n- " + String.join("\n- ", problems));
        }
        String affectedText = affected.isEmpty() ? null : limit(String.join("; ", affected), AFFECTED_MAX);
        return new Incident(idName, idValue, subject, body.toString().strip(), occurredAt(incident), reporterName,
                reporterEmail, affectedText, List.copyOf(observables.values()), List.copyOf(problems));
    }

    /** When it happened: the incident's start or detection time, else the first event's. */
    private static Instant occurredAt(Element incident) {
        for (String name : List.of("StartTime", "DetectTime")) {
            Instant time = time(textOf(child(incident, name)));
            if (time != null) {
                return time;
            }
        }
        for (Element event : descendants(incident, "EventData")) {
            for (String name : List.of("StartTime", "DetectTime")) {
                Instant time = time(textOf(child(event, name)));
                if (time != null) {
                    return time;
                }
            }
        }
        return null;
    }

    private static void assessment(Element incident, StringBuilder body) {
        for (Element assessment : children(incident, "Assessment")) {
            String occurrence = blankToNull(assessment.getAttribute("occurrence"));
            for (String impactName : List.of("SystemImpact", "Impact", "BusinessImpact", "IntendedImpact")) {
                for (Element impact : children(assessment, impactName)) {
                    StringBuilder text = new StringBuilder();
                    for (String attribute : List.of("severity", "type", "completion")) {
                        String value = blankToNull(impact.getAttribute(attribute));
                        if (value != null) {
                            text.append(text.isEmpty() ? "" : ", ").append(attribute).append(' ').append(value);
                        }
                    }
                    String description = textOf(child(impact, "Description"));
                    if (description == null && child(impact, "Description") == null) {
                        description = text(impact);
                    }
                    if (description != null) {
                        text.append(text.isEmpty() ? "" : ": ").append(description);
                    }
                    line(body, "Assessment" + (occurrence == null ? "" : " (" + occurrence + ")") + ", "
                            + impactName, text.toString());
                }
            }
        }
    }

    // ------------------------------------------------------------------ contacts

    /** The contact that made the report: role creator, else the first contact. */
    private static Element reporter(Element incident) {
        List<Element> contacts = children(incident, "Contact");
        return contacts.stream().filter(c -> "creator".equals(c.getAttribute("role"))).findFirst()
                .orElse(contacts.isEmpty() ? null : contacts.get(0));
    }

    private static String contactEmail(Element contact) {
        for (Element email : children(contact, "Email")) {
            // version 2 wraps the address in EmailTo; version 1 has it as the element's text
            String address = child(email, "EmailTo") != null ? textOf(child(email, "EmailTo")) : text(email);
            if (address != null && EmailAddresses.isValid(address)) {
                return address;
            }
        }
        return null;
    }

    private static String contact(Element contact) {
        List<String> parts = new ArrayList<>();
        String name = textOf(child(contact, "ContactName"));
        if (name != null) {
            parts.add(name);
        }
        String email = contactEmail(contact);
        if (email != null) {
            parts.add("<" + email + ">");
        }
        Element telephone = child(contact, "Telephone");
        // version 2 wraps the number in TelephoneNumber; version 1 has it as the element's text
        String number = child(telephone, "TelephoneNumber") != null ? textOf(child(telephone, "TelephoneNumber"))
                : textOf(telephone);
        if (number != null) {
            parts.add("tel. " + number);
        }
        String role = blankToNull(contact.getAttribute("role"));
        String type = blankToNull(contact.getAttribute("type"));
        if (role != null || type != null) {
            parts.add("(" + (role == null ? "" : role) + (role != null && type != null ? ", " : "")
                    + (type == null ? "" : type) + ")");
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    // ------------------------------------------------------------------ observables

    /**
     * Adds the observables found under {@code scope} (addresses, domain names, e-mail addresses, URLs, file hashes
     * and names), skipping contacts and documentation references; a value already found keeps its first role.
     */
    private static void collect(Element scope, boolean ioc, String role, Map<String, Observable.Input> found,
            List<String> values, List<String> problems) {
        for (Element address : descendants(scope, "Address")) {
            if (!relevant(address)) {
                continue;
            }
            String value = text(address);
            String category = blankToNull(address.getAttribute("category"));
            ObservableType type = addressType(category, value);
            if (type == null) {
                if (value != null && !"mac".equals(category) && !"atm".equals(category)) {
                    note(problems, "address category " + category + " of " + value + " is not kept as an observable");
                }
                continue;
            }
            add(found, values, problems, type, value, ioc || insideAny(address, "IndicatorData"), role);
        }
        for (Element name : descendants(scope, "Name")) {
            if (relevant(name) && "DomainData".equals(localName(name.getParentNode()))) {
                add(found, values, problems, ObservableType.DOMAIN, text(name),
                        ioc || insideAny(name, "IndicatorData"), role);
            }
        }
        for (Element nodeName : descendants(scope, "NodeName")) {
            if (relevant(nodeName)) {
                add(found, values, problems, ObservableType.DOMAIN, text(nodeName), ioc, role);
            }
        }
        for (String field : List.of("EmailFrom", "EmailTo")) {
            for (Element email : descendants(scope, field)) {
                if (relevant(email) && "EmailData".equals(localName(email.getParentNode()))) {
                    add(found, values, problems, ObservableType.EMAIL, text(email),
                            ioc || insideAny(email, "IndicatorData"), role);
                }
            }
        }
        for (Element url : descendants(scope, "URL")) {
            if (relevant(url)) {
                add(found, values, problems, ObservableType.URL, text(url), ioc || insideAny(url, "IndicatorData"),
                        role);
            }
        }
        for (Element digest : descendants(scope, "DigestValue")) {
            if (relevant(digest)) {
                add(found, values, problems, ObservableType.FILE_HASH, hex(text(digest)),
                        ioc || insideAny(digest, "IndicatorData"), role);
            }
        }
        for (Element fileName : descendants(scope, "FileName")) {
            if (relevant(fileName)) {
                add(found, values, problems, ObservableType.FILE_NAME, text(fileName),
                        ioc || insideAny(fileName, "IndicatorData"), role);
            }
        }
    }

    private static void add(Map<String, Observable.Input> found, List<String> values, List<String> problems,
            ObservableType type, String value, boolean ioc, String role) {
        if (value == null) {
            return;
        }
        String normalised;
        try {
            normalised = ObservableValues.normalise(type, value);
        } catch (IllegalArgumentException e) {
            note(problems, type + " " + limit(value, 200) + ": " + e.getMessage());
            return;
        }
        if (normalised.length() > 2000) {
            note(problems, type + " longer than 2000 characters is not kept as an observable");
            return;
        }
        values.add(normalised);
        found.putIfAbsent(type + " " + normalised.toLowerCase(Locale.ROOT),
                new Observable.Input(type, normalised, ioc, role, null, null));
    }

    /** RFC 7970 address categories; version 1 and a missing category are read by the value's form. */
    private static ObservableType addressType(String category, String value) {
        if (category == null) {
            return value != null && value.contains(":") ? ObservableType.IPV6 : ObservableType.IPV4;
        }
        return switch (category) {
            case "ipv4-addr", "ipv4-net", "ipv4-net-masked" -> ObservableType.IPV4;
            case "ipv6-addr", "ipv6-net", "ipv6-net-masked" -> ObservableType.IPV6;
            case "e-mail" -> ObservableType.EMAIL;
            case "asn" -> ObservableType.ASN;
            case "site-uri" -> ObservableType.URL;
            default -> null;
        };
    }

    /** Ports and protocols of a system's services, as {@code  (tcp/80, udp/53)}. */
    private static String services(Element system) {
        List<String> services = new ArrayList<>();
        for (Element service : children(system, "Service")) {
            // version 2 spells the attribute ip-protocol, version 1 ip_protocol
            String number = service.hasAttribute("ip-protocol") ? service.getAttribute("ip-protocol")
                    : service.getAttribute("ip_protocol");
            String protocol = switch (number) {
                case "6" -> "tcp";
                case "17" -> "udp";
                case "1" -> "icmp";
                case "" -> "";
                default -> "proto " + number;
            };
            String port = textOf(child(service, "Port"));
            String ports = port != null ? port : textOf(child(service, "Portlist"));
            String text = protocol + (ports == null ? "" : (protocol.isEmpty() ? "port " : "/") + ports);
            if (!text.isBlank()) {
                services.add(text);
            }
        }
        return services.isEmpty() ? "" : " (" + String.join(", ", services) + ")";
    }

    /** Contacts and documentation references name people and papers, not what was involved. */
    private static boolean relevant(Element element) {
        return !insideAny(element, "Contact", "Reference");
    }

    /** A digest in hex: xmldsig sends base64; some senders write hex already. */
    private static String hex(String digest) {
        if (digest == null) {
            return null;
        }
        String compact = digest.replaceAll("\\s+", "");
        if (compact.matches("[0-9a-fA-F]+") && (compact.length() == 32 || compact.length() == 40
                || compact.length() == 64 || compact.length() == 128)) {
            return compact;
        }
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(compact));
        } catch (IllegalArgumentException e) {
            return compact;
        }
    }

    // ------------------------------------------------------------------ DOM helpers (by local name: v1 and v2)

    private static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                result.add(element);
            }
        }
        return result;
    }

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> descendants(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        List<Element> result = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    private static boolean insideAny(Element element, String... localNames) {
        for (Node node = element.getParentNode(); node != null; node = node.getParentNode()) {
            for (String name : localNames) {
                if (name.equals(localName(node))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String localName(Node node) {
        return node == null ? null : node.getLocalName();
    }

    private static String qualified(Element element) {
        return (element.getNamespaceURI() == null ? "" : "{" + element.getNamespaceURI() + "}")
                + element.getLocalName();
    }

    private static String text(Element element) {
        return blankToNull(element.getTextContent() == null ? null : element.getTextContent().strip());
    }

    private static String textOf(Element element) {
        return element == null ? null : text(element);
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    private static void note(List<String> problems, String problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    private static void paragraph(StringBuilder body, String text) {
        if (!body.isEmpty()) {
            body.append("\n\n");
        }
        body.append(text);
    }

    private static void line(StringBuilder body, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (!body.isEmpty()) {
            body.append(body.charAt(body.length() - 1) == '\n' ? "" : "\n");
        }
        body.append(label).append(": ").append(value.strip());
    }

    private static String oneLine(String text, int max) {
        return limit(text.replaceAll("\\s+", " ").strip(), max);
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
