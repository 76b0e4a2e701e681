package dev.peerget.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A directory that stands in for a system root in tests that install with the real dpkg and rpm
 * ({@code --root}). Starts empty apart from {@code tmp/}; {@link #withShell()} adds a shell for maintainer
 * scripts, and the query methods ask the real tools ({@code dpkg-query}, {@code rpm -qa}) what is installed.
 *
 * <p>Why a shell: dpkg and rpm {@code chroot(2)} into the root before running a maintainer script, and a
 * script's {@code #!/bin/sh} is then looked up inside the root. Debian's {@code busybox-static} is one static
 * binary that is {@code sh}, {@code mkdir}, {@code rm}, {@code sleep} and the rest, so copying it with one
 * symlink per applet gives a root in which ordinary maintainer scripts run, without copying a libc.
 */
public final class ThrowawayRoot {
    /** Debian's busybox-static (scripts/install-test-deps.sh installs it). */
    public static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    private final Path root;

    private ThrowawayRoot(Path root) {
        this.root = root;
    }

    /** Creates {@code dir} (and {@code dir/tmp}) as an empty root. */
    public static ThrowawayRoot create(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("creating throwaway root " + root, e);
        }
        return new ThrowawayRoot(root);
    }

    /** Installs busybox-static as {@code /bin/busybox} with a {@code /bin/<applet>} symlink for every applet. */
    public ThrowawayRoot withShell() {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new AssertionError(BUSYBOX + " is missing: run scripts/install-test-deps.sh (busybox-static)");
        }
        Path bin = root.resolve("bin");
        try {
            Files.createDirectories(bin);
            Files.copy(BUSYBOX, bin.resolve("busybox"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            for (String applet : run(BUSYBOX.toString(), "--list").lines().map(String::strip).toList()) {
                Path link = bin.resolve(applet);
                if (!applet.isEmpty() && !applet.equals("busybox") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, Path.of("busybox"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("installing busybox into " + root, e);
        }
        return this;
    }

    public Path path() {
        return root;
    }

    /** An absolute system path ({@code /var/lib/pg-fixture}) inside this root. */
    public Path resolve(String absolutePath) {
        return root.resolve(absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath);
    }

    public Path dpkgAdminDir() {
        return resolve("/var/lib/dpkg");
    }

    /**
     * What {@code dpkg-query -W} reports for this root: {@code name:arch} to {@code "version state"}, e.g.
     * {@code pg-hello:amd64 -> "1.0-1 installed"}; packages dpkg only remembers as not-installed are left out.
     */
    public Map<String, String> dpkgPackages() {
        String out = run("dpkg-query", "--admindir=" + dpkgAdminDir(), "-W",
                "-f=${Package}:${Architecture} ${Version} ${db:Status-Status}\n");
        Map<String, String> packages = new TreeMap<>();
        for (String line : out.lines().toList()) {
            String[] f = line.split(" ");
            if (f.length == 3 && !f[2].equals("not-installed")) {
                packages.put(f[0], f[1] + " " + f[2]);
            }
        }
        return packages;
    }

    /** The packages dpkg has fully installed in this root: name (without architecture) to version. */
    public Map<String, String> dpkgInstalledVersions() {
        Map<String, String> out = new TreeMap<>();
        dpkgPackages().forEach((nameArch, versionStatus) -> {
            String[] vs = versionStatus.split(" ", 2);
            if (vs.length == 2 && vs[1].equals("installed")) {
                out.put(nameArch.substring(0, nameArch.indexOf(':')), vs[0]);
            }
        });
        return out;
    }

    /** {@code NAME-VERSION-RELEASE.ARCH} of every package in this root's rpmdb ({@code /var/lib/rpm}), sorted. */
    public List<String> rpmPackages() {
        if (!Files.isDirectory(resolve("/var/lib/rpm"))) {
            return List.of();
        }
        String out = run("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "-qa", "--qf",
                "%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}\\n");
        List<String> packages = new ArrayList<>(out.lines().filter(l -> !l.isBlank()).toList());
        packages.sort(null);
        return packages;
    }

    /** Runs a tool and returns its standard output; fails the test when it fails. */
    private static String run(String... command) {
        try {
            Path err = Files.createTempFile("throwaway-root-", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " timed out");
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " failed with exit code " + p.exitValue()
                            + ": " + Files.readString(err));
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command[0], e);
        }
    }

    @Override
    public String toString() {
        return "ThrowawayRoot[" + root + "]";
    }
}
