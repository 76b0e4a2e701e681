package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.InstalledPackage;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** apt's own Packages and status fixtures, taken from real bug reports. */
class AptUpstreamFixturesTest {
    private static final String DIR = "apt/apt-upstream-tests/";

    /** Fixtures whose SHA1 fields hold made-up digests (with an 's' in the hex): rejected, not half-read. */
    private static final List<String> FAKE_DIGESTS = List.of(
            "Packages-pdiff-usage", "Packages-pdiff-usage-new", "Packages-policy-pinning");

    static Stream<String> packagesFiles() throws IOException {
        return list("Packages-").filter(n -> !FAKE_DIGESTS.contains(n));
    }

    static Stream<String> fakeDigestFiles() {
        return FAKE_DIGESTS.stream();
    }

    static Stream<String> statusFiles() throws IOException {
        return list("status-");
    }

    private static Stream<String> list(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(Corpus.path(DIR))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("packagesFiles")
    void everyPackagesFixtureParses(String name) throws IOException {
        List<PackageRecord> records = packages(name);
        assertThat(records).isNotEmpty().allSatisfy(p -> assertThat(p.version()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("fakeDigestFiles")
    void madeUpDigestsFailWithFileLineAndField(String name) {
        assertThatThrownBy(() -> packages(name)).isInstanceOf(MetadataException.class)
                .hasMessageMatching(Pattern.quote(name) + ":\\d+: SHA1: not a SHA1 digest: '3c695e028f.*desa81088c'");
    }

    @ParameterizedTest
    @MethodSource("statusFiles")
    void everyStatusFixtureParses(String name) throws IOException {
        try (InputStream in = Files.newInputStream(Corpus.path(DIR + name))) {
            List<InstalledPackage> installed = DpkgStatusReader.read(in, name);
            assertThat(installed).isNotEmpty();
        }
    }

    @Test
    void longFieldsAreNotTruncated() throws IOException {
        // Bug #723705: apt's tagfile lost the fields after a long run of duplicated dependencies.
        PackageRecord p = find(packages("Packages-bug-723705-tagfile-truncates-fields"), "cdebconf-gtk-terminal");
        List<String> deps = p.relations(RelationKind.DEPENDS).stream().map(r -> r.text()).toList();
        assertThat(deps).hasSize(13).startsWith("cdebconf-gtk-udeb", "libc6-udeb (>= 2.17)");
        assertThat(p.location()).isEqualTo("pool/main/c/cdebconf-terminal/cdebconf-gtk-terminal_0.22_amd64.udeb");
    }

    @Test
    void tooLongDependencyLine() throws IOException {
        PackageRecord p = find(packages("Packages-github-23-too-long-dependency-line"), "network-manager-strongswan");
        assertThat(p.relations(RelationKind.DEPENDS)).hasSize(79).last()
                .satisfies(r -> assertThat(r.requirement()).isEqualTo(Requirement.Atom.of("zlib1g")));
        assertThat(p.checksums()).hasSize(4);
    }

    @Test
    void modifierCharactersInNames() throws IOException {
        List<PackageRecord> records = packages("Packages-bug-593360-modifiers-in-names");
        assertThat(records).extracting(PackageRecord::name).contains("g++", "apt", "apt+");
        assertThat(find(records, "g++").source()).isEqualTo("gcc-defaults");
    }

    @Test
    void versionedOrGroups() throws IOException {
        List<PackageRecord> records = packages("Packages-bug-605394-versioned-or-groups");
        assertThat(records.stream().flatMap(p -> p.relations().stream())
                .filter(r -> r.requirement() instanceof Requirement.AnyOf any
                        && any.alternatives().stream().anyMatch(a -> ((Requirement.Atom) a).constraint() != null)))
                .isNotEmpty();
    }

    private static PackageRecord find(List<PackageRecord> records, String name) {
        return records.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<PackageRecord> packages(String name) throws IOException {
        List<PackageRecord> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Corpus.path(DIR + name))) {
            PackagesIndexParser.parse(in, name, out::add);
        }
        return out;
    }
}
