package dev.peerget.repo.rpm;

import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The real rpm tools for the package signature tests: {@code rpmkeys --checksig} as the oracle every verdict
 * is compared with, {@code rpmsign} and {@code rpmbuild} to make packages. Test support only.
 */
final class RpmTools {
    private static final long TIMEOUT_SECONDS = 300;

    private RpmTools() {
    }

    /** Exit code and combined output of a command. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), output);
    }

    static Result runOk(List<String> command) throws IOException, InterruptedException {
        Result r = run(command);
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", command) + " failed with exit " + r.exitCode() + ":\n"
                    + r.output());
        }
        return r;
    }

    /** A fresh rpm database in {@code dir} that trusts exactly {@code keys} (armored public keys). */
    static Path keyDb(Path dir, Path... keys) throws IOException, InterruptedException {
        Corpus.requireCommand("rpmkeys");
        Path db = Files.createDirectories(dir);
        for (Path key : keys) {
            runOk(List.of("rpmkeys", "--dbpath", db.toString(), "--import", key.toString()));
        }
        return db;
    }

    /**
     * {@code rpmkeys --checksig} with {@code %_pkgverify_level signature}: besides every digest and signature
     * present, rpm then demands a good signature, as dnf does with {@code gpgcheck=1} (plain {@code --checksig}
     * passes an unsigned package whose digests match).
     */
    static Result checksig(Path db, Path rpm) throws IOException, InterruptedException {
        return run(List.of("rpmkeys", "--dbpath", db.toString(), "--define", "_pkgverify_level signature",
                "--checksig", "-v", rpm.toString()));
    }

    /** Removes every signature from {@code rpm} in place ({@code rpmsign --delsign}). */
    static void deleteSignatures(Path rpm) throws IOException, InterruptedException {
        Corpus.requireCommand("rpmsign");
        runOk(List.of("rpmsign", "--delsign", rpm.toString()));
    }

    /** The hex dump rpm prints for a BIN tag of the signature header ({@code %{RSAHEADER}}), as bytes. */
    static byte[] signatureTag(Path rpm, String tagName) throws IOException, InterruptedException {
        String hex = runOk(List.of("rpm", "-qp", "--nosignature", "--nodigest", "--qf", "%{" + tagName + "}",
                rpm.toString())).output().strip();
        return java.util.HexFormat.of().parseHex(hex);
    }

    /**
     * Builds with the real rpmbuild a noarch package {@code name-1.0-1} that installs one file of
     * {@code randomBytes} incompressible bytes (fixed seed), stored without compression so the package's size is
     * about that. Returns the {@code .rpm}.
     */
    static Path buildPackage(Path dir, String name, int randomBytes) throws IOException, InterruptedException {
        Corpus.requireCommand("rpmbuild");
        Path top = Files.createDirectories(dir.resolve("rpmbuild"));
        Path sources = Files.createDirectories(top.resolve("SOURCES"));
        byte[] blob = new byte[randomBytes];
        new Random(42).nextBytes(blob);
        try (OutputStream out = Files.newOutputStream(sources.resolve("blob"))) {
            out.write(blob);
        }
        Path spec = Files.writeString(top.resolve(name + ".spec"), String.join("\n",
                "Name: " + name, "Version: 1.0", "Release: 1", "Summary: peerget signature test package",
                "License: MIT", "BuildArch: noarch", "", "%description", "Built by peerget's tests.", "",
                "%install", "mkdir -p %{buildroot}/usr/share/" + name,
                "cp %{_sourcedir}/blob %{buildroot}/usr/share/" + name + "/blob", "",
                "%files", "/usr/share/" + name, ""), StandardCharsets.UTF_8);
        Path out = Files.createDirectories(dir.resolve("RPMS"));
        List<String> cmd = new ArrayList<>(List.of("rpmbuild", "-bb", "--nodeps", "--quiet",
                "--define", "_topdir " + top, "--define", "_rpmdir " + out,
                "--define", "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm",
                "--define", "debug_package %{nil}", "--define", "__os_install_post %{nil}",
                "--define", "_binary_payload w0.ufdio", spec.toString()));
        runOk(cmd);
        return out.resolve(name + "-1.0-1.noarch.rpm");
    }

    /**
     * Changes the tag number of one signature header entry in place, read independently of the code under
     * test: lead (96 bytes), then the header's 16-byte intro whose bytes 8..11 hold the entry count, then the
     * 16-byte entries, each starting with its tag (big-endian).
     */
    static void renameSignatureTag(Path rpm, int from, int to) throws IOException {
        byte[] data = Files.readAllBytes(rpm);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(data);
        int entries = buf.getInt(96 + 8);
        for (int i = 0; i < entries; i++) {
            int at = 96 + 16 + 16 * i;
            if (buf.getInt(at) == from) {
                buf.putInt(at, to);
                Files.write(rpm, data);
                return;
            }
        }
        throw new AssertionError("no signature tag " + from + " in " + rpm);
    }

    /** Inverts every bit of the byte at {@code offset}. */
    static void flipByte(Path file, long offset) throws IOException {
        byte[] data = Files.readAllBytes(file);
        data[Math.toIntExact(offset)] ^= (byte) 0xFF;
        Files.write(file, data);
    }

    /** Where {@code needle} first occurs in {@code file}; fails when it does not. */
    static int indexOf(Path file, byte[] needle) throws IOException {
        byte[] data = Files.readAllBytes(file);
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("bytes not found in " + file);
    }
}
