package dev.peerget.engine.solvertest;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** libsolv's {@code testsolv}, the oracle: runs a testcase and reports its transaction in testcase notation. */
final class Testsolv {
    private Testsolv() {
    }

    /** Exit code and output lines of {@code testsolv -r script}. */
    record Run(int exitCode, List<String> lines) {
        /** Lines such as {@code install NAME-EVR.ARCH@REPO} as {@code install NAME}; problems as {@code problem}. */
        List<String> actions() {
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                String[] f = l.split(" ");
                switch (f[0]) {
                    case "install", "erase", "upgrade", "downgrade", "reinstall" -> out.add(f[0] + " " + name(f[1]));
                    case "problem" -> {
                        if (!out.contains("problem")) {
                            out.add("problem");
                        }
                    }
                    default -> { }
                }
            }
            return out.stream().sorted().toList();
        }

        /** {@code name-version-release.arch@repo} → name (version and release hold no dash in testcases). */
        private static String name(String pkg) {
            String nevr = pkg.substring(0, pkg.lastIndexOf('.', pkg.indexOf('@')));
            String[] parts = nevr.split("-");
            int drop = parts.length > 2 && Character.isDigit(parts[parts.length - 2].charAt(0)) ? 2 : 1;
            return String.join("-", java.util.Arrays.copyOf(parts, parts.length - drop));
        }
    }

    static Run run(Path script) throws Exception {
        Process p = new ProcessBuilder("testsolv", "-r", script.getFileName().toString())
                .directory(script.toAbsolutePath().getParent().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("testsolv did not finish");
        }
        return new Run(p.exitValue(), out.lines().toList());
    }
}
