package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.repo.OrderLaws;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Order laws of {@link DebVersionScheme} on generated strings: short strings over a small alphabet with every
 * character that matters to dpkg ({@code ~ + . - :}, digits incl. leading zeros, letters of both cases), so
 * that equal and nearly equal versions are frequent. Also on strings dpkg would reject, since a comparator
 * must be total.
 */
class DebVersionPropertiesTest {
    private static final DebVersionScheme SCHEME = DebVersionScheme.INSTANCE;

    @Provide
    Arbitrary<String> versionish() {
        return Arbitraries.strings().withChars("0019aZz~+.-:").ofMaxLength(8);
    }

    /** Valid upstream versions without epoch or revision: a digit, then upstream characters except '-' and ':'. */
    @Provide
    Arbitrary<String> upstream() {
        return Arbitraries.strings().withChars("0019aZz~+.").ofMaxLength(7).map(s -> "1" + s);
    }

    @Property(tries = 2000)
    void isReflexiveAndAntisymmetric(@ForAll("versionish") String x, @ForAll("versionish") String y) {
        OrderLaws.assertReflexiveAndAntisymmetric(SCHEME, x, y);
    }

    @Property(tries = 3000)
    void isTransitive(@ForAll("versionish") String a, @ForAll("versionish") String b,
            @ForAll("versionish") String c) {
        OrderLaws.assertTransitive(SCHEME, a, b, c);
    }

    @Property(tries = 500)
    void tildeMakesOlderAndPlusNewer(@ForAll("upstream") String v) {
        assertThat(DebVersionScheme.isValid(v)).isTrue();
        assertThat(SCHEME.compare(v + "~", v)).as("%s~ < %s", v, v).isNegative();
        assertThat(SCHEME.compare(v + "+", v)).as("%s+ > %s", v, v).isPositive();
        assertThat(SCHEME.compare(v + "-1", v)).as("%s-1 > %s", v, v).isPositive();
    }

    @Property(tries = 500)
    void epochOutweighsEverythingElse(@ForAll("upstream") String v, @ForAll("upstream") String w) {
        assertThat(SCHEME.compare("1:" + v, w)).isPositive();
        assertThat(SCHEME.compare("0:" + v, v)).isZero();
        assertThat(Integer.signum(SCHEME.compare("2:" + v, "2:" + w)))
                .isEqualTo(Integer.signum(SCHEME.compare(v, w)));
    }
}
