package dev.peerget.installer.deb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Strongly connected components of a small directed graph (Tarjan), for dependency cycles. Nodes are
 * {@code 0..n-1}; an edge {@code a -> b} means "a needs b". Components come out dependencies first: a
 * component is listed after every component it needs. Deterministic: nodes and edges are visited in index order.
 */
final class Scc {
    private final List<List<Integer>> edges;
    private final int[] index;
    private final int[] low;
    private final boolean[] onStack;
    private final Deque<Integer> stack = new ArrayDeque<>();
    private final List<List<Integer>> components = new ArrayList<>();
    private int counter;

    private Scc(List<List<Integer>> edges) {
        this.edges = edges;
        int n = edges.size();
        index = new int[n];
        low = new int[n];
        onStack = new boolean[n];
        Arrays.fill(index, -1);
    }

    /** @param edges {@code edges.get(a)} lists every {@code b} with {@code a -> b}, in increasing order */
    static List<List<Integer>> components(List<List<Integer>> edges) {
        Scc scc = new Scc(edges);
        for (int v = 0; v < edges.size(); v++) {
            if (scc.index[v] < 0) {
                scc.visit(v);
            }
        }
        return scc.components;
    }

    private void visit(int v) {
        index[v] = counter;
        low[v] = counter;
        counter++;
        stack.push(v);
        onStack[v] = true;
        for (int w : edges.get(v)) {
            if (index[w] < 0) {
                visit(w);
                low[v] = Math.min(low[v], low[w]);
            } else if (onStack[w]) {
                low[v] = Math.min(low[v], index[w]);
            }
        }
        if (low[v] == index[v]) {
            List<Integer> component = new ArrayList<>();
            int w;
            do {
                w = stack.pop();
                onStack[w] = false;
                component.add(w);
            } while (w != v);
            component.sort(null);
            components.add(component);
        }
    }
}
