package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.model.Op;
import dev.peerget.model.VersionConstraint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules of Debian Policy §5.6.12 as a readable table; {@link DebVersionOracleTest} checks the same and
 * thousands more against dpkg itself.
 */
class DebVersionSchemeTest {
    private static final DebVersionScheme SCHEME = DebVersionScheme.INSTANCE;

    @ParameterizedTest(name = "{0} {2} {1} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0~rc1       | 1.0          | < | tilde: pre-release sorts before the release
            1.0~~         | 1.0~         | < | tilde before the end of the string
            ~~            | ~~a          | < |
            ~             | ''           | > | empty means "no version" to dpkg: oldest
            1.0           | 1.0a         | < | end of string before letters
            1.0a          | 1.0+         | < | letters before other characters
            1.0+dfsg      | 1.0          | > |
            1:0           | 2            | > | epoch first
            0:1.0         | 1.0          | = | epoch 0 is the default
            01:1.0        | 1:1.0        | = |
            1.0-1         | 1.0          | > | missing revision is the empty one
            1.0-0         | 1.0          | = | digit run 0 equals nothing
            001           | 1            | = | leading zeros
            1.10          | 1.9          | > | numeric, not lexical
            1.0-1~bpo1    | 1.0-1        | < |
            1.2.3-4-5     | 1.2.3-4-4    | > | revision after the last hyphen
            1.0-10        | 1.0-9        | > |
            2.30-12+deb12u1 | 2.30-12    | > |
            """)
    void ordersLikeDpkg(String a, String b, String expected, String why) {
        int sign = Integer.signum(SCHEME.compare(a, b));
        assertThat(sign).isEqualTo(switch (expected) {
            case "<" -> -1;
            case "=" -> 0;
            default -> 1;
        });
        assertThat(Integer.signum(SCHEME.compare(b, a))).isEqualTo(-sign);
    }

    @Test
    void sortsAListLikeThePolicyExample() {
        List<String> versions = new ArrayList<>(List.of("1.0", "1.0~rc1", "1:0.9", "1.0+dfsg-1", "1.0-1",
                "~~", "~~a", "~", "1.0a", "0.9"));
        versions.sort(SCHEME);
        assertThat(versions).containsExactly("~~", "~~a", "~", "0.9", "1.0~rc1", "1.0", "1.0-1", "1.0a",
                "1.0+dfsg-1", "1:0.9");
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0                | true |
            1:1.0-1            | true |
            1.0-1.1+b2~bpo12+1 | true |
            1:2:3              | true | dpkg allows colons in the upstream part
            1.0-1-2            | true | and hyphens, the revision being after the last one
            2147483647:1       | true |
            2147483648:1       | false | epoch above INT_MAX
            a1.0               | false | must start with a digit (dpkg only warns)
            1.0_1              | false | invalid character (dpkg only warns)
            1.0-a_b            | false |
            1:                 | false |
            :1                 | false |
            x:1                | false |
            1.0-               | false |
            ' 1.0'             | false | peerget keeps versions trimmed
            1.0 1              | false |
            ''                 | false |
            1.0é               | false | ASCII letters only
            """)
    void validatesLikeDpkgWithoutWarnings(String version, boolean valid, String why) {
        assertThat(DebVersionScheme.isValid(version)).isEqualTo(valid);
    }

    @Test
    void satisfiesUsesTheOrder() {
        assertThat(SCHEME.satisfies("1.0-1", new VersionConstraint(Op.GE, "1.0"))).isTrue();
        assertThat(SCHEME.satisfies("1.0~rc1", new VersionConstraint(Op.GE, "1.0"))).isFalse();
        assertThat(SCHEME.satisfies("1.0-1", new VersionConstraint(Op.LT, "1.0-1"))).isFalse();
        assertThat(SCHEME.satisfies("0:1.0", new VersionConstraint(Op.EQ, "1.0"))).isTrue();
    }
}
