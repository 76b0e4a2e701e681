package dev.peerget.cache.internal;

import dev.peerget.model.MultiArch;
import dev.peerget.model.PackageRecord;

/**
 * The column {@code packages.info}: the fields of a package that no query filters or sorts on and that are only
 * ever read with the whole row (section, priority, essential, Multi-Arch, the two sizes, location, checksums,
 * source, maintainer, homepage, license, summary, description), as one text. Each field is written as its length in UTF-16 code units,
 * a colon and the text itself, so that any text survives unchanged (no separator to escape).
 *
 * <p>Why one column and not twelve: writing a package row cost the update's writer thread more per bound value
 * than per byte (each bind is a JNI call into sqlite-jdbc, a copy and two allocations in C); one text instead of
 * twelve values saves about 700,000 binds on the 63,000 rows of Debian's main (docs/benchmarks.md). Reading it
 * back is one column read instead of twelve as well.
 */
final class PackageInfo {
    private PackageInfo() {
    }

    /** The info text of {@code r}, with its checksums as {@code PackageWriter.checksums} renders them. */
    static String encode(PackageRecord r, String checksums) {
        StringBuilder b = new StringBuilder(96 + checksums.length() + r.maintainer().length() + r.location().length()
                + r.summary().length() + r.description().length());
        field(b, r.section());
        field(b, r.priority());
        b.append(r.essential() ? "1:1" : "1:0");
        field(b, r.multiArch().name());
        number(b, r.size());
        number(b, r.installedSize());
        field(b, r.location());
        field(b, checksums);
        field(b, r.source());
        field(b, r.maintainer());
        field(b, r.homepage());
        field(b, r.license());
        field(b, r.summary());
        field(b, r.description());
        return b.toString();
    }

    private static void field(StringBuilder b, String s) {
        b.append(s.length()).append(':').append(s);
    }

    private static void number(StringBuilder b, long n) {
        int digits = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        b.append(digits).append(':').append(n);
    }

    /** Sets the fields that {@code info} (made by {@link #encode}) holds on {@code b}. */
    static void decode(String info, PackageRecord.Builder b) {
        Reader in = new Reader(info);
        b.section(in.next())
                .priority(in.next())
                .essential(in.next().equals("1"))
                .multiArch(MultiArch.valueOf(in.next()))
                .size(Long.parseLong(in.next()))
                .installedSize(Long.parseLong(in.next()))
                .location(in.next());
        String sums = in.next();
        if (!sums.isEmpty()) {
            PackageRows.checksums(sums, b);
        }
        b.source(in.next()).maintainer(in.next()).homepage(in.next()).license(in.next());
        b.summary(in.next()).description(in.next());
        if (!in.atEnd()) {
            throw new IllegalStateException("malformed package info: more than 14 fields");
        }
    }

    /** Reads the fields of an info text one after the other. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        String next() {
            int colon = text.indexOf(':', at);
            if (colon < 0) {
                throw new IllegalStateException("malformed package info at " + at + ": " + text);
            }
            int start = colon + 1;
            int end = start + Integer.parseInt(text, at, colon, 10);
            at = end;
            return text.substring(start, end);
        }

        boolean atEnd() {
            return at == text.length();
        }
    }
}
