package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.model.MultiArch;
import dev.peerget.model.Op;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.compress.Compression;
import dev.peerget.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PackagesIndexParserTest {
    private static final String BOOKWORM = "apt/debian-bookworm-fetched/main/binary-amd64/Packages.gz";
    private static final Map<String, PackageRecord> BY_NAME = new HashMap<>();
    private static final List<PackageRecord> ALL = new ArrayList<>();

    @BeforeAll
    static void parseBookworm() throws IOException {
        Path gz = Corpus.path(BOOKWORM);
        byte[] raw;
        try (InputStream in = Compression.GZIP.decompress(Files.newInputStream(gz))) {
            raw = in.readAllBytes();
        }
        // Warm up once, then time the parse alone (decompression excluded).
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            List<PackageRecord> out = new ArrayList<>(64_000);
            long t0 = System.nanoTime();
            PackagesIndexParser.parse(new ByteArrayInputStream(raw), BOOKWORM, out::add);
            long took = System.nanoTime() - t0;
            best = round == 0 ? best : Math.min(best, took);
            if (round == 1) {
                ALL.addAll(out);
            }
        }
        long stanzaBest = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            int[] n = {0};
            new Deb822Reader(new ByteArrayInputStream(raw), BOOKWORM).forEach(s -> n[0]++);
            stanzaBest = Math.min(stanzaBest, System.nanoTime() - t0);
        }
        System.out.printf("bookworm Packages (%d MB): stanzas only %d ms, full records %d ms%n",
                raw.length >> 20, stanzaBest / 1_000_000, best / 1_000_000);
        ALL.forEach(p -> BY_NAME.put(p.name(), p));
    }

    @Test
    void readsEveryBookwormPackage() {
        assertThat(ALL).hasSize(63_440);
        assertThat(ALL).allSatisfy(p -> {
            assertThat(p.format()).isEqualTo(PackageFormat.DEB);
            assertThat(p.location()).startsWith("pool/");
            assertThat(p.strongestChecksum().algorithm()).isEqualTo(HashAlgorithm.SHA256);
        });
        long relations = ALL.stream().mapToLong(p -> p.relations().size()).sum();
        assertThat(relations).isGreaterThan(250_000);
        assertThat(BY_NAME.get("0ad").relations()).isInstanceOf(DebRelations.class);
    }

    /** Kept as text and parsed when read, every package's relations are those of parsing its fields in order. */
    @Test
    void deferredRelationsAreTheFieldsParsedInOrder() throws IOException {
        Map<String, RelationKind> kinds = new HashMap<>();
        for (RelationKind k : RelationKind.values()) {
            kinds.put(DebRelationParser.fieldName(k), k);
        }
        List<List<Relation>> direct = new ArrayList<>();
        try (InputStream in = Compression.GZIP.decompress(Files.newInputStream(Corpus.path(BOOKWORM)))) {
            new Deb822Reader(in, BOOKWORM).forEach(stanza -> {
                List<Relation> rs = new ArrayList<>();
                for (Stanza.Field f : stanza.fields()) {
                    RelationKind k = kinds.get(f.name());
                    if (k != null) {
                        rs.addAll(DebRelationParser.parse(k, f.value()));
                    }
                }
                direct.add(rs);
            });
        }
        assertThat(direct).hasSameSizeAs(ALL);
        for (int i = 0; i < ALL.size(); i++) {
            assertThat(ALL.get(i).relations()).as(ALL.get(i).name()).isEqualTo(direct.get(i));
        }
    }

    @Test
    void hello() {
        PackageRecord hello = BY_NAME.get("hello");
        assertThat(hello.version()).isEqualTo("2.10-3");
        assertThat(hello.arch()).isEqualTo("amd64");
        assertThat(hello.summary()).isEqualTo("example package based on GNU hello");
        assertThat(hello.description()).isEmpty();
        assertThat(hello.section()).isEqualTo("devel");
        assertThat(hello.priority()).isEqualTo("optional");
        assertThat(hello.installedSize()).isEqualTo(277 * 1024L);
        assertThat(hello.size()).isEqualTo(53080);
        assertThat(hello.location()).isEqualTo("pool/main/h/hello/hello_2.10-3_amd64.deb");
        assertThat(hello.source()).isEqualTo("hello");
        assertThat(hello.maintainer()).isEqualTo("Santiago Vila <sanvila@debian.org>");
        assertThat(hello.homepage()).isEqualTo("https://www.gnu.org/software/hello/");
        assertThat(hello.essential()).isFalse();
        assertThat(hello.checksums()).containsExactly(
                new Checksum(HashAlgorithm.MD5, "d04c2e9639dee67aa836d8232b1ca658"),
                new Checksum(HashAlgorithm.SHA256, "2e6e2f1a0007dc43bc91c273fd36e91e40a4f1c2765a03eca68b70a42103878a"));
        assertThat(hello.relations(RelationKind.DEPENDS)).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("libc6 (>= 2.34)");
            assertThat(r.requirement()).isEqualTo(
                    new Requirement.Atom("libc6", null, new VersionConstraint(Op.GE, "2.34")));
        });
        assertThat(hello.relations(RelationKind.REPLACES)).extracting(r -> r.text())
                .containsExactly("hello-debhelper (<< 2.9)", "hello-traditional");
        assertThat(hello.relations(RelationKind.BREAKS)).hasSize(1);
        assertThat(hello.relations(RelationKind.CONFLICTS)).hasSize(1);
    }

    @Test
    void dpkgIsEssentialWithPreDepends() {
        PackageRecord dpkg = BY_NAME.get("dpkg");
        assertThat(dpkg.essential()).isTrue();
        assertThat(dpkg.multiArch()).isEqualTo(MultiArch.FOREIGN);
        assertThat(dpkg.relations(RelationKind.PRE_DEPENDS)).hasSize(7)
                .first().satisfies(r -> assertThat(r.requirement()).isEqualTo(Requirement.Atom.of("libbz2-1.0")));
        assertThat(dpkg.relations(RelationKind.PRE_DEPENDS).get(6).requirement()).isEqualTo(
                new Requirement.Atom("zlib1g", null, new VersionConstraint(Op.GE, "1:1.1.4")));
    }

    @Test
    void versionedProvidesAndAnyQualifier() {
        PackageRecord apt = BY_NAME.get("apt");
        assertThat(apt.provides()).contains(new Provide("apt-transport-https", apt.version()));
        assertThat(BY_NAME.get("adwaita-icon-theme").provides())
                .containsExactly(new Provide("adwaita-icon-theme-full", "43-1"), Provide.of("gnome-icon-theme-symbolic"));
        long anyQualified = ALL.stream().flatMap(p -> p.relations().stream())
                .map(r -> r.requirement())
                .filter(r -> r instanceof Requirement.Atom a && "any".equals(a.archQualifier()))
                .count();
        assertThat(anyQualified).isGreaterThan(1000);
        assertThat(BY_NAME.get("python3-debian").relations(RelationKind.DEPENDS))
                .anySatisfy(r -> assertThat(r.requirement()).isEqualTo(new Requirement.Atom("python3", "any", null)));
    }

    @Test
    void protectedCountsAsEssentialAndSourceVersionIsStripped() {
        assertThat(ALL.stream().filter(PackageRecord::essential).count()).isGreaterThan(20);
        PackageRecord libc = BY_NAME.get("libc6");
        assertThat(libc.source()).isEqualTo("glibc");
        assertThat(libc.multiArch()).isEqualTo(MultiArch.SAME);
        assertThat(ALL).noneSatisfy(p -> assertThat(p.source()).contains("("));
    }

    @Test
    void protectedAndCaseInsensitiveFieldNames() {
        PackageRecord p = PackagesIndexParser.record(Stanza.of("synthetic", "package", "a", "VERSION", "1",
                "Architecture", "all", "Protected", "yes", "md5sum", "d41d8cd98f00b204e9800998ecf8427e"));
        assertThat(p.essential()).isTrue();
        assertThat(p.checksums()).extracting(Checksum::algorithm).containsExactly(HashAlgorithm.MD5);
    }

    @Test
    void filesAreVerifiedWithSha256WhenTheIndexAlsoGivesSha512() {
        String sha256 = "2e6e2f1a0007dc43bc91c273fd36e91e40a4f1c2765a03eca68b70a42103878a";
        String sha512 = "ab".repeat(64);
        PackageRecord both = parseOne("Package: a\nVersion: 1\nArchitecture: all\nMD5sum: d41d8cd98f00b204e9800998ecf8427e"
                + "\nSHA256: " + sha256 + "\nSHA512: " + sha512 + "\n");
        assertThat(both.strongestChecksum()).isEqualTo(new Checksum(HashAlgorithm.SHA512, sha512));
        assertThat(both.verificationChecksum()).isEqualTo(new Checksum(HashAlgorithm.SHA256, sha256));
        PackageRecord only512 = parseOne("Package: a\nVersion: 1\nArchitecture: all\nSHA512: " + sha512 + "\n");
        assertThat(only512.verificationChecksum()).isEqualTo(new Checksum(HashAlgorithm.SHA512, sha512));
        PackageRecord onlyMd5 = parseOne("Package: a\nVersion: 1\nArchitecture: all\n"
                + "MD5sum: d41d8cd98f00b204e9800998ecf8427e\n");
        assertThat(onlyMd5.verificationChecksum().algorithm()).as("refused by the fetch").isEqualTo(HashAlgorithm.MD5);
    }

    @Test
    void orGroupsBecomeAnyOf() {
        assertThat(ALL.stream().flatMap(p -> p.relations().stream())
                .filter(r -> r.requirement() instanceof Requirement.AnyOf)
                .count()).isGreaterThan(1000);
    }

    @Test
    void longDescriptionFollowsPolicyFormatting() {
        PackageRecord p = parseOne("Package: x\nVersion: 1\nArchitecture: all\n"
                + "Description: short\n first paragraph\n .\n  verbatim line\n");
        assertThat(p.summary()).isEqualTo("short");
        assertThat(p.description()).isEqualTo("first paragraph\n\n verbatim line");
    }

    @Test
    void missingRequiredFieldNamesFileAndLine() {
        assertThatThrownBy(() -> parseOne("Package: a\nVersion: 1\nArchitecture: all\n\n\nPackage: b\nVersion: 2\n"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("test-Packages:6:")
                .hasMessageContaining("Architecture").hasMessageContaining("package b");
    }

    @Test
    void badValuesNameTheLine() {
        assertThatThrownBy(() -> parseOne("Package: a\nVersion: 1\nArchitecture: all\nSize: lots\n"))
                .hasMessageContaining("test-Packages:4: Size is not a size: 'lots'");
        assertThatThrownBy(() -> parseOne("Package: a\nVersion: 1\nArchitecture: all\nSHA256: abc\n"))
                .hasMessageContaining("test-Packages:4: SHA256");
        assertThatThrownBy(() -> parseOne("Package: a\nVersion: 1\nArchitecture: all\nMulti-Arch: some\n"))
                .hasMessageContaining("test-Packages:4: unknown Multi-Arch value 'some'");
        assertThatThrownBy(() -> parseOne("Package: a\nVersion: 1\nArchitecture: all\nDepends: b (>= )\n"))
                .hasMessageContaining("test-Packages:4: package a: bad Depends entry 'b (>= )': missing version");
    }

    static PackageRecord parseOne(String text) {
        List<PackageRecord> out = new ArrayList<>();
        try {
            PackagesIndexParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    "test-Packages", out::add);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.get(out.size() - 1);
    }
}
