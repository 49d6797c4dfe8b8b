package org.opencirt.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.opencirt.bench.IncidentGenerator.Zipf;
import org.opencirt.common.Rsit;

/**
 * The words of the generated incidents, shared by {@link IncidentGenerator} and {@link IncidentQueryBenchmark} so
 * that the benchmark searches for words of known frequency: about 200 security words (Zipf-distributed; the top
 * ones appear in several per cent of the incidents) and 30,000 made-up words (Zipf over their ranks; the tail
 * appears in a few dozen incidents each), in sentences with hosts, addresses and organisation names.
 */
final class IncidentText {

    static final String[] SECURITY = {"phishing", "malware", "credentials", "ransomware", "server", "login",
        "vulnerability", "exploit", "botnet", "scan", "email", "domain", "website", "password", "account", "traffic",
        "firewall", "vpn", "exchange", "outlook", "windows", "linux", "patch", "backdoor", "trojan", "dropper",
        "loader", "beacon", "cobalt", "strike", "emotet", "qakbot", "lockbit", "blackcat", "conti", "mirai",
        "ddos", "amplification", "dns", "ntp", "memcached", "rdp", "ssh", "smb", "telnet", "http", "https", "tls",
        "certificate", "expired", "spoofing", "spam", "campaign", "invoice", "payment", "bank", "customer", "portal",
        "webshell", "sql", "injection", "xss", "defacement", "wordpress", "plugin", "joomla", "drupal", "apache",
        "nginx", "iis", "citrix", "fortinet", "pulse", "ivanti", "sharepoint", "confluence", "jira", "gitlab",
        "jenkins", "kubernetes", "docker", "cloud", "bucket", "leak", "database", "dump", "pastebin", "darkweb",
        "forum", "extortion", "encryption", "decryptor", "backup", "restore", "outage", "router", "modem", "iot",
        "camera", "scada", "plc", "modbus", "substation", "hospital", "records", "patients", "ministry", "election",
        "registry", "mailbox", "forwarding", "rule", "mfa", "token", "session", "cookie", "stealer", "keylogger",
        "infostealer", "redline", "raccoon", "vidar", "agenttesla", "formbook", "remcos", "njrat", "asyncrat",
        "powershell", "macro", "attachment", "zip", "iso", "lnk", "script", "scheduled", "task", "persistence",
        "lateral", "movement", "privilege", "escalation", "admin", "domaincontroller", "kerberos", "ntlm", "relay",
        "bruteforce", "spraying", "lockout", "sinkhole", "takedown", "abuse", "hosting", "provider", "registrar",
        "whois", "typosquatting", "lookalike", "impersonation", "ceo", "fraud", "transfer", "mule", "crypto",
        "miner", "mining", "resources", "open", "resolver", "snmp", "ldap", "ssdp", "chargen", "portmap", "smtp",
        "relay", "imap", "pop3", "cve", "zero-day", "advisory", "indicator", "ioc", "yara", "sigma", "alert", "ids",
        "suricata", "snort", "edr", "antivirus", "quarantine", "isolated", "contained", "reimaged", "rotated",
        "reset", "notified", "reported", "confirmed", "false", "positive", "duplicate", "sighting"};

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "tas", "vo", "ul", "dra", "pe", "sin", "gor",
        "ta", "bel", "nu", "ri", "xan", "fe", "dor", "mal", "zi", "qua", "tor", "len", "ash", "vik", "mo", "sel",
        "dun", "ea", "pra", "hil", "kor", "ne", "os", "ti", "bra", "wen", "lu", "cal", "dis"};

    private static final String[] TEMPLATES = {
        "The {reporter} reported {s} activity affecting {org} on {host}.",
        "Traffic from {ip} to {domain} matched the {w} {w} rule.",
        "{W} {w} was observed on {host} since {n} days, with connections towards {ip}.",
        "Analysis of the sample shows {s} behaviour and a {w} {w} configuration.",
        "The constituent confirmed that {n} accounts were used from {ip}.",
        "A page imitating {org} was hosted at {domain} and reported by {w} {w}.",
        "Logs from the {s} gateway show attempts against {host} ({n} per minute).",
        "The {w} team isolated {host} and collected artefacts for {w} review.",
        "Several messages mention {w} {w} and link to {domain}.",
        "Shadowserver reported {ip} as an open {s} service in the {w} range.",
        "{W} {w} {s} noticed by the {reporter} during {w} checks.",
        "Indicators were shared with the {w} partner under the usual handling rules.",
        "The affected system runs {s} and was last patched {n} months ago.",
        "Follow-up with {org} about {w} remediation; {w} {w} pending."};

    private static final String[] REPORTERS = {"constituent", "sectoral CIRT", "partner CERT", "security vendor",
        "researcher", "national SOC", "hosting provider", "citizen", "law enforcement", "monitoring"};

    private static final String[] TLDS = {"xc", "com", "net", "org", "info", "top", "xyz", "online", "site", "ru",
        "cn", "io"};

    private static final Map<String, Integer> TYPE_WEIGHTS = Map.ofEntries(Map.entry("phishing", 15),
            Map.entry("scanner", 10), Map.entry("infected-system", 12), Map.entry("vulnerable-system", 10),
            Map.entry("ddos", 5), Map.entry("spam", 6), Map.entry("brute-force", 6),
            Map.entry("malware-distribution", 4), Map.entry("c2-server", 3), Map.entry("system-compromise", 3),
            Map.entry("data-leak", 3), Map.entry("exploit", 3), Map.entry("ddos-amplifier", 4),
            Map.entry("unprivileged-account-compromise", 3), Map.entry("masquerade", 2));

    private final List<String> words = new ArrayList<>();
    private final Zipf securityPick = new Zipf(SECURITY.length, 0.6);
    private final Zipf wordPick;
    private final List<Rsit.Type> types = new ArrayList<>();
    private final Zipf ipPick = new Zipf(300_000, 0.9);
    private final Zipf domainPick = new Zipf(100_000, 0.9);
    private final Zipf hashPick = new Zipf(100_000, 0.7);

    IncidentText(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED);
        Set<String> seen = new HashSet<>(List.of(SECURITY));
        while (words.size() < 30_000) {
            StringBuilder word = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int i = 0; i < syllables; i++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (seen.add(word.toString())) {
                words.add(word.toString());
            }
        }
        wordPick = new Zipf(words.size(), 1.0);
        for (Rsit.Type type : Rsit.types().values()) {
            if (!type.taxonomy().equals("test")) {
                for (int i = 0; i < TYPE_WEIGHTS.getOrDefault(type.id(), 1); i++) {
                    types.add(type);
                }
            }
        }
    }

    /** A made-up word by rank (0 most frequent); the query benchmark searches for these. */
    String word(int rank) {
        return words.get(rank);
    }

    String securityWord(int rank) {
        return SECURITY[rank];
    }

    Rsit.Type type(SplittableRandom random) {
        return types.get(random.nextInt(types.size()));
    }

    record Story(String title, String description, String tags) {
    }

    Story story(SplittableRandom random, Rsit.Type type, String organisation) {
        String title = type.name() + ": " + security(random) + " " + word(random) + " at " + organisation;
        StringBuilder description = new StringBuilder(600);
        int sentences = 3 + random.nextInt(4);
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                description.append(' ');
            }
            sentence(description, TEMPLATES[random.nextInt(TEMPLATES.length)], random, organisation);
        }
        int tagCount = random.nextInt(4);
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < tagCount; i++) {
            // stored like SqlSupport.joinList does
            tags.append(i == 0 ? "" : ",").append(security(random));
        }
        return new Story(title, description.toString(), tagCount == 0 ? null : tags.toString());
    }

    private void sentence(StringBuilder out, String template, SplittableRandom random, String organisation) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int end = template.indexOf('}', i);
            String slot = template.substring(i + 1, end);
            switch (slot) {
                case "s" -> out.append(security(random));
                case "w" -> out.append(word(random));
                case "W" -> {
                    String word = word(random);
                    out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                }
                case "org" -> out.append(organisation);
                case "reporter" -> out.append(REPORTERS[random.nextInt(REPORTERS.length)]);
                case "ip" -> out.append(ip(ipPick.sample(random)));
                case "domain" -> out.append(domain(domainPick.sample(random)));
                case "host" -> out.append(random.nextBoolean() ? ip(ipPick.sample(random))
                        : "srv" + random.nextInt(100) + "." + domain(domainPick.sample(random)));
                case "n" -> out.append(1 + random.nextInt(60));
                default -> throw new IllegalStateException(slot);
            }
            i = end + 1;
        }
    }

    private String security(SplittableRandom random) {
        return SECURITY[securityPick.sample(random)];
    }

    private String word(SplittableRandom random) {
        return words.get(wordPick.sample(random));
    }

    String impact(SplittableRandom random) {
        return "Service " + security(random) + " degraded for " + (1 + random.nextInt(48)) + " hours; "
                + (random.nextInt(5000)) + " users affected.";
    }

    record Indicator(String type, String value) {
    }

    /** An observable from shared pools, so that the same indicator turns up in several incidents. */
    Indicator indicator(SplittableRandom random) {
        double draw = random.nextDouble();
        if (draw < 0.5) {
            return new Indicator("IPV4", ip(ipPick.sample(random)));
        }
        if (draw < 0.7) {
            return new Indicator("DOMAIN", domain(domainPick.sample(random)));
        }
        if (draw < 0.8) {
            return new Indicator("URL", "https://" + domain(domainPick.sample(random)) + "/" + word(random) + "/"
                    + word(random) + ".php");
        }
        if (draw < 0.9) {
            return new Indicator("FILE_HASH", hash(hashPick.sample(random)));
        }
        return new Indicator("EMAIL", word(random) + "@" + domain(domainPick.sample(random)));
    }

    /** The i-th address of the pool: spread over the public space, deterministic. */
    static String ip(int i) {
        long mixed = (i * 0x9E3779B97F4A7C15L) >>> 32;
        int a = 1 + (int) (mixed >>> 24) % 223;
        if (a == 10 || a == 127) {
            a++;
        }
        return a + "." + ((mixed >>> 16) & 0xFF) + "." + ((mixed >>> 8) & 0xFF) + "." + (1 + (mixed & 0xFD));
    }

    String domain(int i) {
        return words.get(i % words.size()) + (i >= words.size() ? "-" + words.get((i * 7) % words.size()) : "") + "."
                + TLDS[i % TLDS.length];
    }

    static String hash(int i) {
        long a = i * 0x9E3779B97F4A7C15L;
        long b = (i + 1) * 0xC2B2AE3D27D4EB4FL;
        return String.format("%016x%016x%016x%016x", a, b, a ^ b, a * 31 + b);
    }

    String organisationName(int i) {
        String[] kinds = {"Hospital", "Energy", "Logistics", "Bank", "Insurance", "University", "Municipality",
            "Water Board", "Telecom", "Airport", "Railways", "Clinic", "Agency", "Foods", "Mining", "Media", "Systems",
            "Credit Union", "School District", "Port Authority"};
        String word = words.get(i);
        return Character.toUpperCase(word.charAt(0)) + word.substring(1) + " " + kinds[i % kinds.length];
    }

    String personName(int i) {
        String first = words.get(1000 + i);
        String last = words.get(2000 + i);
        return Character.toUpperCase(first.charAt(0)) + first.substring(1) + " " + Character.toUpperCase(last.charAt(0))
                + last.substring(1);
    }
}
