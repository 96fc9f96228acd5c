package io.ferry.classify;

import io.ferry.planning.prod.ProdAccessException;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples PROD's fields inside one {@link ProdSnapshot}: a table's columns and the JSON leaf paths of its
 * json/jsonb columns ({@link PgFields}), a label's properties ({@link GraphFields}). The preflight samples the
 * tables and labels of a district's closure with {@link #sample(Table)}; {@code ferry classify} samples
 * {@link #everyTable()} with {@link #sampleAll()}: every table of the spec's PostgreSQL stores (in their
 * schemas) and every label of its graph stores, whatever district owns their rows. Relationship types hold
 * no field a rule can name and are not sampled. Reads fail with {@link ProdReadException}.
 */
public final class ProdSampler {

    /** Non-null values sampled per column, JSON path and property unless told otherwise. */
    public static final int DEFAULT_SAMPLE_SIZE = 200;

    private final ProdSnapshot snapshot;
    private final int sampleSize;
    private final Map<String, PgFields> postgres = new LinkedHashMap<>();
    private final Map<String, GraphFields> graphs = new LinkedHashMap<>();

    public ProdSampler(ProdSnapshot snapshot, int sampleSize) {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("sample at least one value per field");
        }
        this.snapshot = snapshot;
        this.sampleSize = sampleSize;
    }

    /** The reader of a PostgreSQL store of the snapshot. */
    public PgFields postgres(String store) {
        return postgres.computeIfAbsent(store, s -> new PgFields(s, snapshot.connection(s).orElseThrow(
                () -> new ProdAccessException(ProdAccessException.Reason.USAGE,
                        "store " + s + " is not a PostgreSQL store of the spec"))));
    }

    /** The reader of a graph store of the snapshot. */
    public GraphFields graph(String store) {
        return graphs.computeIfAbsent(store, s -> new GraphFields(s, snapshot));
    }

    /** Every table and label of the spec's stores, as the snapshot introspected them; no relationship types. */
    public List<Table> everyTable() {
        return snapshot.fullSchema().tables().stream().filter(t -> t.kind() != TableKind.RELATIONSHIP).toList();
    }

    /** The fields of one table or label, with up to the sample size of values each (none for a relationship type). */
    public List<SampledField> sample(Table table) {
        return switch (table.kind()) {
            case TABLE, PARTITIONED -> postgres(table.id().store()).sample(table, sampleSize);
            case LABEL -> graph(table.id().store()).sample(table, sampleSize);
            case RELATIONSHIP -> List.of();
        };
    }

    /** The fields of {@link #everyTable()}. */
    public List<SampledField> sampleAll() {
        List<SampledField> out = new ArrayList<>();
        for (Table t : everyTable()) {
            out.addAll(sample(t));
        }
        return out;
    }
}
