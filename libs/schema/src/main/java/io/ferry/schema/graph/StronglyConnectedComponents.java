package io.ferry.schema.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Tarjan's algorithm over nodes {@code 0..n-1}, iterative so that a long chain of references cannot
 * overflow the stack. Components come out in reverse topological order of the condensation (a
 * component is emitted after every component it reaches), each sorted ascending.
 */
final class StronglyConnectedComponents {

    private StronglyConnectedComponents() {
    }

    static List<int[]> of(int n, List<List<Integer>> successors) {
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        Deque<Integer> stack = new ArrayDeque<>();
        List<int[]> components = new ArrayList<>();
        int next = 0;
        int[] edgePos = new int[n];
        Deque<Integer> work = new ArrayDeque<>();
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            work.push(root);
            while (!work.isEmpty()) {
                int v = work.peek();
                if (index[v] < 0) {
                    index[v] = low[v] = next++;
                    stack.push(v);
                    onStack[v] = true;
                }
                List<Integer> out = successors.get(v);
                if (edgePos[v] < out.size()) {
                    int w = out.get(edgePos[v]++);
                    if (index[w] < 0) {
                        work.push(w);
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    int parent = work.peek();
                    low[parent] = Math.min(low[parent], low[v]);
                }
                if (low[v] == index[v]) {
                    List<Integer> members = new ArrayList<>();
                    int w;
                    do {
                        w = stack.pop();
                        onStack[w] = false;
                        members.add(w);
                    } while (w != v);
                    components.add(members.stream().mapToInt(Integer::intValue).sorted().toArray());
                }
            }
        }
        return components;
    }
}
