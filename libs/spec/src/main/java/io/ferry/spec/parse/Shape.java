package io.ferry.spec.parse;

import java.util.List;
import java.util.Set;

/**
 * The keys one kind of mapping in a spec may hold. {@code name} is its {@code $defs} entry in
 * {@code docs/spec.schema.json}; a test keeps the two equal.
 */
public record Shape(String name, List<String> keys, Set<String> required) {

    public Shape {
        keys = List.copyOf(keys);
        required = Set.copyOf(required);
    }
}
