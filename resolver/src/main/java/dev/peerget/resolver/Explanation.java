package dev.peerget.resolver;

import dev.peerget.model.Relation;
import java.util.Objects;

/**
 * Why a constraint exists: every clause the resolver encodes carries one, so that an unsatisfiable request
 * can be explained by the few constraints that clash. Each renders its own sentence.
 */
public sealed interface Explanation {
    String message();

    /** The user asked for it. */
    record Requested(Job job, String text) implements Explanation {
        public Requested {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String message() {
            return "you asked for " + text;
        }
    }

    /** {@code who} has a (hard) dependency. */
    record Depends(Candidate who, Relation relation) implements Explanation {
        @Override
        public String message() {
            return who + " " + verb(relation) + " " + relation.text();
        }

        private static String verb(Relation r) {
            return switch (r.kind()) {
                case PRE_DEPENDS -> "pre-depends on";
                default -> "depends on";
            };
        }
    }

    /** No candidate at all satisfies a relation of {@code who} (or the request when {@code who} is null). */
    record Unsatisfiable(Candidate who, String requirement) implements Explanation {
        @Override
        public String message() {
            return (who == null ? "" : who + " needs ") + requirement + ", which no available package provides";
        }
    }

    /** {@code who} conflicts with, breaks or obsoletes {@code other}. */
    record Conflict(Candidate who, Relation relation, Candidate other) implements Explanation {
        @Override
        public String message() {
            String verb = switch (relation.kind()) {
                case BREAKS -> "breaks";
                case OBSOLETES -> "obsoletes";
                default -> "conflicts with";
            };
            return who + " " + verb + " " + relation.text() + " (" + other + ")";
        }
    }

    /** Only one build of a name can be installed. */
    record SingleVersion(Candidate a, Candidate b) implements Explanation {
        @Override
        public String message() {
            return a + " and " + b + " cannot be installed together (same package)";
        }
    }

    /** An installed package must stay: held, or essential. */
    record MustStay(Candidate installed, String why) implements Explanation {
        @Override
        public String message() {
            return installed + " must stay installed (" + why + ")";
        }
    }
}
