package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.MetadataException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AptPreferencesTest {
    private static AptPreferences parse(String... namesAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            files.put(namesAndTexts[i], namesAndTexts[i + 1]);
        }
        return AptPreferences.parse(files);
    }

    private static AptPreferences.Target bookworm(String name, String version) {
        return new AptPreferences.Target(name, version, "amd64", "main", "stable", "bookworm", "Debian", "Debian",
                "deb.debian.org", "12.7");
    }

    private static AptPreferences.Target backports(String name, String version) {
        return new AptPreferences.Target(name, version, "amd64", "main", "stable-backports", "bookworm-backports",
                "Debian Backports", "Debian Backports", "deb.debian.org", "");
    }

    /** The examples of apt_preferences(5), as users write them. */
    private static final AptPreferences PREFS = parse("/etc/apt/preferences", """
            # comments are allowed
            Explanation: the kernel from backports
            Package: linux-image-* /^firmware-/
            Pin: release n=bookworm-backports
            Pin-Priority: 990

            Package: perl
            Pin: version 5.36*
            Pin-Priority: 1001

            Package: *
            Pin: release a=stable-backports
            Pin-Priority: 200
            """, "/etc/apt/preferences.d/local.pref", """
            Package: *
            Pin: release o=Debian Backports, c=main
            Pin-Priority: 300

            Package: *
            Pin: origin "deb.example.org"
            Pin-Priority: -10
            """);

    @Test
    void aSpecificRecordWinsAndTheFirstMatchingGenericOneGivesItsPriority() {
        assertThat(PREFS.priority(backports("linux-image-amd64", "6.10.1-1~bpo12+1"))).hasValue(990);
        assertThat(PREFS.priority(backports("firmware-misc-nonfree", "20240709-1~bpo12+1"))).as("a regex")
                .hasValue(990);
        assertThat(PREFS.priority(backports("hello", "2.10-3~bpo12+1")))
                .as("the first of 200 and 300, as apt-cache policy 2.6.2 shows it").hasValue(200);
        assertThat(PREFS.priority(bookworm("linux-image-amd64", "6.1.115-1"))).as("no record").isEmpty();
        assertThat(PREFS.priority(bookworm("perl", "5.36.0-7"))).hasValue(1001);
        assertThat(PREFS.priority(bookworm("perl", "5.38.2-5"))).isEmpty();
    }

    /**
     * {@code v=} against the Release's Version, each case checked with apt-cache policy 2.6 on a Release of
     * {@code Version: 12.5}: the whole value matches as a wildcard pattern, so a partial version does not.
     */
    @ParameterizedTest
    @CsvSource({"12.5, true", "12, false", "1, false", "13.0, false",
            "12*, true", "12.*, true", "1*, true", "12.?, true", "/^12/, true"})
    void releaseVersionPinsMatchLikeApt(String pin, boolean matches) {
        AptPreferences prefs = parse("p", "Package: *\nPin: release v=" + pin + "\nPin-Priority: 700\n");
        AptPreferences.Target point = new AptPreferences.Target("x", "1", "amd64", "main", "stable", "bookworm",
                "Debian", "Debian", "deb.debian.org", "12.5");
        assertThat(prefs.priority(point)).isEqualTo(matches ? OptionalInt.of(700) : OptionalInt.empty());
    }

    @Test
    void aReleaseWithoutVersionMatchesNoVersionPin() {
        assertThat(parse("p", "Package: *\nPin: release v=*\nPin-Priority: 700\n")
                .priority(backports("x", "1"))).isEmpty();
        assertThat(parse("p", "Package: *\nPin: release n=bookworm, v=12.7\nPin-Priority: 700\n")
                .priority(bookworm("x", "1"))).as("with other fields").hasValue(700);
    }

    @Test
    void aVersionsOwnPinIsTheFirstRecordNamingItsPackageThatMatchesAnyOfItsIndexes() {
        AptPreferences prefs = parse("p", """
                Package: *
                Pin: release a=stable
                Pin-Priority: 900

                Package: tool
                Pin: release n=bookworm-backports
                Pin-Priority: 600

                Package: tool
                Pin: release n=bookworm
                Pin-Priority: 1001
                """);
        assertThat(prefs.pinsPackages()).isTrue();
        assertThat(prefs.highestPriority()).hasValue(1001);
        assertThat(prefs.packagePriority(List.of(bookworm("tool", "1"), backports("tool", "1"))))
                .as("the backports record comes first").hasValue(600);
        assertThat(prefs.packagePriority(List.of(bookworm("tool", "1")))).hasValue(1001);
        assertThat(prefs.packagePriority(List.of(bookworm("other", "1")))).as("generic records are not")
                .isEmpty();
        assertThat(PREFS.pinsPackages()).isTrue();
        assertThat(parse("p", "Package: *\nPin: release a=stable\nPin-Priority: 900\n").pinsPackages()).isFalse();
    }

    @Test
    void originPinsMatchTheRepositoryHost() {
        AptPreferences.Target local = new AptPreferences.Target("tool", "1.0", "amd64", "main", "stable", "stable",
                "Example", "Example", "deb.example.org", "");
        assertThat(PREFS.priority(local)).hasValue(-10);
    }

    /** Each case as apt-cache policy 2.6.2 answered it: "E: No priority (or zero) specified for pin", exit 100. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "Pin-Priority: 0", "Pin-Priority: abc", "Pin-Priority: -0"})
    void aMissingOrZeroPriorityIsAnErrorNamingTheFileAndLine(String priority) {
        String text = "Package: *\nPin: release a=stable\nPin-Priority: 5\n\nPackage: hello\nPin: release a=stable\n"
                + priority + "\n";
        assertThatThrownBy(() -> parse("/etc/apt/preferences.d/bad", text))
                .isInstanceOf(MetadataException.class)
                .hasMessage("No priority (or zero) specified for pin (/etc/apt/preferences.d/bad:5)");
    }

    @Test
    void aPriorityIsItsLeadingIntegerWithinAShortAsAptReadsIt() {
        assertThat(parse("p", "Package: *\nPin: release stable\nPin-Priority: 5x\n").priority(bookworm("x", "1")))
                .hasValue(5);
        assertThatThrownBy(() -> parse("p", "Package: *\nPin: release stable\nPin-Priority: 70000\n"))
                .hasMessage("p:1: Value 70000 is outside the range of valid pin priorities (-32768 to 32767)");
    }

    @Test
    void aPinTypeAptDoesNotUnderstandIsSkippedWithAWarning() {
        AptPreferences prefs = parse("/etc/apt/preferences.d/w.pref", """
                Package: *
                Pin: version 1.*
                Pin-Priority: 700

                Package: hello
                Pin: releases a=stable
                Pin-Priority: 1

                Package: hello
                Pin-Priority: 2

                Package: *
                Pin: release a=stable
                Pin-Priority: 50
                """);
        assertThat(prefs.warnings()).containsExactly(
                "Did not understand pin type version (/etc/apt/preferences.d/w.pref:1)",
                "Did not understand pin type releases (/etc/apt/preferences.d/w.pref:5)");
        assertThat(prefs.priority(bookworm("hello", "1.0"))).as("neither skipped record counts").hasValue(50);
        assertThat(prefs.pinsPackages()).isFalse();
    }

    @Test
    void aRecordWithoutPackageIsAnErrorNamingTheFile() {
        assertThatThrownBy(() -> parse("/etc/apt/preferences.d/bad", "Pin: release a=stable\nPin-Priority: 5\n"))
                .isInstanceOf(MetadataException.class).hasMessageContaining("/etc/apt/preferences.d/bad:1")
                .hasMessageContaining("no Package header");
        assertThat(parse().isEmpty()).isTrue();
        assertThat(parse("p", "Package: *\nPin: release stable\nPin-Priority: 50\n")
                .priority(bookworm("x", "1"))).isEqualTo(OptionalInt.of(50));
    }
}
