package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Op;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimaryParserTest {
    private static final String APPSTREAM = "yum/osbuild-cs9/appstream-and-custom/appstream";
    private static final String BASEOS = "yum/osbuild-cs9/baseos";

    static List<PackageRecord> parse(String xml) {
        List<PackageRecord> out = new ArrayList<>();
        PrimaryParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test-primary.xml", out::add);
        return out;
    }

    private static PackageRecord find(List<PackageRecord> all, String name, String arch) {
        return all.stream().filter(p -> p.name().equals(name) && p.arch().equals(arch)).findFirst().orElseThrow();
    }

    /** Expected counts computed independently with Python's ElementTree over the same file. */
    @Test
    void centosStream9AppStream() throws IOException {
        List<PackageRecord> all = RepoData.primary(APPSTREAM);
        assertThat(all).hasSize(17_649);
        assertThat(all).allMatch(p -> p.format() == PackageFormat.RPM && p.checksums().size() == 1);
        assertThat(all.stream().filter(p -> p.version().contains(":"))).hasSize(4_411);
        assertThat(all.stream().filter(p -> p.relations().stream().anyMatch(r -> r.text().startsWith("("))))
                .hasSize(1_253);
        // Two of them are "(NetworkManager)": a parenthesised single atom, which rpm reads as a plain dependency.
        assertThat(all.stream().filter(p -> p.relations().stream().anyMatch(r -> !(r.requirement() instanceof Requirement.Atom))))
                .hasSize(1_251);
        assertThat(all.stream().mapToLong(p -> p.relations().stream().filter(r -> r.text().startsWith("(")).count()).sum())
                .isEqualTo(1_395);
        assertThat(all.stream().filter(p -> p.relations().stream().anyMatch(r -> r.kind().isWeak()))).hasSize(1_637);
        assertThat(all.stream().filter(p -> !p.relations(RelationKind.OBSOLETES).isEmpty())).hasSize(3_751);
        assertThat(all.stream().mapToLong(p -> p.relations(RelationKind.OBSOLETES).size()).sum()).isEqualTo(5_845);
        assertThat(all.stream().mapToLong(p -> p.relations(RelationKind.PRE_DEPENDS).size()).sum()).isEqualTo(3_883);
        assertThat(all.stream().mapToLong(p -> p.files().size()).sum()).isEqualTo(36_204);

        PackageRecord node = find(all, "nodejs", "x86_64");
        assertThat(node.version()).isEqualTo("1:16.20.2-3.el9");
        assertThat(node.summary()).isEqualTo("JavaScript runtime");
        assertThat(node.description()).startsWith("Node.js is a platform").contains("\nfor easily building");
        assertThat(node.maintainer()).isEqualTo("builder@centos.org");
        assertThat(node.homepage()).isEqualTo("http://nodejs.org/");
        assertThat(node.size()).isEqualTo(115_402);
        assertThat(node.installedSize()).isEqualTo(378_125);
        assertThat(node.location()).isEqualTo("Packages/nodejs-16.20.2-3.el9.x86_64.rpm");
        assertThat(node.license()).isEqualTo("MIT and ASL 2.0 and ISC and BSD");
        assertThat(node.section()).isEqualTo("Development/Languages");
        assertThat(node.source()).isEqualTo("nodejs-16.20.2-3.el9.src.rpm");
        assertThat(node.strongestChecksum().hex()).isEqualTo("84d4511ec9f125c6ebff2de12ff2b595e7736566708bf9402c2203e015d44108");
        assertThat(node.provides()).contains(new Provide("bundled(v8)", "9.4.146.26"),
                new Provide("nodejs(x86-64)", "1:16.20.2-3.el9"));
        assertThat(node.provides()).extracting(Provide::name).doesNotContain("nodejs");
    }

    @Test
    void appStreamPrimaryYieldsEveryPackage() throws IOException {
        byte[] xml;
        try (InputStream in = RepoData.open(RepoData.file(APPSTREAM, "primary"))) {
            xml = in.readAllBytes();
        }
        long best = Long.MAX_VALUE;
        int[] count = new int[1];
        for (int round = 0; round < 3; round++) {
            count[0] = 0;
            long t0 = System.nanoTime();
            PrimaryParser.parse(new ByteArrayInputStream(xml), "primary.xml", p -> count[0]++);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("AppStream primary: %d packages, %d MB decompressed, best of 3: %d ms%n",
                count[0], xml.length >> 20, best / 1_000_000);
        // The time is printed for the record only: speed is the benchmarks' business (docs/benchmarks.md), and a
        // bound here failed under a loaded machine.
        assertThat(count[0]).isEqualTo(17_649);
    }

    @Test
    void baseosPrimaryMergesWithFilelistsByPkgid() throws IOException {
        List<PackageRecord> primary = RepoData.primary(BASEOS);
        List<PackageFiles> lists = RepoData.filelists(RepoData.file(BASEOS, "filelists"));
        assertThat(primary).hasSize(1_125);
        assertThat(lists).hasSize(1_125);
        Map<String, PackageFiles> byPkgid = new HashMap<>();
        lists.forEach(f -> byPkgid.put(f.pkgid(), f));
        List<PackageRecord> merged = new ArrayList<>();
        for (PackageRecord p : primary) {
            PackageFiles f = byPkgid.get(p.strongestChecksum().hex());
            assertThat(f).as("filelists entry for %s", p.id()).isNotNull();
            assertThat(f.id()).isEqualTo(p.id());
            // primary lists only the "primary" files (createrepo_c: /etc, */bin/*, /usr/lib/sendmail).
            assertThat(f.files()).containsAll(p.files());
            merged.add(PackageRecord.builder(PackageFormat.RPM, p.name(), p.version(), p.arch()).files(f.files()).build());
        }
        PackageRecord mm = find(primary, "ModemManager", "x86_64");
        assertThat(mm.version()).isEqualTo("1.18.2-3.el9");
        assertThat(mm.relations(RelationKind.PRE_DEPENDS)).extracting(Relation::text).containsExactly("/bin/sh", "systemd");
        assertThat(mm.relations(RelationKind.DEPENDS)).extracting(Relation::text)
                .contains("/bin/sh", "ModemManager-glib(x86-64) = 1.18.2-3.el9", "libc.so.6(GLIBC_2.34)(64bit)");
        assertThat(mm.relations(RelationKind.CONFLICTS)).first().isEqualTo(new Relation(RelationKind.CONFLICTS,
                new Requirement.Atom("glib2(x86-64)", null, new VersionConstraint(Op.LT, "2.68.4")), "glib2(x86-64) < 2.68.4"));
        assertThat(mm.provides()).contains(new Provide("ModemManager(x86-64)", "1.18.2-3.el9"),
                Provide.of("libmm-shared-xmm.so()(64bit)"));
        assertThat(mm.files()).containsExactly("/etc/dbus-1/system.d/org.freedesktop.ModemManager1.conf",
                "/usr/bin/mmcli", "/usr/sbin/ModemManager");
        assertThat(merged.stream().mapToLong(p -> p.files().size()).sum()).isGreaterThan(
                primary.stream().mapToLong(p -> p.files().size()).sum());
    }

    @Test
    void azureLinuxZstdMetadata() throws IOException {
        List<PackageRecord> all = RepoData.primary("yum/azurelinux-repo");
        assertThat(all).hasSize(113);
        assertThat(all).allMatch(p -> !p.location().isEmpty() && p.strongestChecksum() != null);
        assertThat(all.stream().flatMap(p -> p.relations().stream()).filter(r -> r.kind().isWeak())).isNotEmpty();
        assertThat(all.stream().flatMap(p -> p.relations().stream()).filter(r -> r.text().startsWith("(")))
                .allMatch(r -> !(r.requirement() instanceof Requirement.Atom));
        List<PackageFiles> lists = RepoData.filelists(RepoData.file("yum/azurelinux-repo", "filelists"));
        assertThat(lists).extracting(PackageFiles::pkgid)
                .containsExactlyInAnyOrderElementsOf(all.stream().map(p -> p.strongestChecksum().hex()).toList());
    }

    @Test
    void tizenRepository() throws IOException {
        List<PackageRecord> all = RepoData.primary("yum/tizen-serranove");
        assertThat(all).hasSize(592);
        assertThat(all).allMatch(p -> !p.name().isEmpty() && !p.version().isEmpty() && !p.arch().isEmpty());
        assertThat(RepoData.filelists(RepoData.file("yum/tizen-serranove", "filelists"))).hasSize(592);
    }

    @Test
    void dnf5UncompressedTestRepo() throws IOException {
        Path dir = Corpus.path("yum/dnf5/test/data/repos-repomd/repomd-repo1/repodata");
        List<PackageRecord> all = new ArrayList<>();
        try (InputStream in = java.nio.file.Files.newInputStream(dir.resolve("primary.xml"))) {
            PrimaryParser.parse(in, "primary.xml", all::add);
        }
        assertThat(all).isNotEmpty().allMatch(p -> p.format() == PackageFormat.RPM);
        assertThat(all).extracting(PackageRecord::version).allMatch(v -> !v.startsWith("0:"));
    }

    @Test
    void xmlBaseMakesAnAbsoluteLocation() {
        String xml = """
                <metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm">
                <package type="rpm"><name>a</name><arch>noarch</arch><version ver="1" rel="2"/>
                  <checksum type="sha256" pkgid="YES">%s</checksum>
                  <location xml:base="http://mirror.example/os" href="Packages/a-1-2.noarch.rpm"/>
                </package>
                <package type="srpm"><name>ignored</name></package>
                <package><name>b</name><arch>x86_64</arch><version epoch="3" ver="1.0"/>
                  <checksum type="sha256" pkgid="YES">%s</checksum>
                  <size package="x" installed="7"/>
                </package>
                </metadata>""".formatted("1".repeat(64), "2".repeat(64));
        List<PackageRecord> all = parse(xml);
        assertThat(all).extracting(PackageRecord::name).containsExactly("a", "b");
        assertThat(all.get(0).location()).isEqualTo("http://mirror.example/os/Packages/a-1-2.noarch.rpm");
        assertThat(all.get(0).version()).isEqualTo("1-2");
        assertThat(all.get(1).version()).isEqualTo("3:1.0");
        assertThat(all.get(1).size()).isZero();
        assertThat(all.get(1).installedSize()).isEqualTo(7);
    }

    @Test
    void malformedXmlNamesFileLineAndColumn() {
        assertThatThrownBy(() -> parse("<metadata>\n<package type=\"rpm\">\n<name>a</nme>\n</package></metadata>"))
                .isInstanceOf(MetadataException.class)
                .hasMessageStartingWith("test-primary.xml:3:")
                .hasMessageContaining("malformed XML");
    }

    @Test
    void badRichDependencyNamesPackageAndLine() {
        String xml = """
                <metadata xmlns:rpm="http://linux.duke.edu/metadata/rpm">
                <package type="rpm"><name>a</name><arch>noarch</arch><version ver="1"/>
                  <checksum type="sha256" pkgid="YES">%s</checksum>
                  <format><rpm:requires>
                    <rpm:entry name="(b or c and d)"/>
                  </rpm:requires></format>
                </package></metadata>""".formatted("1".repeat(64));
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(MetadataException.class)
                .hasMessage("test-primary.xml:5: package a: bad dependency \"(b or c and d)\": "
                        + "cannot mix 'or' and 'and' without parentheses at column 9");
    }
}
