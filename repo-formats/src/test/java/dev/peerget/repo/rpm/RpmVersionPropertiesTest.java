package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.repo.OrderLaws;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Order laws of {@link RpmVersionScheme} on generated strings over a small alphabet holding every character
 * that matters to rpm ({@code ~ ^ . _ + - :}, digits incl. leading zeros, letters), so that equal and nearly
 * equal EVRs are frequent.
 */
class RpmVersionPropertiesTest {
    private static final RpmVersionScheme SCHEME = RpmVersionScheme.INSTANCE;

    @Provide
    Arbitrary<String> evrish() {
        return Arbitraries.strings().withChars("0019aZz~^._-:").ofMaxLength(8);
    }

    /** Versions without epoch or release: no '-' and no ':'. */
    @Provide
    Arbitrary<String> plainVersion() {
        return Arbitraries.strings().withChars("0019aZz~^._+").ofMinLength(1).ofMaxLength(7);
    }

    @Property(tries = 2000)
    void isReflexiveAndAntisymmetric(@ForAll("evrish") String x, @ForAll("evrish") String y) {
        OrderLaws.assertReflexiveAndAntisymmetric(SCHEME, x, y);
    }

    @Property(tries = 3000)
    void isTransitive(@ForAll("evrish") String a, @ForAll("evrish") String b, @ForAll("evrish") String c) {
        OrderLaws.assertTransitive(SCHEME, a, b, c);
    }

    @Property(tries = 500)
    void tildeSortsBeforeTheEndAndCaretAfterItButBeforeMore(@ForAll("plainVersion") String v) {
        assertThat(SCHEME.compare(v + "~", v)).as("%s~ < %s", v, v).isNegative();
        assertThat(SCHEME.compare(v + "^", v)).as("%s^ > %s", v, v).isPositive();
        assertThat(SCHEME.compare(v + "^", v + ".1")).as("%s^ < %s.1", v, v).isNegative();
    }

    @Property(tries = 500)
    void epochOutweighsVersionAndReleaseOutweighsNothingMore(@ForAll("plainVersion") String v,
            @ForAll("plainVersion") String w) {
        assertThat(SCHEME.compare("1:" + v, w)).isPositive();
        assertThat(SCHEME.compare("0:" + v, v)).isZero();
        assertThat(SCHEME.compare(v + "-1", v)).as("a missing release is older").isPositive();
        int versions = Integer.signum(SCHEME.compare(v, w));
        if (versions != 0) {
            assertThat(Integer.signum(SCHEME.compare(v + "-9", w + "-1"))).isEqualTo(versions);
        }
    }
}
