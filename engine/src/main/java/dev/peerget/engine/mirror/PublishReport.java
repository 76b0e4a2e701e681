package dev.peerget.engine.mirror;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@code mirror torrent} did.
 *
 * @param format          {@code apt} or {@code yum}
 * @param root            the repository root
 * @param name            the torrents' name
 * @param urlList         the BEP 19 web seeds written into the torrents
 * @param torrents        one per signed index (apt suite, yum repodata)
 * @param warnings        what the operator should know (packages left out, suites without packages)
 * @param signatures      signatures that no longer match their index: written when {@code signedWith} is set,
 *                        else for the operator to write ({@link #resignCommands()})
 * @param signedWith      the key this run signed with, null when it did not sign
 * @param suggestedKey    the key the stale signatures were made with (as they claim), for the commands; null when
 *                        unknown
 * @param unsignedIndexes indexes that have no signature at all and were not signed
 */
public record PublishReport(String format, Path root, String name, List<String> urlList, List<IndexTorrent> torrents,
        List<String> warnings, List<IndexSignature> signatures, String signedWith, String suggestedKey,
        List<Path> unsignedIndexes) {
    /** Shown in the commands when the key cannot be told from the old signatures. */
    public static final String KEY_PLACEHOLDER = "KEYID";

    public PublishReport {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(name, "name");
        urlList = List.copyOf(urlList);
        torrents = List.copyOf(torrents);
        warnings = List.copyOf(warnings);
        signatures = List.copyOf(signatures);
        unsignedIndexes = List.copyOf(unsignedIndexes);
    }

    public boolean signed() {
        return signedWith != null;
    }

    /** Files this run wrote, signatures included. */
    public List<Path> changedFiles() {
        List<Path> out = new ArrayList<>();
        torrents.forEach(t -> out.addAll(t.changedFiles()));
        if (signed()) {
            signatures.forEach(s -> out.add(s.signature()));
        }
        return out;
    }

    /**
     * The gpg commands the operator must run when this run did not sign, as shell command lines (arguments quoted
     * where the shell would split or expand them); empty when nothing needs signing.
     */
    public List<String> resignCommands() {
        if (signed()) {
            return List.of();
        }
        String key = suggestedKey != null ? suggestedKey : KEY_PLACEHOLDER;
        return signatures.stream().map(s -> s.gpgCommand("gpg", key, null, s.signature()).stream()
                .map(PublishReport::shellWord).collect(Collectors.joining(" "))).toList();
    }

    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
