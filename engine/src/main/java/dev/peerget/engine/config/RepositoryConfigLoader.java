package dev.peerget.engine.config;

import dev.peerget.engine.EngineContext;
import dev.peerget.engine.EngineException;
import dev.peerget.repo.deb.AptSource;
import dev.peerget.repo.deb.AptSourcesParser;
import dev.peerget.repo.rpm.YumRepoConfig;
import dev.peerget.repo.rpm.YumRepoConfigParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the repository configuration users already have under the root: apt's {@code sources.list} and
 * {@code sources.list.d/*.list|*.sources}, and {@code yum.repos.d/*.repo} with {@code $releasever},
 * {@code $basearch}, {@code $arch} and the variables files of {@code etc/dnf/vars} and {@code etc/yum/vars}.
 * Files are read in name order, as apt and dnf do.
 */
public final class RepositoryConfigLoader {
    private final EngineContext context;

    public RepositoryConfigLoader(EngineContext context) {
        this.context = context;
    }

    public ConfiguredRepositories load() {
        List<String> warnings = new ArrayList<>();
        List<AptSource.Target> apt = new ArrayList<>();
        List<Path> aptFiles = new ArrayList<>();
        if (Files.isRegularFile(context.layout().aptSourcesList())) {
            aptFiles.add(context.layout().aptSourcesList());
        }
        for (Path f : list(context.layout().aptSourcesDir())) {
            String name = f.getFileName().toString();
            if (name.endsWith(".list") || name.endsWith(".sources")) {
                aptFiles.add(f);
            } else if (!name.startsWith(".") && !name.endsWith("~") && !name.endsWith(".save")
                    && !name.endsWith(".disabled") && !name.endsWith(".distUpgrade")) {
                warnings.add("ignoring file '" + name + "' in " + context.layout().aptSourcesDir()
                        + " as it has an invalid filename extension");
            }
        }
        for (Path f : aptFiles) {
            AptSourcesParser.Result result = AptSourcesParser.parse(read(f), f.toString());
            warnings.addAll(result.notes());
            for (AptSource.Target t : result.enabledTargets()) {
                if (t.type().equals("deb")) {
                    apt.add(t);
                }
            }
        }
        List<YumRepoConfig> yum = new ArrayList<>();
        Map<String, String> vars = yumVariables();
        for (Path f : list(context.layout().yumReposDir())) {
            if (!f.getFileName().toString().endsWith(".repo")) {
                continue;
            }
            try (InputStream in = Files.newInputStream(f)) {
                yum.addAll(YumRepoConfigParser.parse(in, f.toString(), vars));
            } catch (IOException e) {
                throw new EngineException("cannot read " + f + ": " + e.getMessage(), "check its permissions", e);
            }
        }
        return new ConfiguredRepositories(apt, yum, warnings);
    }

    /** dnf's substitution variables: built-ins first, then the vars directories (which may override them). */
    private Map<String, String> yumVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("releasever", context.releaseVersion());
        vars.put("basearch", context.architectures().rpmBaseArch());
        vars.put("arch", context.architectures().rpmArch());
        for (String dir : new String[] {"/etc/yum/vars", "/etc/dnf/vars"}) {
            for (Path f : list(context.layout().resolve(dir))) {
                if (Files.isRegularFile(f)) {
                    String value = read(f).lines().findFirst().orElse("").strip();
                    vars.put(f.getFileName().toString(), value);
                }
            }
        }
        return vars;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new EngineException("cannot list " + dir + ": " + e.getMessage(), "check its permissions", e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new EngineException("cannot read " + f + ": " + e.getMessage(), "check its permissions", e);
        }
    }
}
