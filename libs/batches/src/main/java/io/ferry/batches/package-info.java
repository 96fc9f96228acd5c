/**
 * Ferry's batch file format: the rows of one table (or the nodes of one label, the relationships of
 * one type) in one Parquet file. Values enter and leave as PostgreSQL text output, as
 * {@code COPY ... TO STDOUT} prints them ({@link io.ferry.batches.CopyText} is that codec); common
 * scalars are stored as native Parquet types where they round-trip exactly, everything else as its
 * text with {@code format_type()} kept in the file. Raw batches are encrypted with Parquet modular
 * encryption ({@link io.ferry.batches.FileKey}). See {@code docs/batches.md}.
 */
package io.ferry.batches;
