package io.ferry.loader.load;

import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tests' oracle for "CERT holds what it held": per whole table, the row count and
 * {@code md5(string_agg(t::text, E'\n' ORDER BY t::text))}, the function of compensation's proof applied to every
 * row rather than the ledger's. All tables are read in one REPEATABLE READ snapshot with the loader's text
 * formats, so the texts compare.
 */
public final class TableChecksum {

    private TableChecksum() {
    }

    /** Every table of the store's schemas. */
    public static Map<TableId, TableProof> ofStore(Connection cert, String store, List<String> schemas)
            throws SQLException {
        return of(cert, new PostgresIntrospector().introspect(cert, store, schemas).tables().stream().map(Table::id)
                .toList());
    }

    /** @param cert a session in auto-commit mode; its own transaction is used and ended */
    public static Map<TableId, TableProof> of(Connection cert, Collection<TableId> tables) throws SQLException {
        cert.setAutoCommit(false);
        try (Statement st = cert.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            SessionSettings.formats(cert);
            Map<TableId, TableProof> proofs = new LinkedHashMap<>();
            for (TableId t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), md5(string_agg(t::text, E'\\n' ORDER BY t::text))"
                        + " FROM " + t.qualified() + " t")) {
                    rs.next();
                    proofs.put(t, new TableProof(rs.getLong(1), rs.getString(2)));
                }
            }
            return proofs;
        } finally {
            cert.rollback();
            cert.setAutoCommit(true);
        }
    }
}
