package dev.peerget.repo.rpm;

import dev.peerget.model.Op;
import dev.peerget.model.VersionConstraint;
import dev.peerget.model.VersionScheme;

/**
 * RPM version order and dependency-range matching, as rpm 4.18 computes them.
 *
 * <p>peerget writes an RPM version as one string {@code [epoch:]version[-release]}; it is split as rpm's
 * {@code parseEVR()} does: the epoch is the (possibly empty) run of leading digits when a colon follows it
 * (an empty epoch is 0), the release is everything after the <em>last</em> hyphen, the version is what lies
 * between. {@link #evr} builds that string from header fields.
 *
 * <p>{@link #compare} is rpm's {@code rpmverCmp()} (what {@code rpm.vercmp()} and {@code rpmdev-vercmp} use):
 * epochs numerically (missing = 0), then {@code rpmvercmp()} on the versions, then on the releases, where a
 * missing release sorts before every present one, even an empty one ({@code 1.0 < 1.0-}). {@code rpmvercmp()}
 * drops every character that is not an ASCII letter, digit, {@code ~} or {@code ^}, splits the rest into
 * maximal letter runs and digit runs, and compares them in turn: {@code ~} sorts before anything, even the end
 * ({@code 1.0~rc1 < 1.0}); {@code ^} sorts after the end but before any other run ({@code 1.0 < 1.0^git1 <
 * 1.0.1}); a digit run beats a letter run; digit runs compare numerically (leading zeros ignored), letter runs
 * by ASCII code; at the end, the string with runs left over is newer. Separators themselves never count, so
 * {@code 1.0 == 1_0}. This is a total preorder on all strings.
 *
 * <p>{@link #satisfies} is not {@code compare}: it follows rpm's range overlap ({@code rpmverOverlap()}, used by
 * {@code rpmdsCompare()}), see there.
 *
 * <p>Stateless and thread-safe; {@code compare} walks index ranges and allocates nothing.
 */
public final class RpmVersionScheme implements VersionScheme {

    /** The only instance; the scheme has no state. */
    public static final RpmVersionScheme INSTANCE = new RpmVersionScheme();

    private RpmVersionScheme() {
    }

    /**
     * The canonical peerget string for an RPM header's EVR: {@code epoch:version-release}, the epoch left out
     * when null, empty or "0" (rpm treats a missing epoch as 0, so both spell the same version) and the
     * release left out when null or empty.
     *
     * @throws IllegalArgumentException if {@code version} is null or empty or contains {@code -} or {@code :},
     *     the release contains {@code -} (rpmbuild forbids these: they separate the parts), or the epoch is
     *     not decimal
     */
    public static String evr(String epoch, String version, String release) {
        if (version == null || version.isEmpty()) {
            throw new IllegalArgumentException("empty RPM version");
        }
        // rpmbuild forbids '-' in Version and Release and ':' in Version; either would be re-split differently.
        if (version.indexOf('-') >= 0 || version.indexOf(':') >= 0) {
            throw new IllegalArgumentException("RPM version contains '-' or ':': " + version);
        }
        if (release != null && release.indexOf('-') >= 0) {
            throw new IllegalArgumentException("RPM release contains '-': " + release);
        }
        if (epoch != null && !epoch.isEmpty() && !isDecimal(epoch, 0, epoch.length())) {
            throw new IllegalArgumentException("RPM epoch is not a number: " + epoch);
        }
        boolean hasEpoch = epoch != null && !epoch.isEmpty() && !isZero(epoch);
        boolean hasRelease = release != null && !release.isEmpty();
        if (!hasEpoch && !hasRelease) {
            return version;
        }
        StringBuilder sb = new StringBuilder(version.length() + 16);
        if (hasEpoch) {
            sb.append(epoch).append(':');
        }
        sb.append(version);
        if (hasRelease) {
            sb.append('-').append(release);
        }
        return sb.toString();
    }

    @Override
    public int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int aColon = epochColon(a);
        int bColon = epochColon(b);
        int c = compareDecimal(a, Math.max(aColon, 0), b, Math.max(bColon, 0));
        if (c != 0) {
            return c;
        }
        int aHyphen = a.lastIndexOf('-');
        int bHyphen = b.lastIndexOf('-');
        int aVerEnd = aHyphen >= 0 ? aHyphen : a.length();
        int bVerEnd = bHyphen >= 0 ? bHyphen : b.length();
        c = RpmVercmp.compare(a, aColon + 1, aVerEnd, b, bColon + 1, bVerEnd);
        if (c != 0) {
            return c;
        }
        // rpmverCmp's compare_values(): a missing release (NULL) is older than any release, even "".
        if (aHyphen < 0 || bHyphen < 0) {
            return Boolean.compare(aHyphen >= 0, bHyphen >= 0);
        }
        return RpmVercmp.compare(a, aHyphen + 1, a.length(), b, bHyphen + 1, b.length());
    }

    /**
     * Whether a package of EVR {@code version} satisfies a dependency {@code name <op> constraint.version()},
     * as rpm 4.18 decides it: {@code rpmdsCompare()} of the package's self-provide {@code name = version}
     * against the dependency, i.e. {@code rpmverOverlap(pkg, EQUAL, dep, op)} in {@code rpmio/rpmver.c}:
     * <ol>
     *   <li>Epochs compare numerically; a missing epoch on either side is 0. So {@code 1:1.0} does <em>not</em>
     *       satisfy {@code <= 2.0} (rpm no longer "promotes" a missing epoch to match any).</li>
     *   <li>Then versions with {@code rpmvercmp()}.</li>
     *   <li>Releases are compared only when <em>both</em> sides have a non-empty one. A dependency without a
     *       release therefore ignores the package's release: {@code 1.2-3} satisfies {@code = 1.2},
     *       {@code <= 1.2} and {@code >= 1.2}, but not {@code > 1.2} nor {@code < 1.2}.</li>
     *   <li>When the package has no release but the dependency has one, and epoch and version are equal, rpm
     *       declares an overlap whatever the operator ("always matches if the side with no release has
     *       SENSE_EQUAL"): {@code 1.2} satisfies {@code < 1.2-3} and {@code > 1.2-3}.</li>
     * </ol>
     * A null constraint and an empty package version always match (rpm: "if either EVR is non-existent or
     * empty, always overlap").
     */
    @Override
    public boolean satisfies(String version, VersionConstraint constraint) {
        if (constraint == null || version.isEmpty()) {
            return true;
        }
        String dep = constraint.version();
        int vColon = epochColon(version);
        int dColon = epochColon(dep);
        int sense = compareDecimal(version, Math.max(vColon, 0), dep, Math.max(dColon, 0));
        if (sense == 0) {
            int vHyphen = version.lastIndexOf('-');
            int dHyphen = dep.lastIndexOf('-');
            int vVerEnd = vHyphen >= 0 ? vHyphen : version.length();
            int dVerEnd = dHyphen >= 0 ? dHyphen : dep.length();
            sense = RpmVercmp.compare(version, vColon + 1, vVerEnd, dep, dColon + 1, dVerEnd);
            if (sense == 0) {
                boolean vRelease = vHyphen >= 0 && vHyphen < version.length() - 1;
                boolean dRelease = dHyphen >= 0 && dHyphen < dep.length() - 1;
                if (vRelease && dRelease) {
                    sense = RpmVercmp.compare(version, vHyphen + 1, version.length(),
                            dep, dHyphen + 1, dep.length());
                } else if (dRelease) {
                    // The package side (flags EQUAL) has no release: rpm matches any operator.
                    return true;
                }
            }
        }
        return acceptsSense(constraint.op(), sense);
    }

    /**
     * rpmverOverlap's final step with the package's flags fixed to EQUAL: {@code sense < 0} overlaps when the
     * dependency has LESS, {@code sense > 0} when it has GREATER, {@code 0} when it has EQUAL, which is exactly
     * {@link Op#accepts}.
     */
    private static boolean acceptsSense(Op op, int sense) {
        return op.accepts(sense);
    }

    /**
     * Index of the colon ending the epoch, or -1 without epoch. As in rpm's {@code parseEVR()}, the epoch is the
     * run of leading digits, possibly empty, and only when a colon follows it directly.
     */
    private static int epochColon(String v) {
        int i = 0;
        while (i < v.length() && isDigit(v.charAt(i))) {
            i++;
        }
        return i < v.length() && v.charAt(i) == ':' ? i : -1;
    }

    /** Numeric comparison of the decimal prefixes {@code a[0, aEnd)} and {@code b[0, bEnd)}; empty is zero. */
    private static int compareDecimal(String a, int aEnd, String b, int bEnd) {
        int ai = 0;
        int bi = 0;
        while (ai < aEnd && a.charAt(ai) == '0') {
            ai++;
        }
        while (bi < bEnd && b.charAt(bi) == '0') {
            bi++;
        }
        int lengthDiff = (aEnd - ai) - (bEnd - bi);
        if (lengthDiff != 0) {
            return lengthDiff < 0 ? -1 : 1;
        }
        for (; ai < aEnd; ai++, bi++) {
            int d = a.charAt(ai) - b.charAt(bi);
            if (d != 0) {
                return d < 0 ? -1 : 1;
            }
        }
        return 0;
    }

    private static boolean isZero(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecimal(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
