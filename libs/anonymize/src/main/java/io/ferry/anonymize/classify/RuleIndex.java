package io.ferry.anonymize.classify;

import io.ferry.schema.model.TableId;
import io.ferry.spec.model.AnonymizeRule;
import io.ferry.spec.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spec's {@code anonymize.rules} by the field they name. A field is covered when a rule names it:
 * a column by {@code column} without a path; a JSON leaf by its column without a path (the whole value)
 * or by a path that is the leaf's or one of its ancestors'; a graph property by {@code property}. The
 * rule's type does not matter for coverage.
 */
public final class RuleIndex {

    /**
     * A rule resolved to the field it names.
     *
     * @param table    the table, or the label for a property
     * @param name     column or property
     * @param path     the JSON path, or null
     * @param dataType the rule's type when the preflight knows it (for reserved ranges and the dictionary)
     */
    public record Ruled(AnonymizeRule rule, TableId table, String name, String path, Optional<DataType> dataType,
            boolean property) {

        /** The field the rule names (a column, a JSON path or a property), with the declared type given. */
        public Field field(String declaredType) {
            if (property) {
                return Field.property(table.store(), table.name(), name, declaredType);
            }
            return path == null ? Field.column(table, name, declaredType)
                    : Field.jsonPath(table, name, path, declaredType);
        }
    }

    private final List<Ruled> rules;
    private final List<String> unreadable;

    private RuleIndex(List<Ruled> rules, List<String> unreadable) {
        this.rules = List.copyOf(rules);
        this.unreadable = List.copyOf(unreadable);
    }

    public static RuleIndex of(Spec spec) {
        return of(spec.anonymize() == null ? List.of() : spec.anonymize().rules());
    }

    public static RuleIndex of(List<AnonymizeRule> rules) {
        List<Ruled> ruled = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (AnonymizeRule r : rules) {
            Optional<DataType> type = DataType.fromSpecName(r.type());
            try {
                if (r.column() != null) {
                    List<String> parts = TableId.splitQualified(r.column());
                    if (parts.size() != 4) {
                        throw new IllegalArgumentException("not store.schema.table.column");
                    }
                    String path = r.path() == null || r.path().isBlank() ? null : r.path().strip();
                    if (path != null) {
                        JsonLeaves.keys(path);
                    }
                    ruled.add(new Ruled(r, new TableId(parts.get(0), parts.get(1), parts.get(2)), parts.get(3), path,
                            type, false));
                } else if (r.property() != null) {
                    String text = r.property();
                    int colon = text.indexOf(':');
                    int dot = text.lastIndexOf('.');
                    if (colon < 1 || dot < colon + 2 || dot == text.length() - 1) {
                        throw new IllegalArgumentException("not store:Label.property");
                    }
                    ruled.add(new Ruled(r, new TableId(text.substring(0, colon), TableId.LABELS,
                            unquote(text.substring(colon + 1, dot))), unquote(text.substring(dot + 1)), null, type, true));
                }
            } catch (IllegalArgumentException e) {
                unreadable.add(r.column() != null ? r.column() : r.property());
            }
        }
        return new RuleIndex(ruled, unreadable);
    }

    private static String unquote(String name) {
        return name.length() >= 2 && name.startsWith("`") && name.endsWith("`")
                ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }

    public List<Ruled> rules() {
        return rules;
    }

    /** Rules whose column or property could not be read (the spec checker reports them); they cover nothing. */
    public List<String> unreadable() {
        return unreadable;
    }

    /** The rule covering {@code field}, the most specific first (a path rule before a whole-column rule). */
    public Optional<Ruled> covering(Field field) {
        Ruled best = null;
        for (Ruled r : rules) {
            if (!r.table().equals(field.table()) || !r.name().equals(field.name())
                    || r.property() != (field.kind() == Field.Kind.PROPERTY)) {
                continue;
            }
            boolean covers = switch (field.kind()) {
                case COLUMN, PROPERTY -> r.path() == null;
                case JSON_PATH -> r.path() == null || JsonLeaves.covers(r.path(), field.jsonPath());
            };
            if (covers && (best == null || (best.path() == null && r.path() != null))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }
}
