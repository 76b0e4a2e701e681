package dev.peerget.installer.deb;

import static dev.peerget.installer.InstallerFixtures.dependency;
import static dev.peerget.installer.InstallerFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.installer.Action;
import dev.peerget.installer.InstallListener;
import dev.peerget.installer.Installer;
import dev.peerget.installer.InstallerOptions;
import dev.peerget.installer.RootLock;
import dev.peerget.installer.Step;
import dev.peerget.installer.Transaction;
import dev.peerget.installer.TransactionResult;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixturePackages;
import dev.peerget.testing.ThrowawayRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real packages (bookworm's from the corpus, the fixture script's) decompressed, and read back by dpkg-deb. */
class DebDecompressorTest {
    private static FixturePackages packages;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        Corpus.requireCommand("dpkg-deb");
        packages = FixturePackages.get();
    }

    private static Path corpusDeb(String file) {
        return Corpus.path("deb/debian-bookworm/" + file);
    }

    private List<Step> steps(Path... files) {
        List<Step> steps = new ArrayList<>();
        for (Path f : files) {
            steps.add(step(Action.INSTALL, f));
        }
        return steps;
    }

    @Test
    void copiesHoldTheOriginalsControlMemberAndTheDataDpkgDebExtractsFromThem() throws Exception {
        Path dash = corpusDeb("dash_0.5.12-2_amd64.deb");
        Path gpgv = corpusDeb("gpgv_2.2.40-1.1+deb12u2_amd64.deb");
        Path hello = packages.deb("pg-hello", "1.0-1", "amd64");
        Path dir = tmp.resolve("state/unpack");

        try (DebDecompressor.Decompressed d = new DebDecompressor("dpkg-deb", 2).decompress(steps(dash, gpgv, hello),
                dir)) {
            assertThat(d.count()).isEqualTo(3);
            for (Path original : List.of(dash, gpgv, hello)) {
                Path copy = d.fileFor(original);
                assertThat(copy).isNotEqualTo(original).hasFileName(original.getFileName().toString())
                        .startsWith(dir);
                assertThat(members(copy)).containsExactly("debian-binary", members(original).get(1), "data.tar");
                assertThat(members(original).get(2)).startsWith("data.tar.");
                assertThat(digest(run("dpkg-deb", "--fsys-tarfile", copy.toString())))
                        .isEqualTo(digest(run("dpkg-deb", "--fsys-tarfile", original.toString())));
                assertThat(digest(run("dpkg-deb", "--ctrl-tarfile", copy.toString())))
                        .isEqualTo(digest(run("dpkg-deb", "--ctrl-tarfile", original.toString())));
                assertThat(new String(run("dpkg-deb", "--field", copy.toString()), StandardCharsets.UTF_8))
                        .isEqualTo(new String(run("dpkg-deb", "--field", original.toString()), StandardCharsets.UTF_8));
                assertThat(Files.size(copy) % 2).isZero();
            }
            assertThat(d.fileFor(tmp.resolve("not-in-the-transaction.deb")))
                    .isEqualTo(tmp.resolve("not-in-the-transaction.deb"));
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void filesThatAreNotPlainBinaryPackagesKeepTheirOriginal() throws Exception {
        Path dash = corpusDeb("dash_0.5.12-2_amd64.deb");
        byte[] bytes = Files.readAllBytes(dash);
        // A fourth member, as a debsig signature would add.
        Path signed = tmp.resolve("signed/dash_0.5.12-2_amd64.deb");
        Files.createDirectories(signed.getParent());
        byte[] extra = "signature\n".getBytes(StandardCharsets.US_ASCII);
        String header = String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", "_gpgbuilder", "0", "0", "0", "100644",
                extra.length);
        Files.write(signed, concat(bytes, header.getBytes(StandardCharsets.US_ASCII), extra));
        // Cut short inside the data member.
        Path truncated = tmp.resolve("truncated/dash_0.5.12-2_amd64.deb");
        Files.createDirectories(truncated.getParent());
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        Path text = tmp.resolve("text/dash_0.5.12-2_amd64.deb");
        Files.createDirectories(text.getParent());
        Files.writeString(text, "not an archive\n");
        Path dir = tmp.resolve("unpack");

        for (Path f : List.of(signed, truncated, text)) {
            List<Step> steps = List.of(new Step.Install(Action.INSTALL, step(Action.INSTALL, dash).record(), f, false));
            try (DebDecompressor.Decompressed d = new DebDecompressor("dpkg-deb", 2).decompress(steps, dir)) {
                assertThat(d.count()).as(f.toString()).isZero();
                assertThat(d.fileFor(f)).isEqualTo(f);
                assertThat(dir.toFile().list()).as(f.toString()).isEmpty();
            }
        }
    }

    @Test
    void aCopyIsNotDecompressedAgain() throws Exception {
        Path dash = corpusDeb("dash_0.5.12-2_amd64.deb");
        Path plain = tmp.resolve("plain/dash_0.5.12-2_amd64.deb");
        Files.createDirectories(plain.getParent());
        try (DebDecompressor.Decompressed d = new DebDecompressor("dpkg-deb", 1).decompress(steps(dash),
                tmp.resolve("first"))) {
            Files.copy(d.fileFor(dash), plain);
        }
        try (DebDecompressor.Decompressed d = new DebDecompressor("dpkg-deb", 1).decompress(steps(plain),
                tmp.resolve("second"))) {
            assertThat(d.count()).isZero();
            assertThat(d.fileFor(plain)).isEqualTo(plain);
        }
    }

    @Test
    void twoFilesOfTheSameNameGetACopyEach() throws Exception {
        Path dash = corpusDeb("dash_0.5.12-2_amd64.deb");
        Path other = tmp.resolve("local/dash_0.5.12-2_amd64.deb");
        Files.createDirectories(other.getParent());
        Files.copy(dash, other);
        try (DebDecompressor.Decompressed d = new DebDecompressor("dpkg-deb", 2).decompress(steps(dash, other),
                tmp.resolve("unpack"))) {
            assertThat(d.count()).isEqualTo(2);
            assertThat(d.fileFor(dash)).isNotEqualTo(d.fileFor(other)).exists();
            assertThat(d.fileFor(other)).exists();
        }
    }

    @Test
    void whenDpkgDebFailsTheOriginalIsKeptAndNoPartialCopyIsLeft() throws Exception {
        Path hello = packages.deb("pg-hello", "1.0-1", "amd64");
        Path dir = tmp.resolve("unpack");
        try (DebDecompressor.Decompressed d = new DebDecompressor("false", 2).decompress(steps(hello), dir)) {
            assertThat(d.count()).isZero();
            assertThat(d.fileFor(hello)).isEqualTo(hello);
            assertThat(dir.toFile().list()).isEmpty();
        }
    }

    @Test
    void whatAKilledRunLeftIsRemovedAndRemovalsNeedNoCopy() throws Exception {
        Path dir = tmp.resolve("unpack");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/pg-hello_1.0-1_amd64.deb"), "half written");
        Path hello = packages.deb("pg-hello", "1.0-1", "amd64");
        List<Step> steps = List.of(dependency(Action.INSTALL, hello),
                new Step.Remove("pg-old", "amd64", "1.0-1", false, false));

        try (DebDecompressor.Decompressed d = new DebDecompressor("dpkg-deb", 2).decompress(steps, dir)) {
            assertThat(d.count()).isEqualTo(1);
            assertThat(d.fileFor(hello)).isEqualTo(dir.resolve("0/pg-hello_1.0-1_amd64.deb"));
            assertThat(dir.toFile().list()).containsExactly("0");
        }
        assertThat(dir).doesNotExist();

        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stale.deb"), "left");
        try (DebDecompressor.Decompressed d = new DebDecompressor("dpkg-deb", 2).decompress(
                List.of(new Step.Remove("pg-old", "amd64", "1.0-1", false, false)), dir)) {
            assertThat(d.count()).isZero();
        }
        assertThat(dir.resolve("stale.deb")).exists(); // nothing to install: the directory is not even looked at
    }

    @Test
    void dpkgInstallsFromTheCopiesExactlyWhatTheOriginalsGive() throws Exception {
        Corpus.requireCommand("dpkg");
        Map<String, String> trees = new HashMap<>();
        for (boolean ahead : List.of(false, true)) {
            ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root-" + ahead));
            InstallerOptions options = InstallerOptions.of(new Layout(root.path()));
            Installer installer = Installer.create(PackageFormat.DEB,
                    ahead ? options.withDpkgDeb("dpkg-deb") : options);
            try (RootLock lock = installer.lock()) {
                installer.initializeDatabase(lock);
            }
            List<String> commands = new ArrayList<>();
            Transaction t = new Transaction(PackageFormat.DEB, List.of(
                    step(Action.INSTALL, packages.deb("pg-pre", "1.0-1", "amd64")),
                    dependency(Action.INSTALL, packages.deb("pg-base", "1.0-1", "amd64")),
                    step(Action.INSTALL, packages.deb("pg-hello", "1.0-1", "amd64")),
                    dependency(Action.INSTALL, packages.deb("pg-libgreet", "1.1-1", "amd64")),
                    dependency(Action.INSTALL, packages.deb("pg-data", "1.0-1", "all"))), "peerget install");
            TransactionResult result;
            try (RootLock lock = installer.lock()) {
                result = installer.execute(lock, t, new InstallListener() {
                    @Override
                    public void commandStarted(List<String> command) {
                        commands.add(String.join(" ", command));
                    }
                });
            }
            assertThat(result.ok()).isTrue();
            Path unpack = root.resolve("/var/lib/peerget/unpack");
            assertThat(commands).filteredOn(c -> c.contains("--unpack")).hasSize(2).allSatisfy(c ->
                    assertThat(c.contains(unpack + "/")).as(c).isEqualTo(ahead));
            assertThat(unpack).doesNotExist();
            trees.put(ahead ? "ahead" : "as fetched", tree(root.path()));
        }
        assertThat(trees.get("ahead")).contains("usr/share/pg-fixture/pg-hello/README")
                .isEqualTo(trees.get("as fetched"));
    }

    @Test
    void largeUnpackRunsAreSplitIntoUpToFourRunsOfAboutEqualSizeInTheSameOrder() {
        long mib = 1L << 20;
        List<Step> big = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            big.add(sized("p" + i, 8 * mib));
        }
        List<Step> small = List.of(sized("s0", 10 * mib), sized("s1", 5 * mib));
        DpkgOrdering.Batch unpackBig = new DpkgOrdering.Batch(DpkgOrdering.Kind.UNPACK, big);
        DpkgOrdering.Batch configure = new DpkgOrdering.Batch(DpkgOrdering.Kind.CONFIGURE, big);
        DpkgOrdering.Batch unpackSmall = new DpkgOrdering.Batch(DpkgOrdering.Kind.UNPACK, small);
        DpkgOrdering.Batch unpackTwo = new DpkgOrdering.Batch(DpkgOrdering.Kind.UNPACK, big.subList(0, 4));

        List<DpkgOrdering.Batch> runs = DebDecompressor.pipelined(
                List.of(unpackSmall, unpackBig, configure, unpackTwo));

        // 80 MiB: four runs of 24, 16, 24 and 16 MiB (each ends once a quarter of the bytes is reached); 15 MiB
        // stays one run; 32 MiB makes two.
        assertThat(runs).extracting(r -> r.kind() + " " + r.steps().stream().map(Step::name).toList()).containsExactly(
                "UNPACK [s0, s1]",
                "UNPACK [p0, p1, p2]", "UNPACK [p3, p4]", "UNPACK [p5, p6, p7]", "UNPACK [p8, p9]",
                "CONFIGURE [p0, p1, p2, p3, p4, p5, p6, p7, p8, p9]",
                "UNPACK [p0, p1]", "UNPACK [p2, p3]");
    }

    private static Step sized(String name, long size) {
        PackageRecord r = PackageRecord.builder(PackageFormat.DEB, name, "1.0", "amd64").size(size).build();
        return new Step.Install(Action.INSTALL, r, Path.of("/nonexistent/" + name + ".deb"), false);
    }

    /**
     * Every file under {@code root} but dpkg's log and peerget's history (times), with its mode and a digest of
     * its content; dpkg's status file included.
     */
    private static String tree(Path root) throws Exception {
        StringBuilder out = new StringBuilder();
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted().toList()) {
                String rel = root.relativize(p).toString();
                if (rel.startsWith("var/log") || rel.startsWith("var/lib/peerget") || Files.isSymbolicLink(p)) {
                    continue;
                }
                out.append(rel).append(' ').append(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                if (Files.isRegularFile(p)) {
                    out.append(' ').append(Files.size(p) == 0 ? "empty" : digest(Files.readAllBytes(p)));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** The member names of an ar archive, as binutils' {@code ar t} lists them. */
    private static List<String> members(Path archive) throws IOException {
        byte[] b = Files.readAllBytes(archive);
        List<String> names = new ArrayList<>();
        int pos = 8;
        while (pos + 60 <= b.length) {
            String name = new String(b, pos, 16, StandardCharsets.US_ASCII).strip();
            long size = Long.parseLong(new String(b, pos + 48, 10, StandardCharsets.US_ASCII).strip());
            names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            pos += 60 + size + (size % 2);
        }
        assertThat(pos).as("members end at the end of " + archive).isEqualTo(b.length);
        return names;
    }

    private static byte[] run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }

    private static String digest(byte[] bytes) throws Exception {
        assertThat(bytes).isNotEmpty();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
