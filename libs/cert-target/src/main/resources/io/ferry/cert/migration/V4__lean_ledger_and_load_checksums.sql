-- The ledger takes one row per row a load writes, so every index and check on it is paid per row (the
-- benchmark in docs/loader.md measured about 6 us of each 19 us per row on the foreign key alone). Every
-- reader finds ledger rows by run and table (ledger_run_table), and the loader writes a run's ledger rows
-- in the transaction that writes its ferry.run row, so the foreign key, the (run_id, seq) key and its
-- sequence, and the unread (table_name, row_key) index go.
ALTER TABLE ferry.ledger DROP CONSTRAINT ledger_run_id_fkey;
ALTER TABLE ferry.ledger DROP CONSTRAINT ledger_pkey;
ALTER TABLE ferry.ledger DROP COLUMN seq;
DROP INDEX ferry.ledger_row;

-- The same for the key maps, one row per key a remapped table's load maps: the loader writes them in the
-- transaction that writes the run's row, and nothing reads key_map.run_id back through the key.
ALTER TABLE ferry.key_map DROP CONSTRAINT key_map_run_id_fkey;

-- A store's load result carries each table's canonical checksum of what CERT held for the run at commit; a
-- redelivered request is answered with it too.
ALTER TABLE ferry.run_count ADD COLUMN checksum text;
