package dev.peerget.repo.deb;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.model.MultiArch;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.RelationKind;
import dev.peerget.repo.MetadataException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the stanzas of a Debian {@code Packages} index (and, through {@link #record(Stanza)}, of the dpkg
 * status file, which uses the same binary-package fields) into {@link PackageRecord}s of format
 * {@link PackageFormat#DEB}.
 *
 * <p>Fields are those of Debian Policy §5.3 plus the archive's Filename/Size/checksums. Unknown fields
 * (Tag, Description-md5, translations, Conffiles, …) are ignored. Package, Version and Architecture are
 * required; a missing one, a bad number, checksum or Multi-Arch value, or a malformed relation is a
 * {@link MetadataException} naming the file and line. Relation fields are checked here and parsed when first
 * read ({@link DebRelations}).
 *
 * <p>Stateless and thread-safe.
 */
public final class PackagesIndexParser {
    private PackagesIndexParser() {
    }

    /** The fields this parser understands; looked up once per field by exact spelling, then lower case. */
    private enum Key {
        PACKAGE, VERSION, ARCHITECTURE, DESCRIPTION, SECTION, PRIORITY, ESSENTIAL, PROTECTED, MULTI_ARCH,
        DEPENDS, PRE_DEPENDS, RECOMMENDS, SUGGESTS, ENHANCES, CONFLICTS, BREAKS, REPLACES, PROVIDES,
        SIZE, INSTALLED_SIZE, FILENAME, MD5SUM, SHA1, SHA256, SHA512, SOURCE, MAINTAINER, HOMEPAGE;

        private static final Map<String, Key> BY_NAME = new HashMap<>();

        static {
            for (Key k : values()) {
                String lower = k.name().toLowerCase(Locale.ROOT).replace('_', '-');
                BY_NAME.put(lower, k);
                BY_NAME.put(canonical(lower), k);
            }
        }

        /** {@code pre-depends} → {@code Pre-Depends}, the spelling the archive uses. */
        private static String canonical(String lower) {
            StringBuilder sb = new StringBuilder(lower.length());
            boolean up = true;
            for (char c : lower.toCharArray()) {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = c == '-';
            }
            String s = sb.toString();
            return switch (s) {
                case "Md5sum" -> "MD5sum";
                case "Sha1" -> "SHA1";
                case "Sha256" -> "SHA256";
                case "Sha512" -> "SHA512";
                default -> s;
            };
        }

        static Key of(String fieldName) {
            Key k = BY_NAME.get(fieldName);
            return k != null ? k : BY_NAME.get(fieldName.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The keys of the field names one reader handed out, by identity: a {@link Deb822Reader} gives every field of a
     * name the same String, and an index repeats some thirty names a million times. A slot holds the last name
     * that hashed to it; a name that finds another there is looked up as usual.
     */
    private static final class Keys {
        private static final int SLOTS = 128;
        private final String[] names = new String[SLOTS];
        private final Key[] keys = new Key[SLOTS];

        Key of(String name) {
            int slot = System.identityHashCode(name) & (SLOTS - 1);
            if (names[slot] == name) {
                return keys[slot];
            }
            Key k = Key.of(name);
            names[slot] = name;
            keys[slot] = k;
            return k;
        }
    }

    /** Parses a whole (already decompressed) Packages index, handing each package to {@code sink}. */
    public static void parse(InputStream in, String sourceName, Consumer<PackageRecord> sink) throws IOException {
        parse(new Deb822Reader(in, sourceName), sink);
    }

    /**
     * Parses a whole (already decompressed, or decompressing) Packages index like {@link #parse(InputStream,
     * String, Consumer)}, reading its stanzas on a thread called {@code threadName} while this one builds the
     * packages ({@link StanzaReadAhead}); closes {@code in}.
     */
    public static void parseAhead(InputStream in, String sourceName, String threadName, Consumer<PackageRecord> sink)
            throws IOException {
        Keys keys = new Keys();
        StanzaReadAhead.forEach(in, sourceName, threadName, stanza -> sink.accept(record(stanza, keys)));
    }

    /** Parses the remaining stanzas of {@code reader}, handing each package to {@code sink}. */
    public static void parse(Deb822Reader reader, Consumer<PackageRecord> sink) throws IOException {
        Keys keys = new Keys();
        reader.forEach(stanza -> sink.accept(record(stanza, keys)));
    }

    /**
     * Maps one binary-package stanza to a record.
     *
     * @throws MetadataException when a required field is missing or a value is malformed
     */
    public static PackageRecord record(Stanza stanza) {
        return record(stanza, new Keys());
    }

    private static PackageRecord record(Stanza stanza, Keys keys) {
        String name = require(stanza, "Package");
        String version = require(stanza, "Version");
        String arch = require(stanza, "Architecture");
        PackageRecord.Builder b = PackageRecord.builder(PackageFormat.DEB, name, version, arch);
        // Policy §5.6.1: without a Source field the source package has the binary package's name.
        b.source(name);
        String src = stanza.source();
        DebRelations.Builder relations = null;
        for (Stanza.Field f : stanza.fields()) {
            Key key = keys.of(f.name());
            if (key == null) {
                continue;
            }
            String v = f.value();
            long line = f.line();
            switch (key) {
                case PACKAGE, VERSION, ARCHITECTURE -> { }
                case DESCRIPTION -> description(b, v);
                case SECTION -> b.section(v);
                case PRIORITY -> b.priority(v);
                case ESSENTIAL, PROTECTED -> {
                    if (v.equalsIgnoreCase("yes")) {
                        b.essential(true); // Protected: yes is Essential's lighter sibling; never remove implicitly
                    }
                }
                case MULTI_ARCH -> b.multiArch(multiArch(v, src, line));
                case DEPENDS -> relations = relation(relations, RelationKind.DEPENDS, v, src, line, name);
                case PRE_DEPENDS -> relations = relation(relations, RelationKind.PRE_DEPENDS, v, src, line, name);
                case RECOMMENDS -> relations = relation(relations, RelationKind.RECOMMENDS, v, src, line, name);
                case SUGGESTS -> relations = relation(relations, RelationKind.SUGGESTS, v, src, line, name);
                case ENHANCES -> relations = relation(relations, RelationKind.ENHANCES, v, src, line, name);
                case CONFLICTS -> relations = relation(relations, RelationKind.CONFLICTS, v, src, line, name);
                case BREAKS -> relations = relation(relations, RelationKind.BREAKS, v, src, line, name);
                case REPLACES -> relations = relation(relations, RelationKind.REPLACES, v, src, line, name);
                case PROVIDES -> b.provides(DebRelationParser.parseProvides(v, src, line, name));
                case SIZE -> b.size(number(v, f, src));
                // Policy §5.6.20: Installed-Size is in KiB.
                case INSTALLED_SIZE -> b.installedSize(number(v, f, src) * 1024);
                case FILENAME -> b.location(v);
                case MD5SUM -> b.checksum(checksum(HashAlgorithm.MD5, f, src));
                case SHA1 -> b.checksum(checksum(HashAlgorithm.SHA1, f, src));
                case SHA256 -> b.checksum(checksum(HashAlgorithm.SHA256, f, src));
                case SHA512 -> b.checksum(checksum(HashAlgorithm.SHA512, f, src));
                case SOURCE -> b.source(sourceName(v));
                case MAINTAINER -> b.maintainer(v);
                case HOMEPAGE -> b.homepage(v);
                default -> throw new AssertionError(key);
            }
        }
        if (relations != null) {
            b.relations(relations.build());
        }
        return b.build();
    }

    /**
     * Checks a relation field and keeps its text ({@link DebRelations}: parsed when first read); returns the
     * package's collection, started on its first field.
     */
    private static DebRelations.Builder relation(DebRelations.Builder relations, RelationKind kind, String value,
                                                 String src, long line, String name) {
        DebRelationParser.validate(kind, value, src, line, name);
        return (relations == null ? new DebRelations.Builder() : relations).add(kind, value);
    }

    private static String require(Stanza stanza, String field) {
        String v = stanza.value(field, "");
        if (v.isEmpty()) {
            throw MetadataException.at(stanza.source(), stanza.line(),
                    "paragraph has no " + field + " field" + packageHint(stanza));
        }
        return v;
    }

    private static String packageHint(Stanza stanza) {
        String p = stanza.value("Package", "");
        return p.isEmpty() ? "" : " (package " + p + ")";
    }

    /**
     * Policy §5.6.13: the first line is the synopsis; in the extended description one leading space is
     * stripped from each line, and a line consisting of {@code " ."} stands for an empty line.
     */
    static void description(PackageRecord.Builder b, String value) {
        int nl = value.indexOf('\n');
        if (nl < 0) {
            b.summary(value.strip());
            return;
        }
        b.summary(value.substring(0, nl).strip());
        StringBuilder sb = new StringBuilder(value.length() - nl);
        int i = nl + 1;
        while (i <= value.length()) {
            int end = value.indexOf('\n', i);
            if (end < 0) {
                end = value.length();
            }
            int s = i < end && (value.charAt(i) == ' ' || value.charAt(i) == '\t') ? i + 1 : i;
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (!(end - s == 1 && value.charAt(s) == '.')) {
                sb.append(value, s, end);
            }
            i = end + 1;
        }
        b.description(sb.toString());
    }

    private static MultiArch multiArch(String v, String src, long line) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "same" -> MultiArch.SAME;
            case "foreign" -> MultiArch.FOREIGN;
            case "allowed" -> MultiArch.ALLOWED;
            case "no", "" -> MultiArch.NO;
            default -> throw MetadataException.at(src, line, "unknown Multi-Arch value '" + v + "'");
        };
    }

    private static long number(String v, Stanza.Field f, String src) {
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MetadataException.at(src, f.line(), f.name() + " is not a size: '" + v + "'");
    }

    private static Checksum checksum(HashAlgorithm algorithm, Stanza.Field f, String src) {
        try {
            return new Checksum(algorithm, f.value());
        } catch (IllegalArgumentException e) {
            throw MetadataException.at(src, f.line(), f.name() + ": " + e.getMessage());
        }
    }

    /** {@code Source: gcc-defaults (1.96)} names the source package and, in parentheses, its version. */
    private static String sourceName(String v) {
        int paren = v.indexOf('(');
        return (paren < 0 ? v : v.substring(0, paren)).strip();
    }
}
