package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Op;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.Requirement.Atom;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.MetadataException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebRelationParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "a (<< 1);LT", "a (<= 1);LE", "a (= 1);EQ", "a (>= 1);GE", "a (>> 1);GT",
        "a (< 1);LE", "a (> 1);GE", "a(>=1);GE", "a ( >=  1 );GE"})
    void operatorsIncludingObsoleteOnes(String text, Op op) {
        assertThat(DebRelationParser.parse(RelationKind.DEPENDS, text)).singleElement()
                .extracting(Relation::requirement).isEqualTo(new Atom("a", null, new VersionConstraint(op, "1")));
    }

    @Test
    void alternativesQualifiersAndText() {
        List<Relation> rs = DebRelationParser.parse(RelationKind.PRE_DEPENDS,
                " python3:any (>= 3.11~),\n default-mta | mail-transport-agent , perl:native, libc6:amd64 ,");
        assertThat(rs).extracting(Relation::text).containsExactly("python3:any (>= 3.11~)",
                "default-mta | mail-transport-agent", "perl:native", "libc6:amd64");
        assertThat(rs).allSatisfy(r -> assertThat(r.kind()).isEqualTo(RelationKind.PRE_DEPENDS));
        assertThat(rs.get(0).requirement()).isEqualTo(new Atom("python3", "any", new VersionConstraint(Op.GE, "3.11~")));
        assertThat(rs.get(1).requirement()).isEqualTo(new Requirement.AnyOf(
                List.of(Atom.of("default-mta"), Atom.of("mail-transport-agent"))));
        assertThat(rs.get(2).requirement()).isEqualTo(new Atom("perl", "native", null));
        assertThat(rs.get(3).requirement()).isEqualTo(new Atom("libc6", "amd64", null));
    }

    @Test
    void dropsArchitectureRestrictionsAndBuildProfiles() {
        List<Relation> rs = DebRelationParser.parse(RelationKind.DEPENDS,
                "gcc [amd64 !i386], check (>= 0.9) <!nocheck> <cross>, foo:native [linux-any] <!stage1 !nodoc>");
        assertThat(rs).extracting(Relation::requirement).containsExactly(Atom.of("gcc"),
                new Atom("check", null, new VersionConstraint(Op.GE, "0.9")), new Atom("foo", "native", null));
        assertThat(rs.get(1).text()).isEqualTo("check (>= 0.9) <!nocheck> <cross>");
    }

    @Test
    void namesWithModifierCharactersStayWhole() {
        assertThat(DebRelationParser.parse(RelationKind.CONFLICTS, "g++ (>= 4:4.4), apt+, libstdc++6-4.4-dev"))
                .extracting(r -> ((Atom) r.requirement()).name()).containsExactly("g++", "apt+", "libstdc++6-4.4-dev");
    }

    @Test
    void provides() {
        assertThat(DebRelationParser.parseProvides("a, b (= 1:2.0-1),\n c")).containsExactly(
                Provide.of("a"), new Provide("b", "1:2.0-1"), Provide.of("c"));
        assertThat(DebRelationParser.parseProvides("")).isEmpty();
    }

    @Test
    void errorsNameSourcePackageAndText() {
        assertThatThrownBy(() -> DebRelationParser.parse(RelationKind.DEPENDS, "a, b (>= 1", "Packages", 7, "pkg"))
                .isInstanceOf(MetadataException.class)
                .hasMessage("Packages:7: package pkg: bad Depends entry 'b (>= 1': missing ')'");
        assertThatThrownBy(() -> DebRelationParser.parse(RelationKind.BREAKS, "b (1.0)", "P", 1, "x"))
                .hasMessageContaining("bad Breaks entry 'b (1.0)': missing version operator");
        assertThatThrownBy(() -> DebRelationParser.parse(RelationKind.DEPENDS, "b (=> 1)", "P", 1, "x"))
                .hasMessageContaining("unknown version operator '=>'");
        assertThatThrownBy(() -> DebRelationParser.parse(RelationKind.DEPENDS, "a | , b", "P", 1, "x"))
                .hasMessageContaining("missing package name");
        assertThatThrownBy(() -> DebRelationParser.parse(RelationKind.DEPENDS, "a b", "P", 1, "x"))
                .hasMessageContaining("unexpected 'b'");
        assertThatThrownBy(() -> DebRelationParser.parse(RelationKind.DEPENDS, "a (>= 1 2)", "P", 1, "x"))
                .hasMessageContaining("space inside version");
        assertThatThrownBy(() -> DebRelationParser.parseProvides("a (>= 1)", "P", 3, "x"))
                .hasMessage("P:3: package x: bad Provides entry 'a (>= 1)': only '=' versions may be provided");
        assertThatThrownBy(() -> DebRelationParser.parseProvides("a | b", "P", 3, "x"))
                .hasMessageContaining("alternatives are not allowed");
    }

    /** Entries parse accepts and entries it refuses: validate must agree on each, with the same message. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "a", "a (<< 1)", "a (< 1)", "a (> 1)", "a(>=1)", "a ( = 1 ) [amd64] <!nocheck>", "a:any | b (>= 2), c,",
        "  ,  ,", "a\n b", "a (=> 1)", "a (== 1)", "a (=< 1)", "a (<> 1)", "a (<<< 1)", "a (1)", "a (>= )",
        "a (>= 1", "a | , b", "a b", "a (>= 1 2)", "a:", "a [amd64", "a <nocheck", ":any", "a | b c"})
    void validateAcceptsAndRefusesExactlyWhatParseDoes(String written) {
        String value = written.replace("\\n", "\n");
        String parsed = outcome(() -> DebRelationParser.parse(RelationKind.RECOMMENDS, value, "P", 2, "x"));
        String validated = outcome(() -> DebRelationParser.validate(RelationKind.RECOMMENDS, value, "P", 2, "x"));
        assertThat(validated).isEqualTo(parsed);
    }

    /** "accepted", or the message of the MetadataException {@code call} threw. */
    private static String outcome(Runnable call) {
        try {
            call.run();
            return "accepted";
        } catch (MetadataException e) {
            return e.getMessage();
        }
    }

    @Test
    void operatorsReadFromTheirCharacters() {
        assertThatThrownBy(() -> DebRelationParser.parse(RelationKind.DEPENDS, "b (== 1)", "P", 1, "x"))
                .hasMessageContaining("unknown version operator '=='");
        assertThatThrownBy(() -> DebRelationParser.parse(RelationKind.DEPENDS, "b (<>1)", "P", 1, "x"))
                .hasMessageContaining("unknown version operator '<>'");
        assertThatThrownBy(() -> DebRelationParser.parse(RelationKind.DEPENDS, "b (>>= 1)", "P", 1, "x"))
                .hasMessageContaining("unknown version operator '>>='");
    }
}
