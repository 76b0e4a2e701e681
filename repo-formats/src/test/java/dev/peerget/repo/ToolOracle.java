package dev.peerget.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a reference tool (dpkg, rpm) over many inputs in a few processes instead of one process per input:
 * each shard becomes one script file, run by one command, whose output lines are read back in order.
 * Test support only; not thread-safe.
 */
public final class ToolOracle {
    private static final long TIMEOUT_SECONDS = 120;

    private ToolOracle() {
    }

    /**
     * Splits {@code scriptLines} into {@code shards} consecutive parts, writes each to a file in {@code dir},
     * runs {@code command.apply(file)} for all parts concurrently and returns their stdout lines, concatenated
     * in part order. Fails if a process exits non-zero or runs too long.
     */
    public static List<String> run(Path dir, List<String> scriptLines, int shards, Function<Path, List<String>> command)
            throws IOException, InterruptedException {
        int per = (scriptLines.size() + shards - 1) / Math.max(shards, 1);
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int s = 0; s * per < scriptLines.size(); s++) {
            Path script = dir.resolve("oracle-" + s + ".script");
            Path out = dir.resolve("oracle-" + s + ".out");
            Files.write(script, scriptLines.subList(s * per, Math.min(scriptLines.size(), (s + 1) * per)),
                    StandardCharsets.UTF_8);
            processes.add(new ProcessBuilder(command.apply(script))
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start());
            outputs.add(out);
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("oracle process timed out: " + p.info().commandLine().orElse("?"));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("oracle process failed with exit " + p.exitValue());
            }
            lines.addAll(Files.readAllLines(outputs.get(i), StandardCharsets.UTF_8));
        }
        return lines;
    }

    /** {@code s} as one single-quoted POSIX shell word. */
    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
