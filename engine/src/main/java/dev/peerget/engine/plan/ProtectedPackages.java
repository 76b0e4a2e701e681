package dev.peerget.engine.plan;

import dev.peerget.engine.EngineException;
import dev.peerget.engine.config.ToolDefaults;
import dev.peerget.model.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The packages dnf never removes (dnf.conf(5) {@code protected_packages}): the names listed in
 * {@code /etc/dnf/protected.d/*.conf} (one per line, {@code #} comments) and in the {@code protected_packages}
 * option of {@code /etc/dnf/dnf.conf}'s {@code [main]} section, both under the root. The resolver treats them
 * as Debian treats Essential packages. Debian systems have none of these files.
 */
final class ProtectedPackages {
    private ProtectedPackages() {
    }

    static Set<String> read(Layout layout) {
        Set<String> names = new TreeSet<>();
        Path dir = layout.resolve("/etc/dnf/protected.d");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList()) {
                    for (String line : Files.readAllLines(f)) {
                        String name = line.replaceFirst("#.*", "").strip();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            } catch (IOException e) {
                throw new EngineException("cannot read " + dir + ": " + e.getMessage(), "check its permissions");
            }
        }
        ToolDefaults.dnfMainOption(layout, "protected_packages").ifPresent(value -> {
            for (String name : value.split("[,\\s]+")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        });
        return names;
    }
}
