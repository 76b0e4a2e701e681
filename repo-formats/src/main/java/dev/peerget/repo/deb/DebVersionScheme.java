package dev.peerget.repo.deb;

import dev.peerget.model.VersionScheme;

/**
 * Debian version order, exactly as {@code dpkg --compare-versions} (dpkg 1.21, {@code lib/dpkg/version.c})
 * computes it for every version dpkg accepts.
 *
 * <p>A version is {@code [epoch:]upstream_version[-debian_revision]} (Debian Policy §5.6.12). The epoch is
 * compared numerically, then the upstream version, then the revision, each with dpkg's {@code verrevcmp}:
 * alternating non-digit and digit runs; non-digit runs compare character by character where {@code ~}
 * sorts before everything (even the end of the string), then the end of the string, then letters, then
 * every other character; digit runs compare numerically, so leading zeros do not count. A missing
 * revision compares like an empty one (dpkg's {@code parseversion()} stores it as ""), hence {@code 1.0}
 * and {@code 1.0-0} are equal, and {@code 1.0} sorts before {@code 1.0-1}. {@code 0:1.0} equals {@code 1.0}.
 *
 * <p>The empty string means "no version" and sorts before every version, as in {@code dpkg --compare-versions}.
 * {@link #compare} is total over all strings, also those {@link #isValid} rejects: text before the first
 * colon that is not a decimal number is not an epoch (dpkg would refuse the version) and is compared as part
 * of the upstream version; characters outside ASCII sort after all ASCII punctuation (dpkg would compare
 * their UTF-8 bytes, but only warns about them, and no archive carries them).
 *
 * <p>Stateless and thread-safe. {@link #compare} allocates nothing: it walks index ranges of the two strings,
 * because a resolver calls it millions of times.
 */
public final class DebVersionScheme implements VersionScheme {

    /** The only instance; the scheme has no state. */
    public static final DebVersionScheme INSTANCE = new DebVersionScheme();

    private DebVersionScheme() {
    }

    @Override
    public int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        // dpkg treats the empty string as "no version", older than every version (cmpversions' if_none_a).
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? -1 : 1;
        }
        int aColon = epochColon(a);
        int bColon = epochColon(b);
        int c = compareDecimal(a, 0, Math.max(aColon, 0), b, 0, Math.max(bColon, 0));
        if (c != 0) {
            return c;
        }
        int aStart = aColon + 1;
        int bStart = bColon + 1;
        // dpkg splits the revision off at the LAST hyphen (strrchr), so upstream versions may contain hyphens.
        int aHyphen = a.lastIndexOf('-');
        int bHyphen = b.lastIndexOf('-');
        int aUpEnd = aHyphen >= aStart ? aHyphen : a.length();
        int bUpEnd = bHyphen >= bStart ? bHyphen : b.length();
        c = verrevcmp(a, aStart, aUpEnd, b, bStart, bUpEnd);
        if (c != 0) {
            return c;
        }
        // A missing revision is the empty string, as in dpkg's parseversion().
        return verrevcmp(a, Math.min(aUpEnd + 1, a.length()), a.length(),
                b, Math.min(bUpEnd + 1, b.length()), b.length());
    }

    /**
     * Whether dpkg accepts {@code version} without error or warning, following dpkg's {@code parseversion()}
     * (which implements Debian Policy §5.6.12):
     * <ul>
     *   <li>no whitespace at all (dpkg trims surrounding blanks; peerget stores versions trimmed);</li>
     *   <li>an optional epoch: decimal digits up to the first colon, at most {@code INT_MAX}, followed by a
     *       non-empty rest;</li>
     *   <li>an optional revision after the last hyphen, non-empty, of ASCII letters, digits and {@code . + ~};</li>
     *   <li>a non-empty upstream version starting with a digit, of ASCII letters, digits and {@code . + ~ - :}.</li>
     * </ul>
     * dpkg only <em>warns</em> about a non-digit start and invalid characters and still compares such versions;
     * this method rejects them, as {@code dpkg-deb --build} does for new packages. Colons in the upstream part
     * are accepted because dpkg accepts them, although current Policy no longer lists the colon.
     */
    public static boolean isValid(String version) {
        if (version == null || version.isEmpty()) {
            return false;
        }
        int colon = version.indexOf(':');
        int start = 0;
        if (colon >= 0) {
            if (colon == 0 || !isDecimal(version, 0, colon) || exceedsIntMax(version, colon)
                    || colon == version.length() - 1) {
                return false;
            }
            start = colon + 1;
        }
        int hyphen = version.lastIndexOf('-');
        int upEnd = version.length();
        if (hyphen >= start) {
            if (hyphen == version.length() - 1) {
                return false;
            }
            for (int i = hyphen + 1; i < version.length(); i++) {
                char ch = version.charAt(i);
                if (!isAsciiAlnum(ch) && ch != '.' && ch != '+' && ch != '~') {
                    return false;
                }
            }
            upEnd = hyphen;
        }
        if (upEnd == start || !isDigit(version.charAt(start))) {
            return false;
        }
        for (int i = start + 1; i < upEnd; i++) {
            char ch = version.charAt(i);
            if (!isAsciiAlnum(ch) && ch != '.' && ch != '+' && ch != '~' && ch != '-' && ch != ':') {
                return false;
            }
        }
        return true;
    }

    /** Index of the colon ending a decimal epoch, or -1 when the version has no (well-formed) epoch. */
    private static int epochColon(String v) {
        int colon = v.indexOf(':');
        return colon > 0 && isDecimal(v, 0, colon) ? colon : -1;
    }

    /** Numeric comparison of two decimal digit ranges of any length; an empty range is zero. */
    private static int compareDecimal(String a, int ai, int aEnd, String b, int bi, int bEnd) {
        while (ai < aEnd && a.charAt(ai) == '0') {
            ai++;
        }
        while (bi < bEnd && b.charAt(bi) == '0') {
            bi++;
        }
        int lengthDiff = (aEnd - ai) - (bEnd - bi);
        if (lengthDiff != 0) {
            return lengthDiff;
        }
        for (; ai < aEnd; ai++, bi++) {
            int d = a.charAt(ai) - b.charAt(bi);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    /**
     * dpkg's {@code verrevcmp} on {@code a[ai, aEnd)} and {@code b[bi, bEnd)}: alternately a non-digit run
     * compared with {@link #order}, then a digit run compared numerically.
     */
    private static int verrevcmp(String a, int ai, int aEnd, String b, int bi, int bEnd) {
        while (ai < aEnd || bi < bEnd) {
            while ((ai < aEnd && !isDigit(a.charAt(ai))) || (bi < bEnd && !isDigit(b.charAt(bi)))) {
                int ac = ai < aEnd ? order(a.charAt(ai)) : 0;
                int bc = bi < bEnd ? order(b.charAt(bi)) : 0;
                if (ac != bc) {
                    return ac - bc;
                }
                ai++;
                bi++;
            }
            while (ai < aEnd && a.charAt(ai) == '0') {
                ai++;
            }
            while (bi < bEnd && b.charAt(bi) == '0') {
                bi++;
            }
            int firstDiff = 0;
            while (ai < aEnd && bi < bEnd && isDigit(a.charAt(ai)) && isDigit(b.charAt(bi))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(ai) - b.charAt(bi);
                }
                ai++;
                bi++;
            }
            // The longer digit run (leading zeros already skipped) is the larger number.
            if (ai < aEnd && isDigit(a.charAt(ai))) {
                return 1;
            }
            if (bi < bEnd && isDigit(b.charAt(bi))) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }

    /**
     * dpkg's character weight inside a non-digit run: {@code ~} lowest (so {@code 1.0~rc1 < 1.0}), then the end
     * of the string and digits (0), then letters by ASCII code, then every other character above all letters
     * (so {@code 1.0a < 1.0+}).
     */
    private static int order(char c) {
        if (isDigit(c)) {
            return 0;
        }
        if (isAsciiLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static boolean isDecimal(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }

    /** Whether the decimal digits {@code s[0, end)} exceed dpkg's epoch limit {@code INT_MAX}. */
    private static boolean exceedsIntMax(String s, int end) {
        long value = 0;
        for (int i = 0; i < end; i++) {
            value = value * 10 + (s.charAt(i) - '0');
            if (value > Integer.MAX_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiAlnum(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }
}
