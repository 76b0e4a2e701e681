package dev.peerget.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;

/**
 * Assertions that a comparator is a total preorder on given values: reflexive, antisymmetric in sign,
 * transitive and consistent on equivalent values. Property tests feed it generated versions. Test support only.
 */
public final class OrderLaws {
    private OrderLaws() {
    }

    /** Asserts {@code compare(x, x) == 0} and {@code sign(compare(x, y)) == -sign(compare(y, x))}. */
    public static void assertReflexiveAndAntisymmetric(Comparator<String> order, String x, String y) {
        assertThat(order.compare(x, x)).as("compare(%s, %s)", x, x).isZero();
        assertThat(Integer.signum(order.compare(x, y)))
                .as("sign of compare('%s', '%s') against the reverse", x, y)
                .isEqualTo(-Integer.signum(order.compare(y, x)));
    }

    /**
     * Asserts, for every arrangement (p, q, r) of the three values, that {@code p <= q <= r} implies
     * {@code p <= r}, and that {@code p == q} implies p and q compare alike with r. At least one arrangement
     * meets the premise, so the check is never vacuous.
     */
    public static void assertTransitive(Comparator<String> order, String a, String b, String c) {
        List<List<String>> arrangements = List.of(List.of(a, b, c), List.of(a, c, b), List.of(b, a, c),
                List.of(b, c, a), List.of(c, a, b), List.of(c, b, a));
        for (List<String> t : arrangements) {
            String p = t.get(0);
            String q = t.get(1);
            String r = t.get(2);
            if (order.compare(p, q) <= 0 && order.compare(q, r) <= 0) {
                assertThat(order.compare(p, r)).as("'%s' <= '%s' <= '%s'", p, q, r).isLessThanOrEqualTo(0);
            }
            if (order.compare(p, q) == 0) {
                assertThat(Integer.signum(order.compare(p, r)))
                        .as("'%s' == '%s' compared with '%s'", p, q, r)
                        .isEqualTo(Integer.signum(order.compare(q, r)));
            }
        }
    }
}
