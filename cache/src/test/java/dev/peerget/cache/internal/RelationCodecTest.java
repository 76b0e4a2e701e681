package dev.peerget.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Op;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.Requirement.AllOf;
import dev.peerget.model.Requirement.AnyOf;
import dev.peerget.model.Requirement.Atom;
import dev.peerget.model.Requirement.If;
import dev.peerget.model.Requirement.Unless;
import dev.peerget.model.Requirement.With;
import dev.peerget.model.Requirement.Without;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.deb.DebRelations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelationCodecTest {
    private static Atom atom(String name) {
        return Atom.of(name);
    }

    private static Atom atom(String name, String arch, Op op, String version) {
        return new Atom(name, arch, op == null ? null : new VersionConstraint(op, version));
    }

    /** One relation of every kind and every requirement shape, with texts as a repository writes them. */
    static List<Relation> everyShape() {
        List<Relation> out = new ArrayList<>();
        out.add(new Relation(RelationKind.DEPENDS, atom("libc6"), "libc6"));
        out.add(new Relation(RelationKind.PRE_DEPENDS, atom("perl", "any", null, null), "perl:any"));
        out.add(new Relation(RelationKind.RECOMMENDS, atom("libc6", null, Op.GE, "2.34"), "libc6 (>= 2.34)"));
        out.add(new Relation(RelationKind.SUGGESTS, atom("python3", "native", Op.LT, "3.12~"), "python3:native (<< 3.12~)"));
        for (Op op : Op.values()) {
            out.add(new Relation(RelationKind.BREAKS, atom("foo", null, op, "1:2.0-1+b1"), "foo (" + op.debianSymbol() + " 1:2.0-1+b1)"));
        }
        out.add(new Relation(RelationKind.ENHANCES, new AnyOf(List.of(atom("mail-transport-agent"),
                atom("exim4", "amd64", Op.EQ, "4.96-15"), atom("postfix"))), "mail-transport-agent | exim4:amd64 (= 4.96-15) | postfix"));
        out.add(new Relation(RelationKind.SUPPLEMENTS, new AllOf(List.of(atom("a"), atom("b", null, Op.GT, "1"))), "(a and b > 1)"));
        out.add(new Relation(RelationKind.CONFLICTS, new With(List.of(atom("kernel"), atom("kernel-core", null, Op.LE, "6.1"))), "(kernel with kernel-core <= 6.1)"));
        out.add(new Relation(RelationKind.REPLACES, new If(atom("x"), atom("y"), null), "(x if y)"));
        out.add(new Relation(RelationKind.OBSOLETES, new If(atom("x"), atom("y"), atom("z")), "(x if y else z)"));
        out.add(new Relation(RelationKind.DEPENDS, new Unless(atom("x"), atom("y"), null), "(x unless y)"));
        out.add(new Relation(RelationKind.DEPENDS, new Unless(atom("x"), atom("y"), atom("z", null, Op.GE, "2")), "(x unless y else z >= 2)"));
        out.add(new Relation(RelationKind.DEPENDS, new Without(atom("/usr/bin/sh"), atom("busybox")), "(/usr/bin/sh without busybox)"));
        Requirement nested = new If(
                new AnyOf(List.of(new AllOf(List.of(atom("a"), new With(List.of(atom("b"), atom("c", null, Op.GE, "1.0"))))),
                        new Without(atom("d"), new AnyOf(List.of(atom("e"), atom("f")))))),
                new Unless(atom("g", "i386", null, null), new AllOf(List.of(atom("h"), atom("i"))), atom("j")),
                new If(atom("k"), atom("l"), new AnyOf(List.of(atom("m"), atom("n"), atom("o"), atom("p")))));
        out.add(new Relation(RelationKind.DEPENDS, nested, "((a and (b with c >= 1.0)) or (d without (e or f))) if ..."));
        out.add(new Relation(RelationKind.DEPENDS, atom("empty-text"), ""));
        out.add(new Relation(RelationKind.DEPENDS, atom("spaces"), "  spaces , (odd)  text "));
        return out;
    }

    @Test
    void roundTripsEveryShapeKindAndText() {
        List<Relation> relations = everyShape();
        List<Relation> decoded = RelationCodec.decode(RelationCodec.encode(relations));
        assertThat(decoded).containsExactlyElementsOf(relations);
        for (int i = 0; i < relations.size(); i++) {
            assertThat(decoded.get(i).text()).isEqualTo(relations.get(i).text());
            assertThat(decoded.get(i).kind()).isSameAs(relations.get(i).kind());
        }
    }

    @Test
    void roundTripsEachRelationAlone() {
        for (Relation r : everyShape()) {
            assertThat(RelationCodec.decode(RelationCodec.encode(List.of(r)))).containsExactly(r);
        }
    }

    @Test
    void decodesNothingFromNullOrEmpty() {
        assertThat(RelationCodec.decode(null)).isEmpty();
        assertThat(RelationCodec.decode("")).isEmpty();
    }

    @Test
    void decodesManyEntriesOfOneRow() {
        List<Relation> row = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            row.add(new Relation(RelationKind.values()[i % RelationKind.values().length],
                    atom("p" + i, i % 3 == 0 ? "any" : null, i % 2 == 0 ? Op.values()[i % Op.values().length] : null, "1." + i),
                    "p" + i));
        }
        row.add(new Relation(RelationKind.DEPENDS, new AnyOf(java.util.Collections.nCopies(12, atom("q"))), "q | q | ..."));
        assertThat(RelationCodec.decode(RelationCodec.encode(row))).containsExactlyElementsOf(row);
    }

    @Test
    void rejectsCorruptEncodings() {
        String good = RelationCodec.encode(List.of(new Relation(RelationKind.DEPENDS, atom("a", null, Op.GE, "1"), "a (>= 1)")));
        assertThat(RelationCodec.decode(good)).hasSize(1);
        assertThatThrownBy(() -> RelationCodec.decode(good.replace("\u001fa\u001f", "\u001fq\u001f").replaceFirst("^0\u001da", "0\u001dq")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RelationCodec.decode("0\u001da\u001fa")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> RelationCodec.decode("0\u001d|\u001f3\u001fa\u001fx\u001f\u001f\u001f\u001dtext"))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> RelationCodec.decode("no separators")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void debianRelationsAreStoredAsTheirTextAndReadBackUnparsed() {
        DebRelations written = new DebRelations.Builder()
                .add(RelationKind.DEPENDS, "libc6 (>= 2.34), a | b:any")
                .add(RelationKind.ENHANCES, "c").build();
        String column = RelationCodec.encode(written);
        assertThat(column).isEqualTo("d" + written.text());
        List<Relation> read = RelationCodec.decode(column);
        assertThat(read).isInstanceOf(DebRelations.class);
        assertThat(((DebRelations) read).text()).isEqualTo(written.text());
        assertThat(read).hasSize(3).isEqualTo(written);
        assertThat(((DebRelations) read).ofKind(RelationKind.ENHANCES)).extracting(Relation::text).containsExactly("c");
    }
}
