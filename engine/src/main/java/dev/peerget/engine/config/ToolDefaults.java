package dev.peerget.engine.config;

import dev.peerget.engine.EngineException;
import dev.peerget.model.Layout;
import dev.peerget.repo.rpm.RpmRules;
import dev.peerget.repo.rpm.VersionLockList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Defaults the system's own package tools were configured with, which a user of apt or dnf expects peerget to
 * honour: whether weak dependencies are installed ({@code APT::Install-Recommends} in apt.conf(5) and
 * {@code /etc/apt/apt.conf.d/*}; {@code install_weak_deps} in dnf.conf(5)'s {@code [main]}), apt's default
 * release, dnf's version locks, installonly packages and limit. Only the plain
 * one-line forms are read ({@code APT::Install-Recommends "false";}), which is how distributions and images set
 * them; files that cannot be read count as silent.
 */
public final class ToolDefaults {
    /** dnf's default {@code installonly_limit} (dnf.conf(5)). */
    public static final int DNF_INSTALLONLY_LIMIT = 3;

    private ToolDefaults() {
    }

    /** Whether apt or dnf is configured to install weak dependencies; empty when neither says. */
    public static Optional<Boolean> installWeak(Layout layout) {
        Optional<Boolean> apt = aptOption(layout, "APT::Install-Recommends").flatMap(ToolDefaults::bool);
        if (apt.isPresent()) {
            return apt;
        }
        return dnfMainOption(layout, "install_weak_deps").flatMap(ToolDefaults::bool);
    }

    /**
     * dnf's {@code clean_requirements_on_remove}: whether a removal also removes the dependencies that were
     * installed only for what it removes (dnf.conf(5): true unless set).
     */
    public static boolean dnfCleanRequirementsOnRemove(Layout layout) {
        return dnfMainOption(layout, "clean_requirements_on_remove").flatMap(ToolDefaults::bool).orElse(true);
    }

    /** apt's {@code APT::Default-Release} (the release {@code apt-get -t} names for every command); empty unset. */
    public static Optional<String> aptDefaultRelease(Layout layout) {
        return aptOption(layout, "APT::Default-Release").filter(v -> !v.isBlank());
    }

    /**
     * The value of a one-line apt.conf(5) option ({@code Name "value";}) in apt.conf and apt.conf.d: later
     * files and lines win, as in apt; empty when no file sets it.
     */
    private static Optional<String> aptOption(Layout layout, String name) {
        Pattern line = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s+\"?([^\";]*)\"?\\s*;");
        Optional<String> value = Optional.empty();
        for (Path f : aptConfFiles(layout)) {
            try {
                Matcher m = line.matcher(Files.readString(f));
                while (m.find()) {
                    value = Optional.of(m.group(1).strip());
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // unreadable: silent
            }
        }
        return value;
    }

    /**
     * The value of {@code key} in the {@code [main]} section of dnf.conf(5) under the root ({@code key=value},
     * spaces around {@code =} allowed); empty when the file, the section or the key is missing or unreadable.
     */
    public static Optional<String> dnfMainOption(Layout layout, String key) {
        return mainOption(layout.resolve("/etc/dnf/dnf.conf"), key);
    }

    /**
     * dnf's installonly packages: its defaults and the names and provides dnf.conf's {@code installonlypkgs} adds
     * to them (libdnf's option appends to the default list; items separated by commas or blanks).
     */
    public static Set<String> dnfInstallOnlyPackages(Layout layout) {
        Set<String> out = new LinkedHashSet<>(RpmRules.DNF_INSTALLONLY_PKGS);
        dnfMainOption(layout, "installonlypkgs").ifPresent(v -> {
            for (String item : v.split("[,\\s]+")) {
                if (!item.isEmpty()) {
                    out.add(item);
                }
            }
        });
        return out;
    }

    /**
     * dnf's {@code installonly_limit}: how many versions of an installonly package stay installed, 3 unless
     * dnf.conf says otherwise; 0 means no limit. dnf refuses 1 (the running kernel and the new one must both
     * stay) and so does peerget, as it does a value that is not a number.
     *
     * @throws EngineException naming dnf.conf and the value when it is invalid
     */
    public static int dnfInstallOnlyLimit(Layout layout) {
        Optional<String> value = dnfMainOption(layout, "installonly_limit");
        if (value.isEmpty()) {
            return DNF_INSTALLONLY_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit == 0 || limit >= 2) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new EngineException("invalid installonly_limit '" + value.get() + "' in "
                + layout.resolve("/etc/dnf/dnf.conf"), "set it to 0 (no limit) or a number of at least 2, as dnf requires");
    }

    /**
     * dnf's versionlock plugin list under the root, when the plugin is installed and enabled
     * ({@code /etc/dnf/plugins/versionlock.conf}: {@code enabled}, {@code locklist}, by default
     * {@code /etc/dnf/plugins/versionlock.list}); {@link VersionLockList#EMPTY} otherwise, as for dnf.
     *
     * @throws EngineException naming the list when it is configured but unreadable
     */
    public static VersionLockList dnfVersionLocks(Layout layout) {
        Path conf = layout.resolve("/etc/dnf/plugins/versionlock.conf");
        if (!mainOption(conf, "enabled").flatMap(ToolDefaults::bool).orElse(false)) {
            return VersionLockList.EMPTY;
        }
        Path list = layout.resolve(mainOption(conf, "locklist").orElse("/etc/dnf/plugins/versionlock.list"));
        try {
            return Files.isRegularFile(list) ? VersionLockList.parse(Files.readString(list)) : VersionLockList.EMPTY;
        } catch (IOException e) {
            throw new EngineException("cannot read dnf's version locks " + list + ": " + e.getMessage(),
                    "check its permissions, or disable the plugin in " + conf);
        }
    }

    /**
     * The value of {@code key} in the {@code [main]} section of a dnf-style INI file (dnf.conf, a plugin's
     * {@code .conf}); empty when the file, the section or the key is missing or unreadable.
     */
    public static Optional<String> mainOption(Path file, String key) {
        try {
            boolean main = false;
            for (String line : Files.isRegularFile(file) ? Files.readAllLines(file) : List.<String>of()) {
                String l = line.strip();
                int eq = l.indexOf('=');
                if (l.startsWith("[")) {
                    main = l.equals("[main]");
                } else if (main && eq > 0 && l.substring(0, eq).strip().equals(key)) {
                    return Optional.of(l.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            // unreadable: silent
        }
        return Optional.empty();
    }

    /** apt.conf, then apt.conf.d's files in name order (apt skips names with other characters; so do we). */
    private static List<Path> aptConfFiles(Layout layout) {
        List<Path> files = new ArrayList<>();
        Path main = layout.resolve("/etc/apt/apt.conf");
        if (Files.isRegularFile(main)) {
            files.add(main);
        }
        Path dir = layout.resolve("/etc/apt/apt.conf.d");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.getFileName().toString().matches("[A-Za-z0-9_.-]+")
                        && !p.getFileName().toString().endsWith(".dpkg-old")
                        && !p.getFileName().toString().endsWith(".dpkg-dist") && Files.isRegularFile(p))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                // unreadable: silent
            }
        }
        return files;
    }

    static Optional<Boolean> bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> Optional.of(true);
            case "0", "false", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
