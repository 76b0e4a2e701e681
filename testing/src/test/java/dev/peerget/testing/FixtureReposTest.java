package dev.peerget.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the fixture repositories are what real clients accept: apt-get over loopback HTTP, rpmkeys and
 * gpgv. If these pass, a peerget failure against the fixtures is peerget's bug.
 */
class FixtureReposTest {
    private static FixtureRepos repos;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() {
        for (String tool : List.of("apt-get", "apt-cache", "rpmkeys", "gpgv", "xz")) {
            Corpus.requireCommand(tool);
        }
        repos = FixtureRepos.get();
    }

    @Test
    void keysAreExported() throws IOException {
        assertThat(repos.fingerprint()).matches("[0-9A-F]{40}");
        assertThat(Files.readString(repos.keyArmored())).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        assertThat(Files.size(repos.keyBinary())).isPositive();
        assertThat(Files.mismatch(repos.keyBinary(), repos.otherKeyBinary())).isNotEqualTo(-1L);
    }

    @Test
    void aptGetUpdateAcceptsTheRepositoryAndSeesBothVersions() throws Exception {
        try (StaticHttpServer server = StaticHttpServer.serve(repos.aptRoot())) {
            AptRoot apt = new AptRoot(tmp.resolve("apt"), server, repos.keyBinary());
            Result update = apt.run("apt-get", "update");
            assertThat(update.exitCode()).as(update.output()).isZero();
            assertThat(update.output()).doesNotContainPattern("(?m)^[WE]:");

            Result policy = apt.run("apt-cache", "policy", "pg-libgreet");
            assertThat(policy.exitCode()).as(policy.output()).isZero();
            assertThat(policy.output())
                    .contains("Candidate: 1.1-1")
                    .containsPattern("1\\.1-1 500\\s+500 http://127\\.0\\.0\\.1:\\d+ stable/main amd64 Packages")
                    .containsPattern("1\\.0-1 500\\s+500 http://127\\.0\\.0\\.1:\\d+ stable/main amd64 Packages");

            Result show = apt.run("apt-cache", "show", "pg-mta-b", "pg-hello", "pg-data");
            assertThat(show.output())
                    .contains("Provides: pg-mailer (= 2.0)")
                    .contains("Filename: pool/contrib/p/pg-mta-b/pg-mta-b_2.0-1_amd64.deb")
                    .contains("Depends: pg-libgreet (>= 1.0), pg-data")
                    .contains("Architecture: all");

            // Acquire-By-Hash: yes makes apt fetch the index by its strongest hash, so the by-hash copies must
            // exist; a 404 there would have shown up as a fallback request for the plain name.
            Path packagesXz = repos.aptRoot().resolve("dists/stable/main/binary-amd64/Packages.xz");
            assertThat(server.hits("dists/stable/main/binary-amd64/by-hash/SHA512/" + digest(packagesXz, "SHA-512")))
                    .isEqualTo(1);
            assertThat(server.hits("dists/stable/main/binary-amd64/Packages.xz")).isZero();
        }
    }

    @Test
    void aptResolvesTheDebianUniverseAsDocumented() throws Exception {
        try (StaticHttpServer server = StaticHttpServer.serve(repos.aptRoot())) {
            AptRoot apt = new AptRoot(tmp.resolve("apt"), server, repos.keyBinary());
            assertThat(apt.run("apt-get", "update").exitCode()).isZero();

            Result hello = apt.run("apt-get", "-s", "install", "pg-hello");
            assertThat(hello.exitCode()).as(hello.output()).isZero();
            assertThat(hello.output()).contains("Inst pg-libgreet (1.1-1", "Inst pg-data (1.0-1", "Inst pg-hello (1.0-1");

            Result cycle = apt.run("apt-get", "-s", "install", "pg-cyc-a");
            assertThat(cycle.output()).contains("Inst pg-cyc-a", "Inst pg-cyc-b");

            Result pre = apt.run("apt-get", "-s", "install", "pg-pre", "pg-rec");
            assertThat(pre.output()).contains("Inst pg-base", "Inst pg-extra");

            Result mailers = apt.run("apt-get", "-s", "install", "pg-mta-a", "pg-mta-b");
            assertThat(mailers.exitCode()).isNotZero();
            assertThat(mailers.output()).contains("Conflicts: pg-mta-");

            Result breaks = apt.run("apt-get", "-s", "install", "pg-hello", "pg-breaker");
            assertThat(breaks.exitCode()).isNotZero();
            assertThat(breaks.output()).contains("Breaks: pg-hello (< 2.0)");
        }
    }

    @Test
    void aptGetUpdateRejectsTheRepositoryUnderAnotherKey() throws Exception {
        try (StaticHttpServer server = StaticHttpServer.serve(repos.aptRoot())) {
            AptRoot apt = new AptRoot(tmp.resolve("apt"), server, repos.otherKeyBinary());
            Result update = apt.run("apt-get", "update");
            String keyId = repos.fingerprint().substring(24);
            assertThat(update.exitCode()).as(update.output()).isNotZero();
            assertThat(update.output()).contains("NO_PUBKEY " + keyId);
        }
    }

    @Test
    void inReleaseAndReleaseGpgVerifyWithTheKeyOnly() throws Exception {
        Path dist = repos.aptRoot().resolve("dists/stable");
        assertThat(run("gpgv", "--keyring", repos.keyBinary().toString(), dist.resolve("InRelease").toString())
                .exitCode()).isZero();
        assertThat(run("gpgv", "--keyring", repos.keyBinary().toString(), dist.resolve("Release.gpg").toString(),
                dist.resolve("Release").toString()).exitCode()).isZero();
        assertThat(run("gpgv", "--keyring", repos.otherKeyBinary().toString(),
                dist.resolve("InRelease").toString()).exitCode()).isNotZero();
        assertThat(Files.readString(dist.resolve("Release")))
                .contains("Acquire-By-Hash: yes", "Components: main contrib", "Valid-Until: ");
    }

    @Test
    void everyRpmIsSignedWithTheKey() throws Exception {
        List<String> rpms = rpmFiles();
        assertThat(rpms).hasSize(16);

        Path goodDb = tmp.resolve("good-root");
        Files.createDirectories(goodDb);
        assertThat(run("rpmkeys", "--root", goodDb.toString(), "--import", repos.keyArmored().toString())
                .exitCode()).isZero();
        Result good = run(concat(List.of("rpmkeys", "--root", goodDb.toString(), "--checksig"), rpms));
        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output().lines().filter(l -> l.endsWith(": digests signatures OK"))).hasSize(16);

        Path otherDb = tmp.resolve("other-root");
        Files.createDirectories(otherDb);
        assertThat(run("rpmkeys", "--root", otherDb.toString(), "--import", repos.otherKeyArmored().toString())
                .exitCode()).isZero();
        Result bad = run(concat(List.of("rpmkeys", "--root", otherDb.toString(), "--checksig"), rpms));
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.output()).contains("SIGNATURES NOT OK");
    }

    @Test
    void rpmAcceptsTheRpmUniverseAsDocumented() throws Exception {
        Corpus.requireCommand("rpm");
        Path root = tmp.resolve("rpm-root");
        Files.createDirectories(root);
        List<String> consistent = Stream.of("pg-hello-1.0-1.x86_64", "pg-libgreet-1.1-1.x86_64", "pg-data-1.0-1.noarch",
                        "pg-virtual-user-1.0-1.noarch", "pg-mta-a-1.0-1.x86_64", "pg-pre-1.0-1.x86_64",
                        "pg-base-1.0-1.x86_64", "pg-rec-1.0-1.noarch", "pg-extra-1.0-1.noarch",
                        "pg-cyc-a-1.0-1.noarch", "pg-cyc-b-1.0-1.noarch", "pg-script-1.0-1.noarch")
                .map(n -> repos.yumRoot().resolve("Packages/" + n + ".rpm").toString()).toList();
        List<String> rpmTest = List.of("rpm", "--root", root.toString(), "--nosignature", "--test", "-i");

        Result ok = run(concat(rpmTest, consistent));
        assertThat(ok.exitCode()).as(ok.output()).isZero();

        Result conflicts = run(concat(concat(rpmTest, consistent), List.of(
                repos.yumRoot().resolve("Packages/pg-breaker-1.0-1.x86_64.rpm").toString(),
                repos.yumRoot().resolve("Packages/pg-mta-b-2.0-1.x86_64.rpm").toString())));
        assertThat(conflicts.exitCode()).isNotZero();
        assertThat(conflicts.output())
                .contains("pg-hello < 2.0 conflicts with pg-breaker-1.0-1.x86_64")
                .contains("pg-mta-a conflicts with pg-mta-b-2.0-1.x86_64");

        Result alone = run(concat(rpmTest, List.of(consistent.get(0))));
        assertThat(alone.exitCode()).isNotZero();
        assertThat(alone.output())
                .contains("/usr/share/pg-fixture/pg-data/data.txt is needed by pg-hello-1.0-1.x86_64")
                .contains("pg-libgreet >= 1.0 is needed by pg-hello-1.0-1.x86_64");
    }

    @Test
    void repomdSignatureVerifiesWithTheKeyOnly() throws Exception {
        Path repodata = repos.yumRoot().resolve("repodata");
        String sig = repodata.resolve("repomd.xml.asc").toString();
        String data = repodata.resolve("repomd.xml").toString();
        Result good = run("gpgv", "--keyring", repos.keyBinary().toString(), sig, data);
        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output()).contains("Good signature");
        assertThat(run("gpgv", "--keyring", repos.otherKeyBinary().toString(), sig, data).exitCode()).isNotZero();
    }

    @Test
    void primaryListsTheRpmUniverse() throws Exception {
        Path primary;
        try (Stream<Path> files = Files.list(repos.yumRoot().resolve("repodata"))) {
            primary = files.filter(p -> p.getFileName().toString().endsWith("-primary.xml.xz")).findFirst()
                    .orElseThrow();
        }
        String xml = run("xz", "-dc", primary.toString()).output();
        assertThat(xml).contains("packages=\"16\"");
        assertThat(xml.split("<name>pg-libgreet</name>", -1)).hasSize(3);
        assertThat(xml)
                .contains("<rpm:entry name=\"(pg-mta-a or pg-mta-b)\"/>")
                .contains("<rpm:entry name=\"/usr/share/pg-fixture/pg-data/data.txt\"/>")
                .contains("<rpm:entry name=\"pg-base\" pre=\"1\"/>")
                .contains("<rpm:entry name=\"pg-oldname\" flags=\"LT\" epoch=\"0\" ver=\"2.0\"/>")
                .contains("<rpm:supplements>");
    }

    @Test
    void debMaintainerScriptsWriteAndRemoveTheMarkerInsideDpkgRoot() throws Exception {
        Corpus.requireCommand("dpkg");
        Path root = tmp.resolve("dpkg-root");
        for (String sub : List.of("var/lib/dpkg/updates", "var/lib/dpkg/info", "var/log")) {
            Files.createDirectories(root.resolve(sub));
        }
        Files.writeString(root.resolve("var/lib/dpkg/status"), "");
        Path deb = repos.aptRoot().resolve("pool/main/p/pg-script/pg-script_1.0-1_all.deb");
        // --force-script-chrootless: the scripts run on the host with DPKG_ROOT set, as an installer into a
        // throwaway root without /bin/sh would run them.
        List<String> dpkg = List.of("dpkg", "--root=" + root, "--force-script-chrootless",
                "--log=" + root.resolve("var/log/dpkg.log"));
        Result install = run(concat(dpkg, List.of("-i", deb.toString())));
        assertThat(install.exitCode()).as(install.output()).isZero();
        Path marker = root.resolve("var/lib/pg-fixture/postinst-ran");
        assertThat(marker).content().startsWith("pg-script postinst ran: configure");
        assertThat(root.resolve("usr/share/pg-fixture/pg-script/README")).exists();

        Result remove = run(concat(dpkg, List.of("-r", "pg-script")));
        assertThat(remove.exitCode()).as(remove.output()).isZero();
        assertThat(marker).doesNotExist();
    }

    @Test
    void rpmLuaScriptletsWriteAndRemoveTheMarkerInsideTheRoot() throws Exception {
        Corpus.requireCommand("rpm");
        Path root = tmp.resolve("rpm-root");
        Files.createDirectories(root);
        Path rpm = repos.yumRoot().resolve("Packages/pg-script-1.0-1.noarch.rpm");
        assertThat(run("rpmkeys", "--root", root.toString(), "--import", repos.keyArmored().toString())
                .exitCode()).isZero();
        Result install = run("rpm", "--root", root.toString(), "-i", rpm.toString());
        assertThat(install.exitCode()).as(install.output()).isZero();
        Path marker = root.resolve("var/lib/pg-fixture/postinst-ran");
        assertThat(marker).content().startsWith("pg-script post ran: 1");
        assertThat(root.resolve("usr/share/pg-fixture/pg-script/README")).exists();

        Result erase = run("rpm", "--root", root.toString(), "-e", "pg-script");
        assertThat(erase.exitCode()).as(erase.output()).isZero();
        assertThat(marker).doesNotExist();
    }

    @Test
    void copyToGivesAnIndependentTree(@TempDir Path copyDir) throws IOException {
        FixtureRepos copy = repos.copyTo(copyDir.resolve("repos"));
        assertThat(copy.fingerprint()).isEqualTo(repos.fingerprint());
        Files.writeString(copy.aptRoot().resolve("dists/stable/Release"), "tampered");
        assertThat(Files.readString(repos.aptRoot().resolve("dists/stable/Release"))).doesNotContain("tampered");
        assertThat(FixtureRepos.get().root()).isEqualTo(repos.root());
    }

    private static List<String> rpmFiles() throws IOException {
        try (Stream<Path> files = Files.list(repos.yumRoot().resolve("Packages"))) {
            return files.map(Path::toString).filter(s -> s.endsWith(".rpm")).sorted().toList();
        }
    }

    /** An isolated apt configuration: nothing of the host's /etc/apt or /var/lib/apt is read or written. */
    private static final class AptRoot {
        private final List<String> options = new ArrayList<>();

        AptRoot(Path dir, StaticHttpServer server, Path key) throws IOException {
            for (String sub : List.of("etc/apt/apt.conf.d", "etc/apt/preferences.d", "etc/apt/sources.list.d",
                    "etc/apt/trusted.gpg.d", "var/lib/apt/lists/partial", "var/cache/apt/archives/partial",
                    "var/lib/dpkg")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Files.writeString(dir.resolve("var/lib/dpkg/status"), "");
            Files.writeString(dir.resolve("etc/apt/sources.list"),
                    "deb [signed-by=" + key + "] " + server.baseUri() + " stable main contrib\n");
            String[][] settings = {
                {"Dir", dir.toString()},
                {"Dir::State::status", dir.resolve("var/lib/dpkg/status").toString()},
                {"Dir::Etc", dir.resolve("etc/apt").toString()},
                {"Dir::Etc::Parts", dir.resolve("etc/apt/apt.conf.d").toString()},
                {"Dir::Etc::SourceList", dir.resolve("etc/apt/sources.list").toString()},
                {"Dir::Etc::SourceParts", dir.resolve("etc/apt/sources.list.d").toString()},
                {"Dir::Etc::Trusted", dir.resolve("etc/apt/trusted.gpg").toString()},
                {"Dir::Etc::TrustedParts", dir.resolve("etc/apt/trusted.gpg.d").toString()},
                {"APT::Architecture", "amd64"},
                {"APT::Architectures::", "amd64"},
                {"Debug::NoLocking", "1"},
                // Downloads land in a root-owned temp dir the _apt user cannot write to.
                {"APT::Sandbox::User", "root"},
                {"Acquire::Languages", "none"},
                {"Acquire::http::Proxy", "DIRECT"},
            };
            for (String[] s : settings) {
                options.add("-o");
                options.add(s[0] + "=" + s[1]);
            }
        }

        Result run(String tool, String... args) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(tool);
            command.addAll(options);
            command.addAll(List.of(args));
            return FixtureReposTest.run(command);
        }
    }

    private record Result(int exitCode, String output) { }

    private static Result run(String... command) throws Exception {
        return run(List.of(command));
    }

    private static Result run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("APT_CONFIG");
        builder.environment().remove("http_proxy");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String digest(Path file, String algorithm) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    }
}
