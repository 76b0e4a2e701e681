package dev.peerget.model;

import java.util.Objects;

/**
 * One entry of a relation field: {@code kind} says which field, {@code requirement} what it asks for and
 * {@code text} how the repository wrote it (kept for explanations).
 */
public record Relation(RelationKind kind, Requirement requirement, String text) {
    public Relation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(text, "text");
    }
}
