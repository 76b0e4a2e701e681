package dev.peerget.engine.mirror;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real apt-get in an isolated configuration ({@code -o Dir=...}): nothing of the host's /etc/apt or
 * /var/lib/apt is read or written. Used as the oracle that apt still accepts a Release peerget edited.
 */
final class AptGetRoot {
    private final List<String> options = new ArrayList<>();

    AptGetRoot(Path dir, URI archive, Path key) throws IOException {
        for (String sub : List.of("etc/apt/apt.conf.d", "etc/apt/preferences.d", "etc/apt/sources.list.d",
                "etc/apt/trusted.gpg.d", "var/lib/apt/lists/partial", "var/cache/apt/archives/partial",
                "var/lib/dpkg")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(dir.resolve("var/lib/dpkg/status"), "");
        Files.writeString(dir.resolve("etc/apt/sources.list"),
                "deb [signed-by=" + key + "] " + archive + " stable main contrib\n");
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
            // Downloads land in a directory the _apt sandbox user cannot write to.
            {"APT::Sandbox::User", "root"},
            {"Acquire::Languages", "none"},
            {"Acquire::http::Proxy", "DIRECT"},
        };
        for (String[] s : settings) {
            options.add("-o");
            options.add(s[0] + "=" + s[1]);
        }
    }

    record Result(int exitCode, String output) { }

    Result run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(options);
        command.addAll(List.of(args));
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
}
