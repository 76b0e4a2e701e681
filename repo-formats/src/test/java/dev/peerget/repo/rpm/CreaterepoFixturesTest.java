package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Op;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.Requirement.AllOf;
import dev.peerget.model.Requirement.AnyOf;
import dev.peerget.model.Requirement.Atom;
import dev.peerget.model.Requirement.If;
import dev.peerget.model.Requirement.Unless;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** createrepo_c's deliberately odd or broken metadata, and a repository built by createrepo_c from pulp's RPM. */
class CreaterepoFixturesTest {
    private static final String MODIFIED = "yum/createrepo_c/tests/testdata/modified_repo_files/";

    private static List<PackageRecord> primary(String name) throws IOException {
        Path file = Corpus.path(MODIFIED + name);
        List<PackageRecord> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            PrimaryParser.parse(in, name, out::add);
        }
        return out;
    }

    private static List<PackageFiles> filelists(String name) throws IOException {
        Path file = Corpus.path(MODIFIED + name);
        List<PackageFiles> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            FilelistsParser.parse(in, name, out::add);
        }
        return out;
    }

    /** Unknown elements are skipped with their content; a package hidden inside one is therefore not seen. */
    @ParameterizedTest
    @CsvSource({
        "unknown_element_00-primary.xml, 'fake_bash,super_kernel'",
        "unknown_element_01-primary.xml, 'fake_bash'",
        "unknown_element_02-primary.xml, 'fake_bash,super_kernel'",
        "multiple_warnings_00-primary.xml, 'fake_bash,super_kernel'",
        "long_primary.xml, ''"})
    void oddButValidPrimariesAreTolerated(String file, String names) throws IOException {
        List<PackageRecord> all = primary(file);
        if (names.isEmpty()) {
            assertThat(all).isNotEmpty();
        } else {
            assertThat(all).extracting(PackageRecord::name).containsExactly(names.split(","));
        }
    }

    @Test
    void multipleWarningsKeepsBadFileTypeAndIgnoresBadNumbers() throws IOException {
        PackageRecord bash = primary("multiple_warnings_00-primary.xml").get(0);
        assertThat(bash.files()).containsExactly("/usr/bin/fake_bash");
        assertThat(bash.provides()).containsExactly(Provide.of("bash"), new Provide("fake_bash(x86-64)", "1.1.1-1"));
    }

    @Test
    void escapedAmpersandsAreDecoded() throws IOException {
        PackageRecord p = primary("repo_01_ampersand-primary.xml").get(0);
        assertThat(p.summary()).isEqualTo("Tes&t package");
        assertThat(p.location()).isEqualTo("super_kernel&-6.0.1-2.x86_64.rpm");
        assertThat(p.license()).isEqualTo("LGPL&v2");
        assertThat(p.relations(RelationKind.PRE_DEPENDS)).extracting(Relation::text).containsExactly("bzip2 >= 1.0.0", "expat");
        assertThat(p.relations(RelationKind.DEPENDS)).extracting(Relation::text).containsExactly("glib >= 2.2&6.0", "zlib");
        assertThat(p.files()).contains("/usr/bin&/super_kernel");
        assertThat(filelists("repo_01_ampersand-filelists.xml")).isNotEmpty();
    }

    @Test
    void packageWithoutChecksumIsAnError() {
        assertThatThrownBy(() -> primary("error_00-primary.xml")).isInstanceOf(MetadataException.class)
                .hasMessage("error_00-primary.xml:3: package fake_bash has no <checksum pkgid=\"YES\">");
    }

    @ParameterizedTest
    @CsvSource({
        "error_00-filelists.xml, 'error_00-filelists.xml:3: package fake_bash has no pkgid attribute'",
        "no_pkgid-filelists.xml, 'no_pkgid-filelists.xml:7: package super_kernel has no pkgid attribute'"})
    void filelistsWithoutPkgidCannotBeMerged(String file, String message) {
        assertThatThrownBy(() -> filelists(file)).isInstanceOf(MetadataException.class).hasMessage(message);
    }

    @Test
    void tolerableFilelists() throws IOException {
        assertThat(filelists("bad_file_type-filelists.xml").get(1).files()).containsExactly(
                "/usr/bin/super_kernel", "/usr/share/man/super_kernel.8.gz", "/usr/file_with_bad_type");
        // As in primary.xml, the package wrapped in an unknown <bar> element is skipped with it.
        assertThat(filelists("unknown_element_01-filelists.xml")).extracting(p -> p.id().name()).containsExactly("fake_bash");
        for (String f : List.of("unknown_element_00-filelists.xml", "unknown_element_02-filelists.xml", "repo_02_different_order_filelists.xml",
                "multiple_warnings_00-filelists.xml")) {
            assertThat(filelists(f)).as(f).hasSize(2).allMatch(p -> !p.files().isEmpty());
        }
        assertThat(filelists("multiple_warnings_00-filelists.xml").get(0).id().arch()).isEmpty();
    }

    /** pulp's complex-package, indexed by the real createrepo_c, must yield the rich deps rpm itself reports. */
    @Test
    void complexPackageRichDependencies(@TempDir Path repo) throws Exception {
        Corpus.requireCommand("createrepo_c");
        Path rpm = Corpus.path("yum/pulp-fixtures/rpm-new/assets/packages/complex-package-2.3.4-5.el8.x86_64.rpm");
        Files.copy(rpm, repo.resolve(rpm.getFileName()));
        Process p = new ProcessBuilder("createrepo_c", "--quiet", repo.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        Repomd md;
        try (InputStream in = Files.newInputStream(repo.resolve("repodata/repomd.xml"))) {
            md = RepomdParser.parse(in, "repomd.xml");
        }
        Path primary = repo.resolve(md.data("primary").orElseThrow().location());
        assertThat(RepoData.sha256(primary)).isEqualTo(md.data("primary").orElseThrow().checksum().hex());
        List<PackageRecord> all = new ArrayList<>();
        try (InputStream in = RepoData.open(primary)) {
            PrimaryParser.parse(in, primary.toString(), all::add);
        }
        assertThat(all).hasSize(1);
        PackageRecord pkg = all.get(0);
        assertThat(pkg.id().version()).isEqualTo("1:2.3.4-5.el8");
        Map<RelationKind, List<String>> byKind = pkg.relations().stream()
                .collect(Collectors.groupingBy(Relation::kind, Collectors.mapping(Relation::text, Collectors.toList())));
        assertThat(byKind.get(RelationKind.PRE_DEPENDS)).containsExactly("/usr/sbin/useradd");
        assertThat(byKind.get(RelationKind.DEPENDS)).contains("/usr/bin/bash", "arson >= 1.0.0-1", "fur <= 2", "staircar <= 99.1-3");
        assertThat(byKind.get(RelationKind.RECOMMENDS)).containsExactlyInAnyOrder(
                "((hiding and attic) if light-treason)", "GeneParmesan(PI)", "yacht > 9:11.0-0");
        assertThat(byKind.get(RelationKind.OBSOLETES)).isNotEmpty();
        Requirement law = find(pkg, "(bobloblaw >= 1.1 if maritimelaw else anyone < 0.5.1-2)");
        assertThat(law).isEqualTo(new If(new Atom("bobloblaw", null, new VersionConstraint(Op.GE, "1.1")),
                Atom.of("maritimelaw"), new Atom("anyone", null, new VersionConstraint(Op.LT, "0.5.1-2"))));
        assertThat(find(pkg, "((hiding and illusion) unless alliance-of-magicians)")).isEqualTo(new Unless(
                new AllOf(List.of(Atom.of("hiding"), Atom.of("illusion"))), Atom.of("alliance-of-magicians"), null));
        assertThat(find(pkg, "(job or money > 9000)")).isInstanceOf(AnyOf.class);
        assertThat(pkg.relations()).filteredOn(r -> r.text().equals("comedy = 11.1-4")).hasSize(1);
        assertThat(pkg.provides()).contains(new Provide("laughter", "33"), Provide.of("narration(ronhoward)"),
                new Provide("complex-package(x86-64)", "1:2.3.4-5.el8"));
        assertThat(pkg.provides()).extracting(Provide::name).doesNotContain("complex-package");
    }

    private static Requirement find(PackageRecord pkg, String text) {
        return pkg.relations().stream().filter(r -> r.text().equals(text)).findFirst().orElseThrow().requirement();
    }
}
