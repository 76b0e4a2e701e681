package dev.peerget.repo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Builds the version pairs that oracle tests ask the reference tools about: neighbours in sorted order (where
 * versions differ least, so every rule of the order gets exercised), near neighbours, random pairs, and all
 * pairs of a hand-written list. Deterministic for a given seed. Test support only.
 */
public final class VersionPairs {
    /** Two versions to compare. */
    public record Pair(String a, String b) {
        @Override
        public String toString() {
            return "'" + a + "' vs '" + b + "'";
        }
    }

    private VersionPairs() {
    }

    /** Distinct versions in a fixed (String) order, so sampling does not depend on file order. */
    public static List<String> distinct(List<String> versions) {
        return new ArrayList<>(new TreeSet<>(versions));
    }

    /**
     * {@code neighbours} pairs of adjacent versions in {@code order}, evenly spread over the list, then
     * {@code near} pairs at most 20 positions apart and {@code random} pairs anywhere, drawn with {@code seed}.
     */
    public static List<Pair> sample(List<String> versions, Comparator<String> order, int neighbours, int near,
            int random, long seed) {
        List<String> sorted = new ArrayList<>(distinct(versions));
        sorted.sort(order);
        int n = sorted.size();
        List<Pair> pairs = new ArrayList<>();
        double step = Math.max(1.0, (n - 1) / (double) neighbours);
        for (double i = 0; i < n - 1 && pairs.size() < neighbours; i += step) {
            int k = (int) i;
            pairs.add(new Pair(sorted.get(k), sorted.get(k + 1)));
        }
        Random rnd = new Random(seed);
        for (int i = 0; i < near; i++) {
            int k = rnd.nextInt(n);
            int j = Math.min(n - 1, k + 1 + rnd.nextInt(20));
            pairs.add(new Pair(sorted.get(j), sorted.get(k)));
        }
        for (int i = 0; i < random; i++) {
            pairs.add(new Pair(sorted.get(rnd.nextInt(n)), sorted.get(rnd.nextInt(n))));
        }
        return pairs;
    }

    /** Every unordered pair of distinct entries of {@code versions}. */
    public static List<Pair> allPairs(List<String> versions) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            for (int j = i + 1; j < versions.size(); j++) {
                pairs.add(new Pair(versions.get(i), versions.get(j)));
            }
        }
        return pairs;
    }
}
