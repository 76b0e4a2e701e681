package dev.peerget.engine;

import dev.peerget.engine.config.Architectures;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.config.Settings;
import dev.peerget.model.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Everything a workflow needs to know about where and how it runs: the root's layout, the settings, how to
 * find external tools, the clock, and the architectures. Built once per command by the CLI.
 */
public record EngineContext(Layout layout, Settings settings, ToolLocator tools, Clock clock,
                            Architectures architectures) {
    public EngineContext {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(architectures, "architectures");
    }

    /** The same context over another layout. */
    public EngineContext withLayout(Layout other) {
        return new EngineContext(other, settings, tools, clock, architectures);
    }

    /**
     * Builds a context, working out the native architecture from the settings, else from
     * {@code dpkg --print-architecture}, else from the JVM's {@code os.arch} ({@code jvmArch}).
     */
    public static EngineContext create(Layout layout, Settings settings, ToolLocator tools, Clock clock,
                                       String jvmArch) {
        String nativeArch = settings.get(Setting.ARCHITECTURE);
        if (nativeArch.isBlank()) {
            nativeArch = tools.find("dpkg").map(EngineContext::dpkgArchitecture)
                    .orElse(Architectures.debianNameOfJvmArch(jvmArch));
        }
        String n = nativeArch.strip();
        List<String> foreign = settings.isSet(Setting.FOREIGN_ARCHITECTURES)
                ? Arrays.stream(settings.get(Setting.FOREIGN_ARCHITECTURES).split("[,\\s]+"))
                        .filter(s -> !s.isBlank()).toList()
                : dpkgForeignArchitectures(layout, n);
        return new EngineContext(layout, settings, tools, clock, new Architectures(n, foreign));
    }

    /**
     * What {@code dpkg --add-architecture} recorded under the root (the admin directory's {@code arch} file: the
     * native architecture and the foreign ones, one a line), less the native one: apt fetches those
     * architectures' indexes too ({@code dpkg --print-foreign-architectures}). Empty without the file.
     */
    private static List<String> dpkgForeignArchitectures(Layout layout, String nativeArch) {
        java.nio.file.Path file = layout.dpkgAdminDir().resolve("arch");
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file).stream()
                    .map(String::strip).filter(a -> !a.isEmpty() && !a.equals(nativeArch)).distinct().toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String dpkgArchitecture(java.nio.file.Path dpkg) {
        try {
            Process p = new ProcessBuilder(dpkg.toString(), "--print-architecture")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
                return out;
            }
        } catch (IOException e) {
            // Fall through to the JVM's idea of the architecture.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Architectures.debianNameOfJvmArch(System.getProperty("os.arch"));
    }

    /** {@code $releasever}: the setting, else VERSION_ID from etc/os-release under the root, else empty. */
    public String releaseVersion() {
        String configured = settings.get(Setting.RELEASEVER);
        if (!configured.isBlank()) {
            return configured.strip();
        }
        for (String path : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            try {
                for (String line : Files.readAllLines(layout.resolve(path))) {
                    if (line.startsWith("VERSION_ID=")) {
                        return line.substring("VERSION_ID=".length()).replace("\"", "").strip();
                    }
                }
            } catch (IOException e) {
                // Not there: try the next place.
            }
        }
        return "";
    }
}
