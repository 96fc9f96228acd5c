package io.ferry.validator.check;

import io.ferry.schema.model.Reference;

import java.util.List;

/**
 * References whose target the run does not carry (a table the spec assumes present in CERT): the distinct
 * keys they point at, to be looked up in CERT.
 *
 * @param check  the finding's check name if keys do not resolve there
 * @param column the finding's column text
 */
public record CertLookup(Reference reference, String check, String column, List<Key> keys) {

    public CertLookup {
        keys = List.copyOf(keys);
    }

    /**
     * @param values  the key's text, one per target column
     * @param rows    referencing rows
     * @param example one referencing row's example key
     */
    public record Key(String[] values, long rows, String example) {
    }
}
