package org.opencirt.constituency.internal.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import inet.ipaddr.IPAddressString;
import org.junit.jupiter.api.Test;
import org.opencirt.constituency.AssetKind;

class ResponsibilityIndexTests {

    private static final long ISP = 1;
    private static final long CUSTOMER = 2;
    private static final long OTHER = 3;

    private long nextAssetId = 100;

    private IndexedAsset asset(long organisationId, AssetKind kind, String value) {
        return new IndexedAsset(nextAssetId++, organisationId, kind, value);
    }

    private IndexedAsset cidr(long organisationId, String value) {
        return asset(organisationId, AssetKind.CIDR, value);
    }

    private static ResponsibilityIndex index(IndexedAsset... assets) {
        return ResponsibilityIndex.build(List.of(assets));
    }

    private static Long owner(Match match) {
        return match == null ? null : match.organisationId();
    }

    @Test
    void mostSpecificPrefixWins() {
        ResponsibilityIndex index = index(cidr(ISP, "10.0.0.0/8"), cidr(CUSTOMER, "10.1.2.0/24"));

        assertThat(index.matchIp("10.1.2.3")).isEqualTo(new Match(101, CUSTOMER, AssetKind.CIDR, "10.1.2.0/24", 24));
        assertThat(index.matchIp("10.9.9.9")).isEqualTo(new Match(100, ISP, AssetKind.CIDR, "10.0.0.0/8", 8));
        assertThat(index.matchIp("11.0.0.0")).isNull();
    }

    @Test
    void firstAndLastAddressOfARangeMatchButTheirNeighboursDoNot() {
        ResponsibilityIndex index = index(cidr(ISP, "192.0.2.0/24"));

        assertThat(owner(index.matchIp("192.0.2.0"))).isEqualTo(ISP);
        assertThat(owner(index.matchIp("192.0.2.255"))).isEqualTo(ISP);
        assertThat(index.matchIp("192.0.1.255")).isNull();
        assertThat(index.matchIp("192.0.3.0")).isNull();
    }

    @Test
    void innerRangeBoundariesHandBackToTheOuterOwner() {
        ResponsibilityIndex index = index(cidr(ISP, "10.0.0.0/8"), cidr(CUSTOMER, "10.1.2.0/24"));

        assertThat(owner(index.matchIp("10.1.1.255"))).isEqualTo(ISP);
        assertThat(owner(index.matchIp("10.1.2.0"))).isEqualTo(CUSTOMER);
        assertThat(owner(index.matchIp("10.1.2.255"))).isEqualTo(CUSTOMER);
        assertThat(owner(index.matchIp("10.1.3.0"))).isEqualTo(ISP);
    }

    @Test
    void prefixesEndingTogetherCloseTogether() {
        ResponsibilityIndex index = index(cidr(ISP, "10.0.0.0/8"), cidr(CUSTOMER, "10.255.0.0/16"),
                cidr(OTHER, "10.255.255.0/24"));

        assertThat(owner(index.matchIp("10.255.254.255"))).isEqualTo(CUSTOMER);
        assertThat(owner(index.matchIp("10.255.255.255"))).isEqualTo(OTHER);
        assertThat(index.matchIp("11.0.0.0")).isNull();
    }

    @Test
    void defaultRouteCoversEverythingNotOwnedMoreSpecifically() {
        ResponsibilityIndex index = index(cidr(ISP, "0.0.0.0/0"), cidr(CUSTOMER, "198.51.100.7/32"));

        assertThat(owner(index.matchIp("0.0.0.0"))).isEqualTo(ISP);
        assertThat(owner(index.matchIp("255.255.255.255"))).isEqualTo(ISP);
        assertThat(index.matchIp("198.51.100.7")).isEqualTo(
                new Match(101, CUSTOMER, AssetKind.CIDR, "198.51.100.7/32", 32));
        assertThat(owner(index.matchIp("198.51.100.6"))).isEqualTo(ISP);
        assertThat(owner(index.matchIp("198.51.100.8"))).isEqualTo(ISP);
    }

    @Test
    void hostRoutesAtBothEndsOfTheAddressSpace() {
        ResponsibilityIndex index = index(cidr(ISP, "0.0.0.0/32"), cidr(CUSTOMER, "255.255.255.255"),
                cidr(OTHER, "255.0.0.0/8"));

        assertThat(owner(index.matchIPv4(0))).isEqualTo(ISP);
        assertThat(index.matchIPv4(1)).isNull();
        assertThat(owner(index.matchIPv4(-1))).isEqualTo(CUSTOMER);
        assertThat(owner(index.matchIPv4(-2))).isEqualTo(OTHER);
        assertThat(index.matchIp("255.255.255.255").value()).isEqualTo("255.255.255.255/32");
    }

    @Test
    void hostBitsInIndexedPrefixesAreMaskedOff() {
        ResponsibilityIndex index = index(cidr(ISP, "192.0.2.77/24"), cidr(CUSTOMER, "2001:db8::1/32"));

        assertThat(index.matchIp("192.0.2.200").value()).isEqualTo("192.0.2.0/24");
        assertThat(index.matchIp("2001:db8:ffff::").value()).isEqualTo("2001:db8::/32");
    }

    @Test
    void ipv6MostSpecificPrefixWins() {
        ResponsibilityIndex index = index(cidr(ISP, "2001:db8::/32"), cidr(CUSTOMER, "2001:db8:1::/48"),
                cidr(OTHER, "2001:db8:1:2:3:4:5:6"));

        assertThat(owner(index.matchIp("2001:db8:1:ffff:ffff:ffff:ffff:ffff"))).isEqualTo(CUSTOMER);
        assertThat(owner(index.matchIp("2001:db8:2::"))).isEqualTo(ISP);
        assertThat(owner(index.matchIp("2001:DB8:0:0::1"))).isEqualTo(ISP);
        assertThat(index.matchIp("2001:db8:1:2:3:4:5:6")).isEqualTo(
                new Match(102, OTHER, AssetKind.CIDR, "2001:db8:1:2:3:4:5:6/128", 128));
        assertThat(owner(index.matchIp("2001:db8:1:2:3:4:5:7"))).isEqualTo(CUSTOMER);
        assertThat(index.matchIp("2001:db9::")).isNull();
        assertThat(index.matchIp("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")).isNull();
    }

    @Test
    void ipv6PrefixesAcrossThe64BitBoundaryAndAtTheEndsOfTheSpace() {
        ResponsibilityIndex index = index(cidr(ISP, "::/0"), cidr(CUSTOMER, "2001:db8:0:2::/63"),
                cidr(OTHER, "2001:db8:0:3:8000::/65"), cidr(OTHER, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"));

        assertThat(owner(index.matchIp("::"))).isEqualTo(ISP);
        assertThat(owner(index.matchIp("2001:db8:0:1:ffff:ffff:ffff:ffff"))).isEqualTo(ISP);
        assertThat(owner(index.matchIp("2001:db8:0:2::"))).isEqualTo(CUSTOMER);
        assertThat(owner(index.matchIp("2001:db8:0:3:7fff:ffff:ffff:ffff"))).isEqualTo(CUSTOMER);
        assertThat(owner(index.matchIp("2001:db8:0:3:8000::"))).isEqualTo(OTHER);
        assertThat(owner(index.matchIp("2001:db8:0:3:ffff:ffff:ffff:ffff"))).isEqualTo(OTHER);
        assertThat(owner(index.matchIp("2001:db8:0:4::"))).isEqualTo(ISP);
        assertThat(owner(index.matchIPv6(-1, -1))).isEqualTo(OTHER);
        assertThat(owner(index.matchIPv6(-1, -2))).isEqualTo(ISP);
    }

    @Test
    void ipv4MappedIpv6AddressesAreLookedUpAsIpv4() {
        ResponsibilityIndex index = index(cidr(ISP, "192.0.2.0/24"));

        assertThat(owner(index.matchIp("::ffff:192.0.2.1"))).isEqualTo(ISP);
        assertThat(owner(index.matchIp("::ffff:c000:2ff"))).isEqualTo(ISP);
    }

    @Test
    void samePrefixOwnedTwicePicksTheLowestAssetIdWhateverTheOrder() {
        IndexedAsset first = new IndexedAsset(7, ISP, AssetKind.CIDR, "192.0.2.0/24");
        IndexedAsset second = new IndexedAsset(3, CUSTOMER, AssetKind.CIDR, "192.0.2.0/24");
        IndexedAsset third = new IndexedAsset(5, OTHER, AssetKind.CIDR, "192.0.2.0/24");
        IndexedAsset v6a = new IndexedAsset(9, ISP, AssetKind.CIDR, "2001:db8::/32");
        IndexedAsset v6b = new IndexedAsset(8, CUSTOMER, AssetKind.CIDR, "2001:db8::/32");

        for (List<IndexedAsset> order : List.of(List.of(first, second, third, v6a, v6b),
                List.of(third, second, first, v6b, v6a), List.of(second, third, first, v6a, v6b))) {
            ResponsibilityIndex index = ResponsibilityIndex.build(order);
            assertThat(index.matchIp("192.0.2.9").assetId()).isEqualTo(3);
            assertThat(index.matchIp("2001:db8::9").assetId()).isEqualTo(8);
        }
    }

    @Test
    void asnMatchesExactly() {
        ResponsibilityIndex index = index(asset(ISP, AssetKind.ASN, "64500"), asset(CUSTOMER, AssetKind.ASN,
                "AS4200000000"), asset(OTHER, AssetKind.ASN, "64500"));

        assertThat(index.matchAsn(64500)).isEqualTo(new Match(100, ISP, AssetKind.ASN, "64500", 0));
        assertThat(index.matchAsn("AS64500").assetId()).isEqualTo(100);
        assertThat(index.matchAsn(4_200_000_000L)).isEqualTo(
                new Match(101, CUSTOMER, AssetKind.ASN, "4200000000", 0));
        assertThat(index.matchAsn(64501)).isNull();
        assertThat(index.matchAsn(-1)).isNull();
        assertThatThrownBy(() -> index.matchAsn("AS-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mostSpecificDomainSuffixWinsOnLabelBoundaries() {
        ResponsibilityIndex index = index(asset(ISP, AssetKind.DOMAIN, "example"),
                asset(CUSTOMER, AssetKind.DOMAIN, "bank.example"));

        assertThat(index.matchDomain("mail.bank.example")).isEqualTo(
                new Match(101, CUSTOMER, AssetKind.DOMAIN, "bank.example", 2));
        assertThat(owner(index.matchDomain("bank.example"))).isEqualTo(CUSTOMER);
        assertThat(owner(index.matchDomain("notbank.example"))).isEqualTo(ISP);
        assertThat(owner(index.matchDomain("example"))).isEqualTo(ISP);
        assertThat(index.matchDomain("bank.example.org")).isNull();
        assertThat(index.matchDomain("otherexample")).isNull();
        assertThat(index.matchDomain("")).isNull();
    }

    @Test
    void domainLookupIgnoresCaseAndTrailingDot() {
        ResponsibilityIndex index = index(asset(CUSTOMER, AssetKind.DOMAIN, "Bank.Example."));

        assertThat(index.matchDomain("WWW.BANK.EXAMPLE.").value()).isEqualTo("bank.example");
        assertThat(owner(index.matchDomain("www.Bank.example"))).isEqualTo(CUSTOMER);
    }

    @Test
    void internationalisedDomainsMatchTheirPunycode() {
        ResponsibilityIndex index = index(asset(CUSTOMER, AssetKind.DOMAIN, "xn--bcher-kva.example"));

        assertThat(owner(index.matchDomain("www.Bücher.example"))).isEqualTo(CUSTOMER);
        assertThat(owner(index.matchDomain("www.xn--bcher-kva.example"))).isEqualTo(CUSTOMER);
    }

    @Test
    void sameDomainOwnedTwicePicksTheLowestAssetId() {
        ResponsibilityIndex index = ResponsibilityIndex.build(List.of(
                new IndexedAsset(9, ISP, AssetKind.DOMAIN, "bank.example"),
                new IndexedAsset(4, CUSTOMER, AssetKind.DOMAIN, "bank.example")));

        assertThat(index.matchDomain("bank.example").assetId()).isEqualTo(4);
    }

    @Test
    void hostsAreLookedUpAsIpAddressesOrDomains() {
        ResponsibilityIndex index = index(cidr(ISP, "192.0.2.0/24"), cidr(ISP, "2001:db8::/32"),
                asset(CUSTOMER, AssetKind.DOMAIN, "bank.example"));

        assertThat(owner(index.matchHost("192.0.2.1"))).isEqualTo(ISP);
        assertThat(owner(index.matchHost("2001:db8::1"))).isEqualTo(ISP);
        assertThat(owner(index.matchHost("www.bank.example"))).isEqualTo(CUSTOMER);
        assertThat(index.matchHost("192.0.3.1")).isNull();
    }

    @Test
    void emptyIndexMatchesNothing() {
        ResponsibilityIndex index = ResponsibilityIndex.empty();

        assertThat(index.matchIPv4(0)).isNull();
        assertThat(index.matchIPv4(-1)).isNull();
        assertThat(index.matchIp("2001:db8::1")).isNull();
        assertThat(index.matchAsn(64500)).isNull();
        assertThat(index.matchDomain("bank.example")).isNull();
    }

    @Test
    void invalidIndexedValuesAreRejectedNamingTheAsset() {
        assertThatThrownBy(() -> index(new IndexedAsset(42, ISP, AssetKind.CIDR, "10.0.0.256/8")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Asset 42 (CIDR): '10.0.0.256/8' is not an IPv4 address or CIDR range");
        assertThatThrownBy(() -> index(new IndexedAsset(43, ISP, AssetKind.CIDR, "2001:db8::/129")))
                .hasMessage("Asset 43 (CIDR): '2001:db8::/129' is not an IPv6 address or CIDR range");
        assertThatThrownBy(() -> index(new IndexedAsset(44, ISP, AssetKind.ASN, "AS")))
                .hasMessage("Asset 44 (ASN): 'AS' is not an AS number");
        assertThatThrownBy(() -> index(new IndexedAsset(45, ISP, AssetKind.DOMAIN, "")))
                .hasMessage("Asset 45 (DOMAIN): '' is not a domain name");
    }

    @Test
    void textThatIsNotAnIpAddressIsRejected() {
        ResponsibilityIndex index = index(cidr(ISP, "10.0.0.0/8"));

        for (String bad : List.of("10.0.0.0/8", "10.1", "010.0.0.1", "10.0.0.1 ", "bank.example", "2001:db8::/32",
                "")) {
            assertThatThrownBy(() -> index.matchIp(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "' is not an IP address");
        }
    }

    @Test
    void handWrittenIpv4ParserAgreesWithTheIpaddressLibrary() {
        Random random = new Random(7);
        List<String> samples = new ArrayList<>(List.of("0.0.0.0", "255.255.255.255", "256.0.0.0", "1.2.3", "1.2.3.4.",
                ".1.2.3", "1..2.3", "01.2.3.4", "1.2.3.04", "0.0.0.00", "1.2.3.4.5", "1.2.3.-4", "+1.2.3.4",
                "1.2.3.4/24", "1.2.3.1000", "1.2.3.٣"));
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 7 + random.nextInt(9);
            for (int c = 0; c < length; c++) {
                text.append("0123456789..".charAt(random.nextInt(12)));
            }
            samples.add(text.toString());
        }
        for (String sample : samples) {
            var library = new IPAddressString(sample, IpText.STRICT).getAddress();
            boolean libraryAccepts = library != null && library.isIPv4() && library.getNetworkPrefixLength() == null;
            long parsed = IpText.parseIPv4(sample, 0, sample.length());
            assertThat(parsed != IpText.INVALID).as(sample).isEqualTo(libraryAccepts);
            if (libraryAccepts) {
                assertThat(parsed).as(sample).isEqualTo(library.getValue().longValue());
            }
        }
    }

    @Test
    void handWrittenIpv6ParserNeverDisagreesWithTheIpaddressLibrary() {
        Random random = new Random(11);
        List<String> samples = new ArrayList<>(List.of("::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
                "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":::", ":1::2", "1::2:",
                "12345::", "00001::", "g::", "::ffff:192.0.2.1", "fe80::1%eth0", "2001:db8::/32", "2001:DB8::A",
                "1:2:3:4:5:6::7:8", "１::"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            if (i % 2 == 0) {
                int groups = 1 + random.nextInt(8);
                for (int g = 0; g < groups; g++) {
                    text.append(g == 0 ? "" : random.nextInt(6) == 0 ? "::" : ":")
                            .append(Integer.toHexString(random.nextInt(1 << (4 * (1 + random.nextInt(4))))));
                }
            } else {
                int length = 2 + random.nextInt(20);
                for (int c = 0; c < length; c++) {
                    text.append("0123456789abcdefABCDEF:::::".charAt(random.nextInt(27)));
                }
            }
            samples.add(text.toString());
        }
        for (String sample : samples) {
            long[] bits = new long[2];
            boolean fast = IpText.parseIPv6(sample, bits);
            var library = new IPAddressString(sample, IpText.STRICT).getAddress();
            boolean libraryAccepts = library != null && library.isIPv6() && library.getNetworkPrefixLength() == null;
            if (fast) {
                assertThat(libraryAccepts).as(sample).isTrue();
                assertThat(bits).as(sample).containsExactly(IpText.high64(library.toIPv6()),
                        IpText.low64(library.toIPv6()));
            } else if (libraryAccepts) {
                assertThat(sample).as("only unusual forms are left to the library")
                        .doesNotMatch("(?:H(?::H)*)?(?:::(?:H(?::H)*)?)?".replace("H", "[0-9a-fA-F]{1,4}"));
            }
        }
    }

    /** Compares the index with a linear longest-prefix scan over random, heavily nested IPv4 prefixes. */
    @Test
    void ipv4AgreesWithBruteForceLongestPrefixScan() {
        Random random = new Random(20261125L);
        int count = 10_000;
        int[] regions = {0x0A000000, 0xC0A80000, 0xAC100000, random.nextInt()};
        int[] starts = new int[count];
        int[] lengths = new int[count];
        int[] masks = new int[count];
        long[] assetIds = new long[count];
        List<IndexedAsset> assets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(20) == 0 ? random.nextInt(8) : 8 + random.nextInt(25);
            int address = i % 5 == 0
                    ? random.nextInt()
                    : regions[random.nextInt(regions.length)] ^ random.nextInt(1 << 20);
            if (i > 0 && random.nextInt(50) == 0) {
                int same = random.nextInt(i);
                address = starts[same];
                length = lengths[same];
            }
            masks[i] = IpText.ipv4Mask(length);
            starts[i] = address & masks[i];
            lengths[i] = length;
            assetIds[i] = i * 7_777_777L % 10_000_019L;
            assets.add(new IndexedAsset(assetIds[i], i, AssetKind.CIDR, IpText.formatIPv4Cidr(starts[i], length)));
        }
        Collections.shuffle(assets, random);
        ResponsibilityIndex index = ResponsibilityIndex.build(assets);

        for (int n = 0; n < 100_000; n++) {
            int address = switch (n % 4) {
                case 0 -> random.nextInt();
                case 1 -> regions[random.nextInt(regions.length)] ^ random.nextInt(1 << 21);
                case 2 -> starts[random.nextInt(count)] - 1 + random.nextInt(2);
                default -> {
                    int i = random.nextInt(count);
                    yield (starts[i] | ~masks[i]) + random.nextInt(2);
                }
            };
            int best = -1;
            for (int i = 0; i < count; i++) {
                if ((address & masks[i]) == starts[i] && (best < 0 || lengths[i] > lengths[best]
                        || lengths[i] == lengths[best] && assetIds[i] < assetIds[best])) {
                    best = i;
                }
            }
            Match match = index.matchIPv4(address);
            String description = IpText.formatIPv4(address);
            if (best < 0) {
                assertThat(match).as(description).isNull();
            } else {
                assertThat(match).as(description).isEqualTo(new Match(assetIds[best], best, AssetKind.CIDR,
                        IpText.formatIPv4Cidr(starts[best], lengths[best]), lengths[best]));
            }
        }
    }

    /** Compares the index with a linear scan over random IPv6 prefixes of every length, many of them nested. */
    @Test
    void ipv6AgreesWithBruteForceLongestPrefixScan() {
        Random random = new Random(1125L);
        int count = 2_000;
        long[] highs = new long[count];
        long[] lows = new long[count];
        long[] highMasks = new long[count];
        long[] lowMasks = new long[count];
        int[] lengths = new int[count];
        List<IndexedAsset> assets = new ArrayList<>();
        long base = 0x2001_0db8_0000_0000L;
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(129);
            lengths[i] = length;
            highMasks[i] = length == 0 ? 0 : -1L << Math.max(0, 64 - length);
            lowMasks[i] = length <= 64 ? 0 : -1L << (128 - length);
            highs[i] = (i % 4 == 0 ? random.nextLong() : base ^ random.nextLong() >>> 28) & highMasks[i];
            lows[i] = random.nextLong() & lowMasks[i];
            assets.add(new IndexedAsset(i, i, AssetKind.CIDR, toIpv6(highs[i], lows[i]) + "/" + length));
        }
        ResponsibilityIndex index = ResponsibilityIndex.build(assets);

        for (int n = 0; n < 20_000; n++) {
            long high;
            long low;
            if (n % 3 == 2) {
                int i = random.nextInt(count);
                BigInteger near = new BigInteger(1, toBytes(highs[i], lows[i]))
                        .add(BigInteger.valueOf(random.nextInt(3) - 1)).mod(BigInteger.ONE.shiftLeft(128));
                high = near.shiftRight(64).longValue();
                low = near.longValue();
            } else {
                high = n % 3 == 0 ? random.nextLong() : base ^ random.nextLong() >>> 28;
                low = random.nextLong();
            }
            int best = -1;
            for (int i = 0; i < count; i++) {
                if ((high & highMasks[i]) == highs[i] && (low & lowMasks[i]) == lows[i]
                        && (best < 0 || lengths[i] > lengths[best])) {
                    best = i;
                }
            }
            Match match = index.matchIPv6(high, low);
            assertThat(match == null ? -1 : match.assetId()).as(toIpv6(high, low)).isEqualTo(best);
        }
    }

    private static byte[] toBytes(long high, long low) {
        return ByteBuffer.allocate(16).putLong(high).putLong(low).array();
    }

    private static String toIpv6(long high, long low) {
        StringBuilder text = new StringBuilder();
        for (int group = 0; group < 8; group++) {
            long half = group < 4 ? high : low;
            text.append(group == 0 ? "" : ":").append(Long.toHexString(half >>> (48 - 16 * (group % 4)) & 0xFFFF));
        }
        return text.toString();
    }
}
