package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.testkit.SharedServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshot the engine reads PROD in is really repeatable-read and read-only on the server. */
class JdbcSnapshotIT {

    @Test
    void openSnapshotBeginsARepeatableReadReadOnlyTransaction() throws SQLException {
        SharedServers.postgres().ensureDatabase("snapshot_it");
        try (Connection c = SharedServers.postgres().connect("snapshot_it")) {
            JdbcRowSource.openSnapshot(c, new StoreSchema("s", StoreKind.POSTGRES, List.of(), List.of(), "x"));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only'),"
                            + " current_setting('TimeZone')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("repeatable read");
                assertThat(rs.getString(2)).isEqualTo("on");
                assertThat(rs.getString(3)).isEqualTo("UTC");
            }
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("CREATE TABLE written_by_ferry(i int)"))
                        .hasMessageContaining("read-only transaction");
            }
        }
    }
}
