package dev.peerget.installer.internal;

import dev.peerget.installer.InstallListener;
import dev.peerget.installer.InstallerException;
import dev.peerget.installer.ToolRun;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Runs dpkg or rpm to completion: standard input from {@code /dev/null} (nothing may prompt) or a given file, standard output
 * and error merged, every line passed to the listener and the last {@link ToolRun#TAIL_LINES} kept.
 *
 * <p>A package tool is never killed from here: interrupting the calling thread does not stop the run (killing
 * dpkg half-way leaves packages half-configured, which is what apt avoids too); the interrupt flag is restored
 * afterwards, and the caller stops before its next run. Stateless apart from the environment; thread-safe.
 */
public final class ToolRunner {
    private final Map<String, String> environment;

    /** @param environment variables added to the inherited environment of every run */
    public ToolRunner(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public ToolRun run(List<String> command, Map<String, String> extraEnvironment, InstallListener listener) {
        return run(command, new File("/dev/null"), extraEnvironment, listener);
    }

    /** A run with standard input from {@code input} (dpkg --set-selections reads its list there). */
    public ToolRun run(List<String> command, File input, Map<String, String> extraEnvironment,
            InstallListener listener) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(input));
        pb.environment().putAll(environment);
        pb.environment().putAll(extraEnvironment);
        listener.commandStarted(command);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new InstallerException("cannot run " + command.get(0) + ": " + e.getMessage(),
                    "install it (Debian: apt-get install dpkg rpm) or configure its path", e);
        }
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                listener.output(line);
                if (tail.size() == ToolRun.TAIL_LINES) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            }
        } catch (IOException e) {
            tail.addLast("peerget: reading the output failed: " + e.getMessage());
        }
        int exit = waitUninterruptibly(process);
        listener.commandFinished(command, exit);
        return new ToolRun(command, exit, String.join("\n", tail));
    }

    private static int waitUninterruptibly(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
