package io.ferry.contracts.ids;

import io.ferry.contracts.ContractViolation;
import io.ferry.contracts.Phase;

/**
 * The id of a batch: {@code {runId}/{phase}/{store}/{schema}.{table}/{seq}}, e.g.
 * {@code mig-20261121060000-001/extract/ids/public.person/0}. Deterministic, so a re-extracted batch
 * gets the same id and consumers can tell a repeat from new work. For a graph batch, {@code table} is
 * the label or relationship type.
 *
 * <p>To keep the id readable back unambiguously, no part may contain {@code /}, the schema may not
 * contain {@code .} (the table may), and {@code seq} counts from 0 in plain decimal.
 */
public record BatchId(String runId, Phase phase, String store, String schema, String table, int seq) {

    public BatchId {
        RunId.parse(runId);
        if (phase == null) {
            throw new ContractViolation("batch id: phase is required");
        }
        requirePart("store", store);
        requirePart("schema", schema);
        requirePart("table", table);
        if (schema.indexOf('.') >= 0) {
            throw new ContractViolation("batch id: schema must not contain '.'");
        }
        if (seq < 0) {
            throw new ContractViolation("batch id: seq must be 0 or more");
        }
    }

    public static BatchId of(String runId, Phase phase, String store, String schema, String table, int seq) {
        return new BatchId(runId, phase, store, schema, table, seq);
    }

    /** Reads an id written by {@link #toString()}; the error names the wrong part, not the input. */
    public static BatchId parse(String text) {
        if (text == null) {
            throw new ContractViolation("batch id is missing");
        }
        String[] parts = text.split("/", -1);
        if (parts.length != 5) {
            throw new ContractViolation("batch id must look like {runId}/{phase}/{store}/{schema}.{table}/{seq}");
        }
        int dot = parts[3].indexOf('.');
        if (dot < 0) {
            throw new ContractViolation("batch id: fourth part must be {schema}.{table}");
        }
        int seq;
        try {
            seq = Integer.parseInt(parts[4]);
        } catch (NumberFormatException e) {
            throw new ContractViolation("batch id: seq must be a decimal number");
        }
        BatchId id = new BatchId(parts[0], Phase.fromWireName(parts[1]), parts[2],
                parts[3].substring(0, dot), parts[3].substring(dot + 1), seq);
        if (!id.toString().equals(text)) {
            throw new ContractViolation("batch id: seq must be plain decimal without sign or leading zeros");
        }
        return id;
    }

    @Override
    public String toString() {
        return runId + "/" + phase.wireName() + "/" + store + "/" + schema + "." + table + "/" + seq;
    }

    private static void requirePart(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ContractViolation("batch id: " + name + " is required");
        }
        if (value.indexOf('/') >= 0) {
            throw new ContractViolation("batch id: " + name + " must not contain '/'");
        }
    }
}
