package dev.peerget.cli.docs;

import dev.peerget.cli.Main;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.engine.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import picocli.CommandLine;

/**
 * Generates peerget's man pages and shell completions from the picocli model and the settings enum, into the
 * project tree where they are committed ({@code scripts/regenerate-docs.sh} runs this; GeneratedDocsTest fails
 * when the committed files differ from {@link #expectedFiles}). Output depends only on the code and the
 * project version read from the root {@code pom.xml}.
 */
public final class DocsGenerator {
    /** Paths of the generated files, relative to the project root. */
    public static final Path PEERGET_8 = Path.of("man/peerget.8");
    public static final Path PEERGET_CONF_5 = Path.of("man/peerget.conf.5");
    public static final Path BASH = Path.of("completions/peerget.bash");
    public static final Path ZSH = Path.of("completions/_peerget");
    public static final Path FISH = Path.of("completions/peerget.fish");

    private DocsGenerator() {
    }

    /** Writes every generated file below the project root {@code args[0]} and lists the ones that changed. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DocsGenerator PROJECT_ROOT");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        for (Map.Entry<Path, String> e : expectedFiles(root).entrySet()) {
            Path file = root.resolve(e.getKey());
            byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
                System.out.println("unchanged " + e.getKey());
            } else {
                Files.createDirectories(file.getParent());
                Files.write(file, content);
                System.out.println("wrote     " + e.getKey());
            }
        }
    }

    /** The content each generated file should have, keyed by its path relative to {@code projectRoot}. */
    public static Map<Path, String> expectedFiles(Path projectRoot) {
        CommandLine commandLine = Main.commandLine(new PeergetCommand());
        ManPageWriter man = new ManPageWriter(projectVersion(projectRoot.resolve("pom.xml")));
        CompletionWriter completion = new CompletionWriter(commandLine);
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(PEERGET_8, man.commandPage(commandLine));
        files.put(PEERGET_CONF_5, man.configPage(List.of(Setting.values())));
        files.put(BASH, completion.bash());
        files.put(ZSH, completion.zsh());
        files.put(FISH, completion.fish());
        return files;
    }

    /** The {@code project/version} element of a pom. */
    static String projectVersion(Path pom) {
        try (InputStream in = Files.newInputStream(pom)) {
            XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(in);
            Deque<String> path = new ArrayDeque<>();
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    path.addLast(r.getLocalName());
                    if (String.join("/", path).equals("project/version")) {
                        return r.getElementText().strip();
                    }
                } else if (event == XMLStreamReader.END_ELEMENT) {
                    path.removeLast();
                }
            }
            throw new IllegalStateException(pom + ": no project/version element");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(pom + ": " + e.getMessage(), e);
        }
    }
}
