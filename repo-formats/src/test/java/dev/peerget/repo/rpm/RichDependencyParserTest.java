package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Op;
import dev.peerget.model.Requirement;
import dev.peerget.model.Requirement.AllOf;
import dev.peerget.model.Requirement.AnyOf;
import dev.peerget.model.Requirement.Atom;
import dev.peerget.model.Requirement.If;
import dev.peerget.model.Requirement.Unless;
import dev.peerget.model.Requirement.With;
import dev.peerget.model.Requirement.Without;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.MetadataException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RichDependencyParserTest {

    private static Atom atom(String name) {
        return Atom.of(name);
    }

    private static Atom atom(String name, Op op, String evr) {
        return new Atom(name, null, new VersionConstraint(op, evr));
    }

    @Test
    void plainAtoms() {
        assertThat(RichDependencyParser.parse("foo")).isEqualTo(atom("foo"));
        assertThat(RichDependencyParser.parse("perl(Foo::Bar) >= 1.2-3")).isEqualTo(atom("perl(Foo::Bar)", Op.GE, "1.2-3"));
        assertThat(RichDependencyParser.parse("libc.so.6(GLIBC_2.34)(64bit)")).isEqualTo(atom("libc.so.6(GLIBC_2.34)(64bit)"));
        assertThat(RichDependencyParser.parse("comedy = 0:11.1-4")).isEqualTo(atom("comedy", Op.EQ, "11.1-4"));
        assertThat(RichDependencyParser.parse("yacht > 9:11.0-0")).isEqualTo(atom("yacht", Op.GT, "9:11.0-0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<|LT", "<=|LE", "=<|LE", "=|EQ", "==|EQ", ">=|GE", "=>|GE", ">|GT"})
    void everyRpmComparisonOperator(String symbol, Op op) {
        assertThat(RichDependencyParser.parse("(a " + symbol + " 2 or b)"))
                .isEqualTo(new AnyOf(List.of(atom("a", op, "2"), atom("b"))));
    }

    @Test
    void binaryOperators() {
        assertThat(RichDependencyParser.parse("(a and b)")).isEqualTo(new AllOf(List.of(atom("a"), atom("b"))));
        assertThat(RichDependencyParser.parse("(a or b or c)")).isEqualTo(new AnyOf(List.of(atom("a"), atom("b"), atom("c"))));
        assertThat(RichDependencyParser.parse("(a with b)")).isEqualTo(new With(List.of(atom("a"), atom("b"))));
        assertThat(RichDependencyParser.parse("(a without b)")).isEqualTo(new Without(atom("a"), atom("b")));
        assertThat(RichDependencyParser.parse("(a if b)")).isEqualTo(new If(atom("a"), atom("b"), null));
        assertThat(RichDependencyParser.parse("(a if b else c)")).isEqualTo(new If(atom("a"), atom("b"), atom("c")));
        assertThat(RichDependencyParser.parse("(a unless b)")).isEqualTo(new Unless(atom("a"), atom("b"), null));
        assertThat(RichDependencyParser.parse("(a unless b else c)")).isEqualTo(new Unless(atom("a"), atom("b"), atom("c")));
        assertThat(RichDependencyParser.parse("(foo)")).isEqualTo(atom("foo"));
    }

    @Test
    void nestedExpressionsFromComplexPackage() {
        // Real Requires/Recommends of pulp's complex-package-2.3.4-5.el8 (rpm -qp --recommends).
        assertThat(RichDependencyParser.parse("((hiding and attic) if light-treason)"))
                .isEqualTo(new If(new AllOf(List.of(atom("hiding"), atom("attic"))), atom("light-treason"), null));
        assertThat(RichDependencyParser.parse("(bobloblaw >= 1.1 if maritimelaw else anyone < 0.5.1-2)"))
                .isEqualTo(new If(atom("bobloblaw", Op.GE, "1.1"), atom("maritimelaw"), atom("anyone", Op.LT, "0.5.1-2")));
        assertThat(RichDependencyParser.parse("((hiding and illusion) unless alliance-of-magicians)"))
                .isEqualTo(new Unless(new AllOf(List.of(atom("hiding"), atom("illusion"))), atom("alliance-of-magicians"), null));
        assertThat(RichDependencyParser.parse("(job or money > 9000)"))
                .isEqualTo(new AnyOf(List.of(atom("job"), atom("money", Op.GT, "9000"))));
        assertThat(RichDependencyParser.parse("(python3dist(foo) >= 1 with (python3dist(foo) < 2 or bar(x86-64)))"))
                .isEqualTo(new With(List.of(atom("python3dist(foo)", Op.GE, "1"),
                        new AnyOf(List.of(atom("python3dist(foo)", Op.LT, "2"), atom("bar(x86-64)"))))));
        assertThat(RichDependencyParser.parse("  ( ( a ) and\t(b or c) )  "))
                .isEqualTo(new AllOf(List.of(atom("a"), new AnyOf(List.of(atom("b"), atom("c"))))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(a and b or c)|cannot mix 'and' and 'or' without parentheses at column 10",
        "(a or b and c)|cannot mix 'or' and 'and' without parentheses at column 9",
        "(a if b if c)|'if' cannot be chained; expected 'else' or ')' at column 9",
        "(a if b foo)|expected 'else' or ')' after 'if' but found 'foo' at column 9",
        "(a if b else c else d)|'if' cannot be chained; expected ')' at column 16",
        "(a unless b unless c)|'unless' cannot be chained; expected 'else' or ')' at column 13",
        "(a without b without c)|'without' cannot be chained; expected ')' at column 14",
        "(a and b|missing ')' at end of text",
        "(a or)|expected a dependency at column 6",
        "()|expected a dependency at column 2",
        "(a nand b)|unknown operator 'nand' at column 4",
        "(a >= )|missing version after '>=' at column 4",
        "(and b)|expected a dependency but found operator 'and' at column 2",
        "(a) b|unexpected 'b' after the dependency at column 5",
        "(a else b)|unknown operator 'else' at column 4",
    })
    void rpmGrammarViolationsAreReportedWithPosition(String text, String message) {
        assertThatThrownBy(() -> RichDependencyParser.parse(text))
                .isInstanceOf(MetadataException.class)
                .hasMessage("bad dependency \"" + text + "\": " + message);
    }

    @Test
    void emptyTextIsRejected() {
        assertThatThrownBy(() -> RichDependencyParser.parse("  ")).hasMessageContaining("empty dependency");
        assertThat(RichDependencyParser.isRich("(a or b)")).isTrue();
        assertThat(RichDependencyParser.isRich("a")).isFalse();
    }

    @Test
    void deepNestingParses() {
        String text = "(a or (b and (c if (d unless e else f) else (g with h))))";
        Requirement r = RichDependencyParser.parse(text);
        assertThat(r).isInstanceOf(AnyOf.class);
        AllOf inner = (AllOf) ((AnyOf) r).alternatives().get(1);
        If cond = (If) inner.operands().get(1);
        assertThat(cond.condition()).isEqualTo(new Unless(atom("d"), atom("e"), atom("f")));
        assertThat(cond.otherwise()).isEqualTo(new With(List.of(atom("g"), atom("h"))));
    }
}
