package dev.peerget.engine.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real apt-get as an oracle: runs {@code apt-get -s} in an isolated apt root (its own status file, lists,
 * configuration; the host's apt.conf.d kept out through APT_CONFIG) against a flat {@code file:} repository.
 */
final class AptOracle {
    /** What apt-get -s decided: the names it would install/upgrade and remove, or its error. */
    record Outcome(boolean solved, List<String> installs, List<String> removals, String output) { }

    private final Path dir;
    private final String arch;

    AptOracle(Path dir, Path repo, Path status, String arch) throws IOException {
        this.dir = dir;
        this.arch = arch;
        for (String d : new String[] {"etc/apt/apt.conf.d", "etc/apt/preferences.d", "etc/apt/trusted.gpg.d",
                "var/lib/apt/lists/partial", "var/cache/apt/archives/partial"}) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.copy(status, dir.resolve("status"));
        Files.writeString(dir.resolve("sources.list"), "deb [trusted=yes] file:" + repo + "/ ./\n");
        Files.writeString(dir.resolve("apt.conf"), "Dir \"" + dir + "/\";\nDir::Etc::Parts \"" + dir
                + "/etc/apt/apt.conf.d\";\nDir::Etc::Main \"" + dir + "/etc/apt/apt.conf\";\n");
        run("update");
    }

    Outcome simulate(String... command) throws IOException {
        String[] args = new String[command.length + 1];
        args[0] = "-s";
        System.arraycopy(command, 0, args, 1, command.length);
        Result r = run(args);
        List<String> installs = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("Inst ")) {
                installs.add(line.split(" ")[1]);
            } else if (line.startsWith("Remv ") || line.startsWith("Purg ")) {
                removals.add(line.split(" ")[1]);
            }
        }
        return new Outcome(r.exit() == 0, installs, removals, r.output());
    }

    private record Result(int exit, String output) { }

    private Result run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("apt-get", "-q", "-o", "Dir=" + dir + "/",
                "-o", "Dir::State::status=" + dir.resolve("status"), "-o", "Dir::Etc::SourceList=" + dir.resolve("sources.list"),
                "-o", "Dir::Etc::SourceParts=/dev/null", "-o", "APT::Architecture=" + arch,
                "-o", "APT::Architectures=" + arch, "-o", "Acquire::Languages=none", "-o", "Debug::NoLocking=1",
                "-o", "APT::Get::Show-Versions=0", "-o", "APT::Install-Recommends=1"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("APT_CONFIG", dir.resolve("apt.conf").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("apt-get timed out: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (args[0].equals("update") && p.exitValue() != 0) {
            throw new IOException("apt-get update failed:\n" + out);
        }
        return new Result(p.exitValue(), out);
    }
}
