package io.ferry.loader.load;

import io.ferry.cert.LedgerKeys;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One referencing value that goes through a key map on its way into CERT: a column, or the leaf at a JSON path
 * inside a jsonb column, that points at a table whose keys the run maps (remapped keys, or a skipped table's
 * rows that CERT holds under another key).
 *
 * @param jsonPath the path's keys ({@code $.a.b} gives {@code [a, b]}); empty for the column itself
 * @param target   the table whose map the value is looked up in (in this store or another)
 */
record Rewrite(String column, List<String> jsonPath, TableId target) {

    Rewrite {
        jsonPath = List.copyOf(jsonPath);
    }

    boolean json() {
        return !jsonPath.isEmpty();
    }

    /** The path as PostgreSQL's {@code #>} and {@code jsonb_set} take it: {@code '{a,b}'}. */
    String pathLiteral() {
        return LedgerKeys.literal("{" + String.join(",", jsonPath.stream().map(Rewrite::pathKey).toList()) + "}");
    }

    private static String pathKey(String key) {
        return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Per table, the values to rewrite: every reference from the table (CERT's foreign keys and the spec's links)
     * whose target column is the one a map covers.
     *
     * @param references CERT's references inside the store and the spec's references from its tables
     * @param mapped     per mapped table (this store's and others'), the column its map covers
     * @throws LoadRefusedException for one value that would have to follow two different maps
     */
    static Map<TableId, List<Rewrite>> of(List<Reference> references, Map<TableId, String> mapped) {
        Map<TableId, List<Rewrite>> byTable = new LinkedHashMap<>();
        for (Reference r : references) {
            String column = mapped.get(r.to());
            int at = column == null ? -1 : r.toColumns().indexOf(column);
            if (at < 0) {
                continue;
            }
            Rewrite rewrite = new Rewrite(r.fromColumns().get(at), r.jsonPath() == null ? List.of() : keys(r.jsonPath()), r.to());
            List<Rewrite> list = byTable.computeIfAbsent(r.from(), t -> new ArrayList<>());
            for (Rewrite other : list) {
                if (other.column.equals(rewrite.column) && other.jsonPath.equals(rewrite.jsonPath)) {
                    if (!other.target.equals(rewrite.target)) {
                        throw new LoadRefusedException(r.from().store(), r.from().qualified() + "." + rewrite.column
                                + " references both " + other.target + " and " + rewrite.target + ", whose keys are"
                                + " mapped separately; the loader cannot tell which map applies");
                    }
                    rewrite = null;
                    break;
                }
            }
            if (rewrite != null) {
                list.add(rewrite);
            }
        }
        return byTable;
    }

    /** {@code $.a.b} gives {@code [a, b]}, as the spec's links write JSON paths. */
    static List<String> keys(String jsonPath) {
        String p = jsonPath.startsWith("$.") ? jsonPath.substring(2) : jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
        return p.isEmpty() ? List.of() : List.of(p.split("\\."));
    }
}
