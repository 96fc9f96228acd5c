package io.ferry.spec.parse;

import io.ferry.spec.SpecError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects every error of one parse (not just the first) and where each key path sits. */
final class Errors {

    private final String file;
    private final List<SpecError> errors = new ArrayList<>();
    private final Map<String, int[]> locations = new HashMap<>();

    Errors(String file) {
        this.file = file;
    }

    void add(int line, int column, String keyPath, String message, String hint) {
        errors.add(new SpecError(file, line, column, keyPath, message, hint));
    }

    void locate(String keyPath, int line, int column) {
        locations.putIfAbsent(keyPath, new int[] {line, column});
    }

    List<SpecError> list() {
        return errors.stream()
                .sorted((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                        : Integer.compare(a.column(), b.column()))
                .toList();
    }

    Map<String, int[]> locations() {
        return locations;
    }

    String file() {
        return file;
    }
}
