package dev.peerget.repo.rpm.internal;

/**
 * Renders RPM epoch/version/release triples in peerget's canonical text form {@code [epoch:]version[-release]}:
 * the epoch is omitted when absent or zero (rpm treats a missing epoch as 0, see rpmvercmp and
 * {@code rpmdsCompare}), the release when absent. The same convention is used by {@code RpmVersionScheme}.
 * Stateless and thread-safe.
 */
public final class EvrText {
    private EvrText() {
    }

    /** The canonical EVR, or null when {@code version} is null or empty. */
    public static String of(String epoch, String version, String release) {
        if (version == null || version.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        if (epoch != null && !epoch.isEmpty() && !isZero(epoch)) {
            sb.append(epoch).append(':');
        }
        sb.append(version);
        if (release != null && !release.isEmpty()) {
            sb.append('-').append(release);
        }
        return sb.toString();
    }

    /** Normalises an EVR as written in a dependency string ({@code 0:1.2-3} becomes {@code 1.2-3}). */
    public static String canonical(String evr) {
        int colon = evr.indexOf(':');
        if (colon > 0 && isZero(evr.substring(0, colon))) {
            return evr.substring(colon + 1);
        }
        return evr;
    }

    private static boolean isZero(String epoch) {
        for (int i = 0; i < epoch.length(); i++) {
            if (epoch.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
