package dev.peerget.model;

import java.util.Comparator;

/**
 * Orders version strings of one package format. Implementations must define a total order consistent
 * with the format's reference tool ({@code dpkg --compare-versions}, rpm's {@code rpmvercmp}) and be
 * stateless, hence thread-safe.
 */
public interface VersionScheme extends Comparator<String> {

    /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
    @Override
    int compare(String a, String b);

    /** Whether {@code version} satisfies {@code constraint}; a null constraint accepts every version. */
    default boolean satisfies(String version, VersionConstraint constraint) {
        if (constraint == null) {
            return true;
        }
        return constraint.op().accepts(compare(version, constraint.version()));
    }
}
