package dev.peerget.repo.rpm;

/**
 * rpm 4.18's {@code rpmvercmp()} ({@code rpmio/rpmvercmp.c}) on index ranges of strings, so that comparing
 * the parts of an EVR string allocates nothing. Stateless and thread-safe.
 */
final class RpmVercmp {
    private RpmVercmp() {
    }

    /** Sign of {@code rpmvercmp(a[ai, aEnd), b[bi, bEnd))}: -1, 0 or 1. */
    static int compare(String a, int ai, int aEnd, String b, int bi, int bEnd) {
        while (ai < aEnd || bi < bEnd) {
            // Everything but ASCII letters, digits, '~' and '^' only separates segments.
            while (ai < aEnd && isSeparator(a.charAt(ai))) {
                ai++;
            }
            while (bi < bEnd && isSeparator(b.charAt(bi))) {
                bi++;
            }
            char ca = ai < aEnd ? a.charAt(ai) : 0;
            char cb = bi < bEnd ? b.charAt(bi) : 0;
            // Tilde sorts before everything, even the end: 1.0~rc1 < 1.0 (pre-releases, rpm >= 4.10).
            if (ca == '~' || cb == '~') {
                if (ca != '~') {
                    return 1;
                }
                if (cb != '~') {
                    return -1;
                }
                ai++;
                bi++;
                continue;
            }
            // Caret sorts after the end but before any segment: 1.0 < 1.0^git1 < 1.0.1 (snapshots, rpm >= 4.15).
            if (ca == '^' || cb == '^') {
                if (ai >= aEnd) {
                    return -1;
                }
                if (bi >= bEnd) {
                    return 1;
                }
                if (ca != '^') {
                    return 1;
                }
                if (cb != '^') {
                    return -1;
                }
                ai++;
                bi++;
                continue;
            }
            if (ai >= aEnd || bi >= bEnd) {
                break;
            }
            boolean numeric = isDigit(ca);
            int aSeg = ai;
            int bSeg = bi;
            if (numeric) {
                while (aSeg < aEnd && isDigit(a.charAt(aSeg))) {
                    aSeg++;
                }
                while (bSeg < bEnd && isDigit(b.charAt(bSeg))) {
                    bSeg++;
                }
            } else {
                while (aSeg < aEnd && isLetter(a.charAt(aSeg))) {
                    aSeg++;
                }
                while (bSeg < bEnd && isLetter(b.charAt(bSeg))) {
                    bSeg++;
                }
            }
            // Segments of different kinds: the numeric one is newer (rpm bug #50977).
            if (bSeg == bi) {
                return numeric ? 1 : -1;
            }
            if (numeric) {
                while (ai < aSeg && a.charAt(ai) == '0') {
                    ai++;
                }
                while (bi < bSeg && b.charAt(bi) == '0') {
                    bi++;
                }
                int lengthDiff = (aSeg - ai) - (bSeg - bi);
                if (lengthDiff != 0) {
                    return lengthDiff < 0 ? -1 : 1;
                }
            }
            // strcmp() of the two segments.
            for (; ai < aSeg && bi < bSeg; ai++, bi++) {
                int d = a.charAt(ai) - b.charAt(bi);
                if (d != 0) {
                    return d < 0 ? -1 : 1;
                }
            }
            if (ai < aSeg) {
                return 1;
            }
            if (bi < bSeg) {
                return -1;
            }
        }
        // All segments equal: whichever string still has characters left is newer.
        if (ai >= aEnd && bi >= bEnd) {
            return 0;
        }
        return ai >= aEnd ? -1 : 1;
    }

    private static boolean isSeparator(char c) {
        return !isDigit(c) && !isLetter(c) && c != '~' && c != '^';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** ASCII only, like rpm's {@code risalpha()}: other bytes are separators. */
    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
