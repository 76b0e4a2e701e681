package dev.peerget.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.cache.MetadataStore;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.TestSystem;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.update.UpdateListener;
import dev.peerget.model.PackageFormat;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.StaticHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every x86_64 and noarch package of the real CentOS Stream 9 AppStream repository checked for installability
 * into an empty system, with BaseOS available to satisfy dependencies as on a real system, by peerget's resolver
 * and by libsolv: the sets of uninstallable AppStream packages must be equal.
 *
 * <p>The oracle is libsolv's {@code installcheck} algorithm run through libsolv's Python binding
 * ({@code rpm_installcheck.py} says why not {@code /usr/bin/installcheck} itself: Debian builds libsolv with
 * Debian version semantics). i686 builds are left out on both sides: libsolv's x86_64 policy admits them and
 * installcheck locks them out whenever an x86_64 build of the name exists, while peerget treats them as multilib.
 */
class CentOsArchiveCheckTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path root;

    @Test
    void appStreamBrokenPackagesMatchLibsolv() throws Exception {
        requireLibsolvBinding();
        Path corpus = Corpus.path("yum/osbuild-cs9");
        Path appStream = corpus.resolve("appstream-and-custom/appstream");
        Path baseOs = corpus.resolve("baseos");
        TestSystem system = new TestSystem(root).set(Setting.PACKAGE_FORMAT, "rpm").set(Setting.ARCHITECTURE, "amd64");
        try (StaticHttpServer server = StaticHttpServer.serve(corpus)) {
            system.write("etc/yum.repos.d/centos.repo", "[appstream]\nname=AppStream\nbaseurl="
                    + server.baseUri().resolve("appstream-and-custom/appstream/") + "\n\n[baseos]\nname=BaseOS\nbaseurl="
                    + server.baseUri().resolve("baseos/") + "\n");
            try (Peerget engine = system.engine()) {
                var report = engine.update(UpdateListener.NONE);
                assertThat(report.anyFailed()).as(String.valueOf(report.outcomes())).isFalse();
            }
        }
        ArchiveCheck.Result ours;
        try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
            ours = ArchiveCheck.run(system.context(), store, PackageFormat.RPM,
                    arch -> arch.equals("x86_64") || arch.equals("noarch"));
        }
        Set<String> ourBroken = new TreeSet<>();
        ours.broken().stream().filter(c -> c.source().equalsIgnoreCase("appstream"))
                .forEach(c -> ourBroken.add(nevra(c.name(), c.record().version(), c.record().arch())));

        Set<String> libsolvBroken = libsolvBroken(single(appStream, "primary.xml.gz"),
                single(baseOs, "primary.xml.gz") + ":" + single(baseOs, "filelists.xml.gz"));
        assertThat(libsolvBroken).as("libsolv found broken packages").isNotEmpty();
        Set<String> onlyOurs = new TreeSet<>(ourBroken);
        onlyOurs.removeAll(libsolvBroken);
        Set<String> onlyLibsolv = new TreeSet<>(libsolvBroken);
        onlyLibsolv.removeAll(ourBroken);
        assertThat(onlyOurs).as("broken for peerget only").isEmpty();
        assertThat(onlyLibsolv).as("broken for libsolv only").isEmpty();
    }

    /** The AppStream packages libsolv cannot install, as name-epoch:version-release.arch. */
    private Set<String> libsolvBroken(Path checked, String available) throws IOException, InterruptedException {
        Path script = root.resolve("rpm_installcheck.py");
        try (InputStream in = getClass().getResourceAsStream("rpm_installcheck.py")) {
            Files.copy(in, script);
        }
        Process check = new ProcessBuilder(PYTHON, script.toString(), "x86_64", checked.toString(), "--nocheck",
                available).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as("rpm_installcheck.py exit code").isZero();
        Set<String> broken = new TreeSet<>();
        for (String line : report.split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split("\t");
                broken.add(nevra(f[0], f[1], f[2]));
            }
        }
        return broken;
    }

    /** One spelling on both sides: libsolv leaves a zero epoch out, peerget's version may carry it. */
    private static String nevra(String name, String evr, String arch) {
        String withEpoch = evr.matches("\\d+:.*") ? evr : "0:" + evr;
        return name + "-" + withEpoch + "." + arch;
    }

    private static Path single(Path repo, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(repo.resolve("repodata"))) {
            List<Path> matches = files.filter(f -> f.getFileName().toString().endsWith("-" + suffix)).toList();
            assertThat(matches).hasSize(1);
            return matches.get(0);
        }
    }

    private static void requireLibsolvBinding() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(PYTHON, "-c", "import solv").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        if (probe.waitFor() != 0) {
            throw new AssertionError("libsolv's Python binding is not installed: run scripts/install-test-deps.sh");
        }
    }
}
