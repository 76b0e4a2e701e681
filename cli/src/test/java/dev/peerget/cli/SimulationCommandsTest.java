package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -s} prints apt-get's simulation lines in the order of the dpkg runs a real install would make, with the
 * release named as apt names it ({@code Label:Version/Suite}). The lines were compared with apt-get 2.6's for
 * the same repository and status: the same lines, stages and removals first; within a stage apt interleaves
 * Inst and Conf its own way, where peerget shows its dpkg runs. A signed repository built with the real tools (Release with Origin, Label and Version), a root where the
 * real dpkg installed the old versions.
 */
class SimulationCommandsTest {
    private static final String RELEASE = "SimLabel:12.5/stable";

    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackAptClient client = new LoopbackAptClient();
    private ThrowawayRoot root;

    @BeforeEach
    void setUp() throws Exception {
        new TestAptRepo(dir.resolve("mirror/debian"), dir.resolve("build"))
                .deb("stable", "sim-base", "1.0-1", "amd64", "", "usr/share/sim/base")
                .deb("stable", "sim-lib", "1.0-1", "amd64", "Depends: sim-base\n", "usr/share/sim/lib")
                .deb("stable", "sim-tool", "1.0-1", "amd64", "", "usr/share/sim/tool")
                .deb("stable", "sim-app", "1.0-1", "amd64", "Pre-Depends: sim-lib\nDepends: sim-tool\n",
                        "usr/share/sim/app")
                // Only in a pool no suite lists (dpkg-scanpackages keeps one version of a name): installed from
                // the file, then upgraded from the repository.
                .deb("old", "sim-shell", "1.0-1", "amd64", "", "usr/share/sim/shell")
                .deb("stable", "sim-shell", "1.0-2", "amd64", "", "usr/share/sim/shell")
                .deb("stable", "sim-old", "1.0-1", "amd64", "", "usr/share/sim/old")
                .deb("stable", "sim-conf", "2.0-1", "amd64", "", "usr/share/sim/conf")
                // A Pre-Depends inside a dependency loop that nothing installed meets: dpkg cannot order it.
                .deb("stable", "sim-loop-a", "1.0-1", "amd64", "Pre-Depends: sim-loop-b\n", "usr/share/sim/la")
                .deb("stable", "sim-loop-b", "1.0-1", "amd64", "Depends: sim-loop-a\n", "usr/share/sim/lb")
                .suite("stable", "stable", "bookworm", List.of("amd64"),
                        "Origin: SimOrigin\nLabel: SimLabel\nVersion: 12.5\n");
        root = client.start(dir.resolve("mirror"), dir.resolve("root"), "debian/ stable main");
        CliRun old = client.peerget("install", "-y", "sim-old", "sim-conf",
                dir.resolve("mirror/debian/pool/old/sim-shell_1.0-1_amd64.deb").toString());
        assertThat(old.exitCode()).as(old.stdout() + old.stderr()).isZero();
    }

    /** The simulation lines of a run's output, in order. */
    private static List<String> simulationLines(CliRun run) {
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        return Arrays.stream(run.stdout().split("\n"))
                .filter(l -> l.matches("(Inst|Conf|Remv|Purg) .*")).toList();
    }

    @Test
    void linesFollowTheDpkgRunsRemovalsFirstThenPreDependsStagedEarly() {
        // One line per package and dpkg run: the removal first; sim-lib (pre-depended on) and sim-base (which it
        // needs) unpacked and configured before sim-app is unpacked, as apt-get 2.6 -s shows them; the rest in one
        // last stage, dependencies first; the upgrade shows the installed version in brackets.
        assertThat(simulationLines(client.peerget("install", "-s", "sim-app", "sim-shell", "sim-old-")))
                .containsExactly(
                        "Remv sim-old [1.0-1]",
                        "Inst sim-base (1.0-1 " + RELEASE + " [amd64])",
                        "Inst sim-lib (1.0-1 " + RELEASE + " [amd64])",
                        "Conf sim-base (1.0-1 " + RELEASE + " [amd64])",
                        "Conf sim-lib (1.0-1 " + RELEASE + " [amd64])",
                        "Inst sim-tool (1.0-1 " + RELEASE + " [amd64])",
                        "Inst sim-app (1.0-1 " + RELEASE + " [amd64])",
                        "Inst sim-shell [1.0-1] (1.0-2 " + RELEASE + " [amd64])",
                        "Conf sim-tool (1.0-1 " + RELEASE + " [amd64])",
                        "Conf sim-app (1.0-1 " + RELEASE + " [amd64])",
                        "Conf sim-shell (1.0-2 " + RELEASE + " [amd64])");
    }

    @Test
    void purgeAndRemoveShowTheInstalledVersion() {
        assertThat(simulationLines(client.peerget("purge", "-s", "sim-conf"))).containsExactly("Purg sim-conf [2.0-1]");
        assertThat(simulationLines(client.peerget("remove", "-s", "sim-old", "sim-conf")))
                .as("one dpkg --remove run, in the order it names them")
                .containsExactly("Remv sim-old [1.0-1]", "Remv sim-conf [2.0-1]");
    }

    @Test
    void upgradeAloneIsUnpackedThenConfigured() {
        assertThat(simulationLines(client.peerget("upgrade", "-s"))).containsExactly(
                "Inst sim-shell [1.0-1] (1.0-2 " + RELEASE + " [amd64])",
                "Conf sim-shell (1.0-2 " + RELEASE + " [amd64])");
    }

    @Test
    void aPlanDpkgCannotOrderIsShownInPlanOrderWithoutComment() {
        CliRun loop = client.peerget("install", "-s", "sim-loop-a");
        assertThat(simulationLines(loop)).containsExactly(
                "Inst sim-loop-a (1.0-1 " + RELEASE + " [amd64])",
                "Inst sim-loop-b (1.0-1 " + RELEASE + " [amd64])");
        assertThat(loop.stderr()).isEmpty();
    }
}
