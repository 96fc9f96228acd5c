package io.ferry.spec.parse;

import io.ferry.spec.model.SpecEnum;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A position in the YAML node tree: a node and its key path. Reading a value of the wrong kind records
 * an error at the node's line and column and returns null, so binding goes on and finds every error.
 */
final class Cursor {

    private final Node node;
    private final String path;
    private final Errors errors;
    /** Where the key holding this value sits (0 for list items and the root). */
    private int keyLine;
    private int keyColumn;

    Cursor(Node node, String path, Errors errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
        errors.locate(path, line(node.getStartMark()), column(node.getStartMark()));
    }

    String path() {
        return path;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    void error(String message, String hint) {
        errors.add(line(node.getStartMark()), column(node.getStartMark()), path, message, hint);
    }

    /** The mapping's values by key, after reporting unknown, duplicate and missing keys. */
    Map<String, Cursor> mapping(Shape shape) {
        Map<String, Cursor> values = entries("a mapping with keys " + String.join(", ", shape.keys()));
        if (values == null) {
            return Map.of();
        }
        for (Map.Entry<String, Cursor> entry : List.copyOf(values.entrySet())) {
            if (!shape.keys().contains(entry.getKey())) {
                Cursor value = values.remove(entry.getKey());
                String hint = Hints.closest(entry.getKey(), shape.keys()).map(k -> "did you mean '" + k + "'?")
                        .orElse("known keys: " + String.join(", ", shape.keys()));
                value.keyError("unknown key '" + entry.getKey() + "'", hint);
            }
        }
        for (String required : shape.keys()) {
            if (shape.required().contains(required) && (!values.containsKey(required) || values.get(required).isNull())) {
                errors.add(line(node.getStartMark()), column(node.getStartMark()), KeyPaths.child(path, required),
                        "missing required key '" + required + "'", null);
            }
        }
        values.values().removeIf(Cursor::isNull);
        return values;
    }

    /** A mapping with keys the user chooses (store names, tables); null if this is no mapping. */
    Map<String, Cursor> entries(String expected) {
        if (!(node instanceof MappingNode mapping)) {
            if (!isNull()) {
                error("expected " + expected + ", found " + kind(), null);
            }
            return isNull() ? new LinkedHashMap<>() : null;
        }
        Map<String, Cursor> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                errors.add(line(keyNode.getStartMark()), column(keyNode.getStartMark()), path,
                        "a key must be a plain value", null);
                continue;
            }
            String key = scalarKey.getValue();
            String childPath = KeyPaths.child(path, key);
            if (values.containsKey(key)) {
                errors.add(line(keyNode.getStartMark()), column(keyNode.getStartMark()), childPath,
                        "duplicate key '" + key + "'", "the first is at line " + values.get(key).keyLine);
                continue;
            }
            errors.locate(childPath, line(keyNode.getStartMark()), column(keyNode.getStartMark()));
            Cursor child = new Cursor(tuple.getValueNode(), childPath, errors);
            child.keyLine = line(keyNode.getStartMark());
            child.keyColumn = column(keyNode.getStartMark());
            values.put(key, child);
        }
        return values;
    }

    /** Makes the key under which this value sits findable under another path too (its canonical spelling). */
    void alias(String otherPath) {
        errors.locate(otherPath, keyLine, keyColumn);
    }

    /** An error about the key under which this value sits (an unknown key, a table that does not exist). */
    void keyError(String message, String hint) {
        errors.add(keyLine, keyColumn, path, message, hint);
    }

    /** The elements of a sequence; a single scalar counts as a one-element list when {@code oneAllowed}. */
    List<Cursor> list(boolean oneAllowed) {
        if (node instanceof SequenceNode sequence) {
            List<Cursor> items = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                items.add(new Cursor(sequence.getValue().get(i), KeyPaths.index(path, i), errors));
            }
            return items;
        }
        if (oneAllowed && node instanceof ScalarNode && !isNull()) {
            return List.of(this);
        }
        if (!isNull()) {
            error("expected a list, found " + kind(), null);
        }
        return List.of();
    }

    /** A scalar as text (numbers too); null after an error for a mapping, a list, a boolean or null. */
    String string() {
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL) && !scalar.getTag().equals(Tag.BOOL)) {
            return scalar.getValue();
        }
        error("expected a text value, found " + kind(), null);
        return null;
    }

    /** A scalar that is secret: its value never reaches an error message. */
    String secretString() {
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return scalar.getValue();
        }
        error("expected a text value, found " + kind(), null);
        return null;
    }

    Long integer() {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
            try {
                return Long.parseLong(scalar.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                error("expected a whole number in the 64-bit range", null);
                return null;
            }
        }
        error("expected a whole number, found " + kind(), null);
        return null;
    }

    <E extends Enum<E> & SpecEnum> E choice(Class<E> type, String what) {
        String word = string();
        if (word == null) {
            return null;
        }
        Optional<E> match = Arrays.stream(type.getEnumConstants()).filter(e -> e.word().equals(word)).findFirst();
        if (match.isEmpty()) {
            List<String> words = Arrays.stream(type.getEnumConstants()).map(SpecEnum::word).toList();
            error("unknown " + what + " '" + word + "'", "choose one of " + String.join(", ", words)
                    + Hints.closest(word, words).map(w -> " (did you mean '" + w + "'?)").orElse(""));
            return null;
        }
        return match.get();
    }

    private String kind() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (tag.equals(Tag.NULL)) {
            return "nothing";
        }
        if (tag.equals(Tag.BOOL)) {
            return "a boolean";
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "a number";
        }
        return "a text value";
    }

    static int line(Mark mark) {
        return mark.getLine() + 1;
    }

    static int column(Mark mark) {
        return mark.getColumn() + 1;
    }
}
