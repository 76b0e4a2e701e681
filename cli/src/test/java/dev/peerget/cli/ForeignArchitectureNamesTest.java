package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Debian plan names a package of a foreign architecture {@code name:arch}, as apt-get does (its
 * {@code FullName(true)}): in the lists of the plan and in {@code -s}'s lines, so that {@code libc6} and
 * {@code libc6:i386} stay apart; native and {@code all} packages keep their bare name. A bare name asks for the
 * native build. apt-get 2.6 -s, on the same four packages in an isolated root (APT::Architectures amd64,i386),
 * printed the same NEW list and the same eight Inst/Conf lines, and lists {@code ma-lib:i386} among the additional
 * packages, as peerget does (marks are per architecture). For removals apt-get 2.6 -s,
 * with ma-lib, ma-lib:i386 and ma-tool:i386 installed, printed {@code Remv ma-lib [1.0-1]} for {@code remove ma-lib}
 * (the native one only) and {@code Remv ma-tool:i386 [1.0-1]} for {@code remove ma-tool} (only built for i386).
 */
class ForeignArchitectureNamesTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackAptClient client = new LoopbackAptClient();
    private ThrowawayRoot root;

    @BeforeEach
    void setUp() throws Exception {
        String same = "Multi-Arch: same\n";
        new TestAptRepo(dir.resolve("mirror/debian"), dir.resolve("build"))
                .deb("stable", "ma-lib", "1.0-1", "amd64", same, "usr/lib/x86_64-linux-gnu/ma/lib")
                .deb("stable", "ma-lib", "1.0-1", "i386", same, "usr/lib/i386-linux-gnu/ma/lib")
                .deb("stable", "ma-data", "1.0-1", "all", "Multi-Arch: foreign\n", "usr/share/ma/data")
                .deb("stable", "ma-tool", "1.0-1", "i386", "Depends: ma-data, ma-lib\n", "usr/bin/ma-tool")
                .suite("stable", "stable", "bookworm", List.of("amd64", "i386"), "Label: MaLabel\n");
        root = client.serve(dir.resolve("mirror"), dir.resolve("root"), "debian/ stable main");
        // What dpkg --add-architecture i386 records: dpkg then accepts i386 packages, and peerget (as apt) fetches
        // the i386 indexes too.
        Files.writeString(root.resolve("/var/lib/dpkg/arch"), "amd64\ni386\n");
        client.update();
    }

    @Test
    void foreignPackagesAreNamedWithTheirArchitecture() {
        CliRun run = CliRun.in(root, "install", "-s", "ma-tool:i386", "ma-lib");
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        List<String> lines = Arrays.asList(run.stdout().split("\n"));
        // ma-tool:i386 needs ma-lib of its own architecture (a plain Depends of a Multi-Arch: same library), and
        // the bare name ma-lib is the native build, as for apt-get: both are installed.
        assertThat(lines).containsSubsequence("The following NEW packages will be installed:",
                "  ma-data ma-lib ma-lib:i386 ma-tool:i386");
        assertThat(lines.stream().filter(l -> l.matches("(Inst|Conf) .*")))
                .contains("Inst ma-lib:i386 (1.0-1 MaLabel:stable [i386])",
                        "Inst ma-lib (1.0-1 MaLabel:stable [amd64])",
                        "Inst ma-data (1.0-1 MaLabel:stable [all])",
                        "Inst ma-tool:i386 (1.0-1 MaLabel:stable [i386])",
                        "Conf ma-tool:i386 (1.0-1 MaLabel:stable [i386])");
    }

    @Test
    void aBareNameRemovesTheNativePackageAndAForeignOnlyNameItsForeignOne() {
        CliRun install = CliRun.in(root, "install", "-y", "ma-tool:i386", "ma-lib");
        assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();

        CliRun lib = CliRun.in(root, "remove", "-s", "ma-lib");
        assertThat(lib.exitCode()).as(lib.stdout() + lib.stderr()).isZero();
        assertThat(Arrays.stream(lib.stdout().split("\n")).filter(l -> l.startsWith("Remv ")))
                .containsExactly("Remv ma-lib [1.0-1]");

        CliRun tool = CliRun.in(root, "remove", "-s", "ma-tool");
        assertThat(tool.exitCode()).as(tool.stdout() + tool.stderr()).isZero();
        assertThat(Arrays.stream(tool.stdout().split("\n")).filter(l -> l.startsWith("Remv ")))
                .containsExactly("Remv ma-tool:i386 [1.0-1]");
        assertThat(tool.stdout()).contains("The following packages will be REMOVED:\n  ma-tool:i386\n");
    }

    /**
     * Install marks are per architecture, as apt's: with ma-lib asked for and ma-lib:i386 pulled in by ma-tool:i386,
     * the plan lists ma-lib:i386 among the additional packages (apt-get 2.6 -s does), and once ma-tool:i386 is
     * gone, autoremove takes ma-lib:i386 and leaves the ma-lib the user asked for.
     */
    @Test
    void marksAreKeptPerArchitecture() {
        CliRun install = CliRun.in(root, "install", "-y", "ma-tool:i386", "ma-lib");
        assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
        assertThat(install.stdout()).contains("The following additional packages will be installed:\n"
                + "  ma-data ma-lib:i386\n");
        CliRun showauto = CliRun.in(root, "mark", "showauto", "--json");
        assertThat(showauto.stdout()).as(showauto.stdout()).contains("\"name\":\"ma-lib\",\"arch\":\"i386\"")
                .doesNotContain("\"name\":\"ma-lib\",\"arch\":\"amd64\"");

        // As apt-mark auto would leave it (also when apt installed them): the i386 build automatic, the native
        // one manual. Autoremove must weigh each build's own mark.
        assertThat(CliRun.in(root, "mark", "auto", "ma-lib:i386").exitCode()).isZero();
        assertThat(CliRun.in(root, "remove", "-y", "ma-tool:i386").exitCode()).isZero();
        CliRun autoremove = CliRun.in(root, "autoremove", "-s");
        assertThat(autoremove.exitCode()).as(autoremove.stdout() + autoremove.stderr()).isZero();
        assertThat(Arrays.stream(autoremove.stdout().split("\n")).filter(l -> l.startsWith("Remv ")))
                .containsExactlyInAnyOrder("Remv ma-lib:i386 [1.0-1]", "Remv ma-data [1.0-1]");
    }

    /**
     * Every architecture's Packages file of the suite lists the {@code all} package ma-data (as in Debian's
     * archive). apt knows it as one version (apt-cache show prints one record, apt list -a one line; only
     * apt-cache policy names both indexes), and so must peerget: in list, show, search and a plan.
     */
    @Test
    void anArchitectureAllPackageListedInEveryIndexIsKnownOnce() {
        CliRun list = CliRun.in(root, "list", "--all", "ma-*");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(Arrays.stream(list.stdout().split("\n")).filter(l -> l.startsWith("ma-data/")))
                .as(list.stdout()).hasSize(1);
        assertThat(Arrays.stream(list.stdout().split("\n")).filter(l -> l.startsWith("ma-lib/")))
                .as(list.stdout()).hasSize(2);
        CliRun show = CliRun.in(root, "show", "ma-data");
        assertThat(show.exitCode()).as(show.stderr()).isZero();
        assertThat(Arrays.stream(show.stdout().split("\n")).filter(l -> l.startsWith("Package: ")))
                .as(show.stdout()).containsExactly("Package: ma-data");
        CliRun search = CliRun.in(root, "search", "ma-data");
        assertThat(Arrays.stream(search.stdout().split("\n")).filter(l -> l.startsWith("ma-data")))
                .as(search.stdout()).hasSize(1);
        CliRun plan = CliRun.in(root, "install", "-s", "ma-data");
        assertThat(plan.stdout()).as(plan.stderr()).contains("0 upgraded, 1 newly installed");
    }
}
