package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebRelationsTest {
    private static final String DEPENDS = "libc6 (>= 2.34), default-mta | mail-transport-agent,\n python3:any";
    /** A value with the characters of the text's own framing (digits, colons, letters of the codes) and non-ASCII. */
    private static final String BREAKS = "D12:x (<< 1:2.0), caf\u00e9 (= 3:4)";
    private static final String REPLACES = "hello-traditional";

    private static DebRelations sample() {
        return new DebRelations.Builder().add(RelationKind.DEPENDS, DEPENDS).add(RelationKind.BREAKS, BREAKS)
                .add(RelationKind.REPLACES, REPLACES).build();
    }

    private static List<Relation> parsedDirectly() {
        List<Relation> out = new ArrayList<>(DebRelationParser.parse(RelationKind.DEPENDS, DEPENDS));
        out.addAll(DebRelationParser.parse(RelationKind.BREAKS, BREAKS));
        out.addAll(DebRelationParser.parse(RelationKind.REPLACES, REPLACES));
        return out;
    }

    @Test
    void readsAsTheFieldsParsedInOrder() {
        DebRelations r = sample();
        assertThat(r.format()).isEqualTo(PackageFormat.DEB);
        assertThat(r).hasSize(6).containsExactlyElementsOf(parsedDirectly());
        assertThat(r.get(1).text()).isEqualTo("default-mta | mail-transport-agent");
        assertThat(r.get(3).text()).isEqualTo("D12:x (<< 1:2.0)");
        // Once parsed, a kind's relations come from the parsed list, not from parsing its fields again.
        assertThat(r.ofKind(RelationKind.BREAKS)).hasSize(2).first().isSameAs(r.get(3));
    }

    @Test
    void textReadsBackToEqualRelations() {
        DebRelations stored = DebRelations.fromText(sample().text());
        assertThat(stored).isEqualTo(sample()).isEqualTo(parsedDirectly());
        assertThat(stored.text()).isEqualTo(sample().text());
        assertThat(new DebRelations.Builder().build()).isEmpty();
    }

    @Test
    void ofKindParsesOnlyThatKind() {
        // The Depends field is corrupt here: a kind that does not read it must not notice.
        String text = "D9:a (>= 1 2" + "X1:b";
        DebRelations r = DebRelations.fromText(text);
        assertThat(r.ofKind(RelationKind.REPLACES)).extracting(Relation::text).containsExactly("b");
        assertThat(r.ofKind(RelationKind.ENHANCES)).isEmpty();
        assertThatThrownBy(r::size).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("corrupt stored relations").hasMessageContaining("missing ')'");
    }

    @Test
    void corruptTextIsAnIllegalState() {
        for (String bad : List.of("Q1:a", "D1a", "Dx:a", "D9:a", "D-1:a", "D")) {
            assertThatThrownBy(() -> DebRelations.fromText(bad).size()).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("corrupt stored relations");
        }
    }

    @Test
    void debianHasNoSupplementsOrObsoletesField() {
        assertThatThrownBy(() -> new DebRelations.Builder().add(RelationKind.OBSOLETES, "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DebRelations.Builder().add(RelationKind.SUPPLEMENTS, "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsKeepThemUnparsedAndBuildersMergeThemInOrder() {
        PackageRecord kept = PackageRecord.builder(PackageFormat.DEB, "p", "1", "all").relations(sample()).build();
        assertThat(kept.relations()).isInstanceOf(DebRelations.class);
        assertThat(kept.relations(RelationKind.BREAKS)).extracting(Relation::text)
                .containsExactly("D12:x (<< 1:2.0)", "caf\u00e9 (= 3:4)");
        Relation extra = DebRelationParser.parse(RelationKind.SUGGESTS, "doc").get(0);
        PackageRecord merged = PackageRecord.builder(PackageFormat.DEB, "p", "1", "all").relations(sample())
                .relation(extra).build();
        List<Relation> expected = new ArrayList<>(parsedDirectly());
        expected.add(extra);
        assertThat(merged.relations()).isNotInstanceOf(DebRelations.class).containsExactlyElementsOf(expected);
        assertThat(merged).isEqualTo(PackageRecord.builder(PackageFormat.DEB, "p", "1", "all")
                .relations(expected).build());
    }
}
