package dev.peerget.installer.deb;

import static dev.peerget.installer.InstallerFixtures.execute;
import static dev.peerget.installer.InstallerFixtures.prepared;
import static dev.peerget.installer.InstallerFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.installer.Action;
import dev.peerget.installer.Installer;
import dev.peerget.installer.ScriptMode;
import dev.peerget.installer.Step;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.PackageFormat;
import dev.peerget.repo.deb.DebianRules;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixturePackages;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.ThrowawayRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apt as the oracle of dpkg ordering: apt plans a fixture install against a throwaway root's status file and
 * prints the dpkg runs it would make ({@code Debug::pkgDPkgPM}, which runs nothing); the same packages are then
 * ordered by {@link DpkgOrdering} and both run sequences must agree (which packages each run removes, unpacks or
 * configures; apt's final {@code --configure --pending} stands for everything unpacked and not yet configured).
 */
class DpkgOrderingAgainstAptTest {
    private static FixtureRepos repos;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        Corpus.requireCommand("apt-get");
        repos = FixtureRepos.get();
    }

    @Test
    void freshInstallWithPreDependsCycleAndPlainDependencies() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
        prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);
        assertThat(assertSameRuns(root, "pg-pre", "pg-hello", "pg-cyc-a")).containsExactly(
                "UNPACK pg-base:amd64", "CONFIGURE pg-base:amd64",
                "UNPACK pg-cyc-a:all pg-cyc-b:all pg-data:all pg-hello:amd64 pg-libgreet:amd64 pg-pre:amd64",
                "CONFIGURE pg-cyc-a:all pg-cyc-b:all pg-data:all pg-hello:amd64 pg-libgreet:amd64 pg-pre:amd64");
    }

    @Test
    void replacingAConflictingProviderRemovesItFirst() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOTLESS);
        FixturePackages p = new FixturePackages(repos);
        execute(installer, "setup", step(Action.INSTALL, p.deb("pg-virtual-user", "1.0-1", "all")),
                step(Action.INSTALL, p.deb("pg-mta-a", "1.0-1", "amd64")));
        assertThat(assertSameRuns(root, "pg-mta-b", "pg-hello")).containsExactly("REMOVE pg-mta-a:amd64",
                "UNPACK pg-data:all pg-hello:amd64 pg-libgreet:amd64 pg-mta-b:amd64",
                "CONFIGURE pg-data:all pg-hello:amd64 pg-libgreet:amd64 pg-mta-b:amd64");
    }

    /** Asserts that apt and {@link DpkgOrdering} make the same runs; returns them, normalised. */
    private List<String> assertSameRuns(ThrowawayRoot root, String... request) throws Exception {
        List<String> apt = aptRuns(root, request);
        assertThat(apt).as("apt planned something").isNotEmpty();

        List<Step> steps = new ArrayList<>();
        for (String run : apt) {
            String[] words = run.split(" ");
            for (int i = 1; i < words.length; i++) {
                if (words[0].equals("UNPACK")) {
                    Path file = Path.of(words[i]);
                    steps.add(step(Action.INSTALL, file));
                } else if (words[0].equals("REMOVE")) {
                    String[] nameArch = words[i].split(":");
                    steps.add(Step.Remove.of(nameArch[0], nameArch[1]));
                }
            }
        }
        List<InstalledPackage> installed = new ArrayList<>(new DpkgDatabase(root.dpkgAdminDir()).read().values());
        List<DpkgOrdering.Batch> ours = DpkgOrdering.order(steps, installed.stream().map(InstalledPackage::record)
                .toList(), new DebianRules("amd64"));

        assertThat(normalise(describe(ours))).isEqualTo(normalise(apt));
        return normalise(apt);
    }

    /** Our runs as "KIND name:arch..." with unpack operands as file paths, like the parsed apt runs. */
    private static List<String> describe(List<DpkgOrdering.Batch> batches) {
        List<String> out = new ArrayList<>();
        for (DpkgOrdering.Batch b : batches) {
            List<String> words = new ArrayList<>(List.of(b.kind().name()));
            for (Step s : b.steps()) {
                words.add(s instanceof Step.Install i && b.kind() == DpkgOrdering.Kind.UNPACK
                        ? i.file().toString() : s.name() + ":" + s.arch());
            }
            out.add(String.join(" ", words));
        }
        return out;
    }

    /**
     * Runs as kinds with package sets (order within a run is dpkg's business once the runs agree); unpack
     * operands become {@code name:arch} from the file name; "CONFIGURE --pending" becomes the pending set.
     */
    private static List<String> normalise(List<String> runs) {
        List<String> out = new ArrayList<>();
        Set<String> pending = new LinkedHashSet<>();
        for (String run : runs) {
            String[] words = run.split(" ");
            Set<String> names = new TreeSet<>();
            for (int i = 1; i < words.length; i++) {
                String w = words[i];
                if (w.endsWith(".deb")) {
                    String[] f = Path.of(w).getFileName().toString().replace(".deb", "").split("_");
                    w = f[0] + ":" + f[2];
                }
                names.add(w);
            }
            if (words[0].equals("UNPACK")) {
                pending.addAll(names);
            } else if (words[0].equals("CONFIGURE")) {
                if (names.contains("--pending")) {
                    names = new TreeSet<>(pending);
                }
                pending.removeAll(names);
            }
            out.add(words[0] + " " + String.join(" ", names));
        }
        return out;
    }

    /** apt's dpkg runs for {@code apt-get install request...}, as "KIND operand...". */
    private List<String> aptRuns(ThrowawayRoot root, String... request) throws Exception {
        Path dir = tmp.resolve("apt");
        for (String sub : List.of("etc/apt/apt.conf.d", "etc/apt/preferences.d", "etc/apt/sources.list.d",
                "etc/apt/trusted.gpg.d", "var/lib/apt/lists/partial", "var/cache/apt/archives/partial", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(dir.resolve("etc/apt/sources.list"), "deb [signed-by=" + repos.keyBinary() + "] file:"
                + repos.aptRoot() + " stable main contrib\n");
        List<String> options = new ArrayList<>();
        String[][] settings = {
            {"Dir", dir.toString()},
            {"Dir::State::status", root.dpkgAdminDir().resolve("status").toString()},
            {"Dir::Etc", dir.resolve("etc/apt").toString()},
            {"Dir::Etc::Parts", dir.resolve("etc/apt/apt.conf.d").toString()},
            {"Dir::Log", dir.resolve("log").toString()},
            {"APT::Architecture", "amd64"},
            {"APT::Architectures::", "amd64"},
            {"APT::Install-Recommends", "false"},
            {"Debug::NoLocking", "1"},
            {"APT::Sandbox::User", "root"},
            {"Acquire::Languages", "none"},
            {"Debug::pkgDPkgPM", "1"},
        };
        for (String[] s : settings) {
            options.add("-o");
            options.add(s[0] + "=" + s[1]);
        }
        List<String> update = new ArrayList<>(List.of("apt-get"));
        update.addAll(options);
        update.add("update");
        run(update);
        List<String> install = new ArrayList<>(List.of("apt-get"));
        install.addAll(options);
        install.addAll(List.of("-y", "install"));
        install.addAll(List.of(request));
        List<String> runs = new ArrayList<>();
        for (String line : run(install).lines().toList()) {
            if (!line.contains("dpkg") || line.contains("--set-selections")) {
                continue;
            }
            List<String> words = List.of(line.trim().split("\\s+"));
            String kind = words.contains("--unpack") ? "UNPACK" : words.contains("--configure") ? "CONFIGURE"
                    : words.contains("--remove") ? "REMOVE" : words.contains("--purge") ? "PURGE" : null;
            if (kind == null) {
                continue;
            }
            List<String> operands = new ArrayList<>(List.of(kind));
            int op = Math.max(Math.max(words.indexOf("--unpack"), words.indexOf("--configure")),
                    Math.max(words.indexOf("--remove"), words.indexOf("--purge")));
            for (String w : words.subList(op + 1, words.size())) {
                if (!w.startsWith("--") || w.equals("--pending")) {
                    operands.add(w);
                }
            }
            runs.add(String.join(" ", operands));
        }
        return runs;
    }

    private static String run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("APT_CONFIG");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s:%n%s", command, out).isZero();
        return out;
    }
}
