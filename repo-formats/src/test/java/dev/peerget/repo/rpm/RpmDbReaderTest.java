package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.InstalledPackage;
import dev.peerget.model.Op;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real rpm against throwaway databases. */
class RpmDbReaderTest {
    private static final Path DBPATH = Path.of("/var/lib/rpm");
    private static final String HELLO = "rpm/rpm-upstream-tests/tests/data/RPMS/hello-2.0-1.x86_64-signed.rpm";
    private static final String COMPLEX = "yum/pulp-fixtures/rpm-new/assets/packages/complex-package-2.3.4-5.el8.x86_64.rpm";

    private static void rpm(Path root, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("rpm", "--root", root.toString(), "--dbpath", DBPATH.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("%s: %s", cmd, out).isZero();
    }

    private static void install(Path root, String corpusRpm) throws Exception {
        // --justdb: record the package without unpacking files or running scriptlets in the throwaway root.
        rpm(root, "-i", "--justdb", "--nodeps", "--nosignature", "--nodigest", "--ignorearch", "--ignoreos",
                Corpus.path(corpusRpm).toString());
    }

    @Test
    void missingDatabaseIsEmptyAndNotCreated(@TempDir Path root) {
        assertThat(new RpmDbReader().read(root, DBPATH)).isEmpty();
        assertThat(root.resolve("var")).doesNotExist();
    }

    @Test
    void freshlyInitialisedDatabaseIsEmpty(@TempDir Path root) throws Exception {
        Corpus.requireCommand("rpm");
        rpm(root, "--initdb");
        assertThat(new RpmDbReader().read(root, DBPATH)).isEmpty();
    }

    @Test
    void installedPackagesWithDependencies(@TempDir Path root) throws Exception {
        Corpus.requireCommand("rpm");
        rpm(root, "--initdb");
        install(root, HELLO);
        install(root, COMPLEX);
        List<InstalledPackage> all = new RpmDbReader().read(root, DBPATH);
        assertThat(all).hasSize(2).allMatch(InstalledPackage::isInstalled);

        PackageRecord hello = all.stream().map(InstalledPackage::record).filter(r -> r.name().equals("hello"))
                .findFirst().orElseThrow();
        assertThat(hello.version()).isEqualTo("2.0-1");
        assertThat(hello.arch()).isEqualTo("x86_64");
        assertThat(hello.installedSize()).isEqualTo(7243);
        assertThat(hello.source()).isEqualTo("hello-2.0-1.src.rpm");
        assertThat(hello.license()).isEqualTo("GPL");
        assertThat(hello.files()).contains("/usr/bin/hello");
        assertThat(hello.provides()).containsExactly(new Provide("hello(x86-64)", "2.0-1"));
        assertThat(hello.relations(RelationKind.DEPENDS)).extracting(Relation::text)
                .contains("libc.so.6()(64bit)", "rpmlib(FileDigests) <= 4.6.0-1");

        PackageRecord cx = all.stream().map(InstalledPackage::record).filter(r -> r.name().equals("complex-package"))
                .findFirst().orElseThrow();
        assertThat(cx.version()).isEqualTo("1:2.3.4-5.el8");
        assertThat(cx.summary()).isNotEmpty();
        assertThat(cx.relations(RelationKind.PRE_DEPENDS)).extracting(Relation::text).containsExactly("/usr/sbin/useradd");
        assertThat(cx.relations(RelationKind.DEPENDS)).contains(new Relation(RelationKind.DEPENDS,
                new Requirement.Atom("arson", null, new VersionConstraint(Op.GE, "1.0.0-1")), "arson >= 1.0.0-1"));
        assertThat(cx.relations(RelationKind.RECOMMENDS)).extracting(Relation::text)
                .contains("((hiding and attic) if light-treason)", "yacht > 9:11.0-0");
        assertThat(cx.relations()).filteredOn(r -> r.text().equals("(bobloblaw >= 1.1 if maritimelaw else anyone < 0.5.1-2)"))
                .singleElement().extracting(Relation::requirement).isInstanceOf(Requirement.If.class);
        assertThat(cx.relations(RelationKind.OBSOLETES)).isNotEmpty();
        assertThat(cx.provides()).contains(new Provide("laughter", "33"), Provide.of("/usr/bin/ls"));
        assertThat(cx.provides()).extracting(Provide::name).doesNotContain("complex-package");
    }

    @Test
    void rpmFailureIsReported(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("var/lib/rpm"));
        Files.writeString(root.resolve("var/lib/rpm/Packages"), "not a database");
        assertThatThrownBy(() -> new RpmDbReader("false").read(root, DBPATH))
                .isInstanceOf(MetadataException.class).hasMessageContaining("failed with exit code 1");
        assertThatThrownBy(() -> new RpmDbReader("/nonexistent/rpm").read(root, DBPATH))
                .isInstanceOf(MetadataException.class).hasMessageContaining("cannot run /nonexistent/rpm");
    }
}
