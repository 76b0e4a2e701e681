package dev.peerget.fetch.torrent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program the tests run beside the engine (opentracker, aria2c), its output kept for failure messages; killed
 * on close.
 */
public final class ExternalProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> output = new ArrayList<>();

    private ExternalProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::read, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static ExternalProcess start(Path workingDirectory, List<String> command) {
        try {
            return new ExternalProcess(command.get(0),
                    new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (is it installed? see "
                    + "scripts/install-test-deps.sh)", e);
        }
    }

    /**
     * opentracker on 127.0.0.1:{@code port} tracking only {@code infoHash}, with {@code home} as its directory:
     * Debian builds it in whitelist mode. Run as root it chroots into its directory and becomes {@code nobody} (it
     * refuses to keep root), so the directory and whitelist must be readable by others; as another user it only
     * changes into the directory.
     */
    public static ExternalProcess opentracker(Path home, int port, String infoHash) throws java.io.IOException {
        java.nio.file.Files.createDirectories(home);
        java.nio.file.Files.writeString(home.resolve("whitelist.txt"), infoHash + "\n");
        java.nio.file.Files.setPosixFilePermissions(home,
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Files.setPosixFilePermissions(home.resolve("whitelist.txt"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        return start(home, List.of("opentracker", "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-P", Integer.toString(port), "-d", home.toString(), "-w", "whitelist.txt", "-u", "nobody"));
    }

    /** A TCP port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:{@code port}, failing if the program exits. */
    public void awaitListening(int port, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError(name + " not listening on " + port + " after " + seconds + " s:\n" + output());
    }

    /** Waits until a line of output matches, failing if the program exits first. */
    void awaitOutput(Predicate<String> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            synchronized (output) {
                if (output.stream().anyMatch(wanted)) {
                    return;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + ": awaited output not seen after " + seconds + " s:\n" + output());
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - 60), output.size()));
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            // Gone.
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
