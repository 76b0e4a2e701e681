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
 * A flat repository ({@code deb URI/pool/flat/ ./}) has one Packages file for every architecture. On a machine
 * with a foreign architecture (dpkg's arch file lists amd64 and i386), apt 2.6 fetches it once and knows each of
 * its packages once; peerget must too, rather than once per configured architecture.
 */
class FlatRepositoryTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackAptClient client = new LoopbackAptClient();
    private ThrowawayRoot root;

    @BeforeEach
    void setUp() throws Exception {
        new TestAptRepo(dir.resolve("mirror/debian"), dir.resolve("build"))
                .deb("flat", "bar", "1.0-1", "amd64", "", "usr/bin/bar")
                .deb("flat", "baz", "1.0-1", "i386", "", "usr/bin/baz")
                .deb("flat", "doc", "1.0-1", "all", "", "usr/share/doc/doc/README")
                .flat("flat");
        root = client.serve(dir.resolve("mirror"), dir.resolve("root"), "debian/pool/flat/ ./");
        Files.writeString(root.resolve("/var/lib/dpkg/arch"), "amd64\ni386\n");
    }

    @Test
    void theIndexIsFetchedOnceAndEachPackageIsKnownOnce() {
        CliRun update = CliRun.in(root, "update");
        assertThat(update.exitCode()).as(update.stdout() + update.stderr()).isZero();
        List<String> gets = Arrays.stream(update.stdout().split("\n")).filter(l -> l.startsWith("Get:")).toList();
        assertThat(gets).as(update.stdout()).hasSize(2);
        assertThat(gets.get(0)).contains("InRelease");
        assertThat(gets.get(1)).contains("Packages");

        CliRun list = CliRun.in(root, "list", "--all");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        List<String> entries = Arrays.stream(list.stdout().split("\n")).filter(l -> l.contains("/")).toList();
        assertThat(entries).as(list.stdout()).hasSize(3);
        assertThat(entries).anySatisfy(l -> assertThat(l).startsWith("bar/"))
                .anySatisfy(l -> assertThat(l).startsWith("baz/"))
                .anySatisfy(l -> assertThat(l).startsWith("doc/"));

        CliRun plan = CliRun.in(root, "install", "-s", "bar", "baz:i386", "doc");
        assertThat(plan.exitCode()).as(plan.stdout() + plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("0 upgraded, 3 newly installed, 0 to remove and 0 not upgraded.");
    }
}
