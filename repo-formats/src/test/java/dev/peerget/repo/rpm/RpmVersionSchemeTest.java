package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Op;
import dev.peerget.model.VersionConstraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rpm's EVR order, dependency ranges and the canonical EVR string as readable tables.
 * {@link RpmVersionOracleTest} checks the order against rpm itself on thousands of pairs.
 */
class RpmVersionSchemeTest {
    private static final RpmVersionScheme SCHEME = RpmVersionScheme.INSTANCE;

    @ParameterizedTest(name = "{0} {2} {1} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0~rc1         | 1.0             | < | tilde sorts before the end
            1.0^git1        | 1.0             | > | caret sorts after the end
            1.0^git1        | 1.0.1           | < | but before any further segment
            1.0a            | 1.0             | > | leftover segment is newer
            1.0a            | 1.0.1           | < | digits beat letters
            1.0.0           | 1.0             | > |
            001             | 1               | = | leading zeros
            1_0             | 1.0             | = | separators do not count
            1.0-1.el9       | 1.0-1.el9_1     | < |
            1.0-1.el10      | 1.0-1.el9       | > | numeric segments
            1:1.0           | 2.0             | > | epoch first; missing is 0
            0:1.0           | 1.0             | = |
            1.0-1           | 1.0             | > | a missing release is older than any
            1.0-            | 1.0             | > | even than an empty one
            1.0-~           | 1.0             | > |
            1.2.3-4-5       | 1.2.3-4-4       | > | the release follows the last hyphen
            :1.0            | 0:1.0           | = | empty epoch is 0
            """)
    void ordersLikeRpm(String a, String b, String expected, String why) {
        int sign = Integer.signum(SCHEME.compare(a, b));
        assertThat(sign).isEqualTo(switch (expected) {
            case "<" -> -1;
            case "=" -> 0;
            default -> 1;
        });
        assertThat(Integer.signum(SCHEME.compare(b, a))).isEqualTo(-sign);
    }

    /**
     * Expectations recorded from rpm 4.18 itself: python3-rpm's
     * {@code rpm.ds(("foo", EQUAL, version), PROVIDENAME).Compare(rpm.ds(("foo", op, bound), REQUIRENAME))},
     * i.e. {@code rpmdsCompare()} of the package's self-provide against the dependency.
     */
    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            1.2-3      | >= | 1.2          | true
            1.2-3      | =  | 1.2          | true
            1.2-3      | <= | 1.2          | true
            1.2-3      | >  | 1.2          | false
            1.2-3      | <  | 1.2          | false
            1:1.0      | <= | 2.0          | false
            1:1.0      | >= | 2.0          | true
            1.0        | >= | 0:1.0        | true
            0:1.0      | =  | 1.0          | true
            1.0        | =  | 1:1.0        | false
            1.2        | <  | 1.2-3        | true
            1.2        | >  | 1.2-3        | true
            1.2        | =  | 1.2-3        | true
            1.2-2      | <  | 1.2-3        | true
            1.2-3      | =  | 1.2-3        | true
            1.2-4      | <= | 1.2-3        | false
            1.0~rc1    | >= | 1.0          | false
            1.0^git1   | >  | 1.0          | true
            1.0^git1   | <  | 1.0.1        | true
            2:1.0-1    | >  | 1:9.9-9      | true
            1.2-3      | >= | 1.2-3.el9    | false
            1.2-3.el9  | =  | 1.2-3        | false
            1.2-       | >  | 1.2-1        | true
            1.2-       | <  | 1.2-1        | true
            1.2        | <  | 1.2          | false
            1.2        | <= | 1.2          | true
            1.0-1.el9  | <  | 1.0-1.el9_1  | true
            1.0        | <  | 1.0~rc1-5    | false
            1.0-1      | >  | 1.0~rc1-5    | true
            0:1.0-1    | >  | 1.0-0        | true
            1.2-3      | <  | 1.2-         | false
            1.2-3      | >  | 1.2-         | false
            1.2-3      | =  | 1.2-         | true
            """)
    void satisfiesLikeRpmdsCompare(String version, String op, String bound, boolean expected) {
        VersionConstraint c = new VersionConstraint(rpmOp(op), bound);
        assertThat(SCHEME.satisfies(version, c)).isEqualTo(expected);
    }

    @Test
    void satisfiesDiffersFromCompareWhereRpmIgnoresReleases() {
        VersionConstraint lessThanRelease = new VersionConstraint(Op.LT, "1.2-3");
        assertThat(SCHEME.compare("1.2", "1.2-3")).isNegative();
        assertThat(SCHEME.satisfies("1.2", lessThanRelease)).isTrue();
        assertThat(SCHEME.satisfies("1.2", new VersionConstraint(Op.GT, "1.2-3"))).isTrue();
        assertThat(SCHEME.satisfies("anything", null)).isTrue();
    }

    @ParameterizedTest(name = "evr({0}, {1}, {2}) = {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            null | 1.0 | null  | 1.0
            ''   | 1.0 | ''    | 1.0
            0    | 1.0 | 1.el9 | 1.0-1.el9
            00   | 1.0 | 1     | 1.0-1
            1    | 1.0 | 1.el9 | 1:1.0-1.el9
            12   | 2^g | null  | 12:2^g
            """)
    void formatsCanonicalEvr(String epoch, String version, String release, String expected) {
        String evr = RpmVersionScheme.evr(epoch, version, release);
        assertThat(evr).isEqualTo(expected);
        String spelledOut = (epoch == null || epoch.isEmpty() ? "" : epoch + ":") + version
                + (release == null || release.isEmpty() ? "" : "-" + release);
        assertThat(SCHEME.compare(evr, spelledOut)).as("same version as %s", spelledOut).isZero();
    }

    @Test
    void evrRejectsWhatWouldNotParseBack() {
        assertThatThrownBy(() -> RpmVersionScheme.evr("0", "", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpmVersionScheme.evr("0", "1-2", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpmVersionScheme.evr("0", "1:2", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpmVersionScheme.evr("x", "1", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpmVersionScheme.evr(null, "1", "1-2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Op rpmOp(String symbol) {
        for (Op op : Op.values()) {
            if (op.rpmSymbol().equals(symbol)) {
                return op;
            }
        }
        throw new IllegalArgumentException(symbol);
    }
}
