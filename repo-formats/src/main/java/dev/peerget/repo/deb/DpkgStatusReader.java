package dev.peerget.repo.deb;

import dev.peerget.model.InstalledPackage;
import dev.peerget.repo.MetadataException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads dpkg's status database ({@code <admindir>/status}, see dpkg(1) and deb-control(5)) into
 * {@link InstalledPackage}s. Package fields are mapped by {@link PackagesIndexParser#record(Stanza)}; the
 * state is the third word of {@code Status: <want> <flag> <state>}.
 *
 * <p>Entries in state {@code not-installed} are skipped: dpkg keeps them only to remember a selection, and
 * they may lack Version. The caller supplies the stream, so the admin directory (and {@code --root}) stays the
 * caller's business. Stateless and thread-safe.
 */
public final class DpkgStatusReader {
    /** dpkg's package states (dpkg(1), "Package states"). */
    public static final Set<String> STATES = Set.of("not-installed", "config-files", "half-installed",
            "unpacked", "half-configured", "triggers-awaited", "triggers-pending", "installed");

    private DpkgStatusReader() {
    }

    /**
     * Reads a whole status file.
     *
     * @throws MetadataException when a Status field is malformed or a package stanza is invalid
     */
    public static List<InstalledPackage> read(InputStream in, String sourceName) throws IOException {
        List<InstalledPackage> out = new ArrayList<>();
        try (Deb822Reader reader = new Deb822Reader(in, sourceName)) {
            reader.forEach(stanza -> {
                String state = state(stanza);
                if (!state.equals("not-installed")) {
                    out.add(new InstalledPackage(PackagesIndexParser.record(stanza), state, held(stanza)));
                }
            });
        }
        return out;
    }

    /** dpkg's want word {@code hold}: {@code apt-mark hold} / {@code dpkg --set-selections} hold the package. */
    private static boolean held(Stanza stanza) {
        return stanza.value("Status", "").strip().startsWith("hold ");
    }

    private static String state(Stanza stanza) {
        Stanza.Field status = stanza.field("Status").orElseThrow(() -> MetadataException.at(stanza.source(),
                stanza.line(), "package " + stanza.value("Package", "?") + " has no Status field"));
        String[] words = status.value().strip().split("\\s+");
        if (words.length != 3 || !STATES.contains(words[2])) {
            throw MetadataException.at(stanza.source(), status.line(),
                    "Status should be '<want> <flag> <state>' but is '" + status.value() + "'");
        }
        return words[2];
    }
}
