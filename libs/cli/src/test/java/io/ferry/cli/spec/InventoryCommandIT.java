package io.ferry.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cert.PostgresTarget;
import io.ferry.cli.Console;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryCli;
import io.ferry.cli.SharedEstate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ferry inventory} against the shared small estate's CERT server. The spec's CERT connections point at
 * databases of this test's own: {@code ids} at one prepared as init-target does, holding a run superseded by a
 * refresh, the other PostgreSQL stores at an unprepared one. The shared estate's own CERT stays untouched.
 */
class InventoryCommandIT {

    @RegisterExtension
    final Console console = new Console();

    @Test
    void listsTheRunsEachCertStoreRecordsAndNamesTheStoresNotPrepared() throws Exception {
        Path estate = SharedEstate.small();
        String spec = Files.readString(estate.resolve("ferry.yaml"));
        Map<String, String> properties = Files.readString(estate.resolve("estate.properties")).lines()
                .filter(l -> l.contains("=")).collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')),
                        l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
        String idsUrl = properties.get("cert.ids.url");
        String server = idsUrl.substring(0, idsUrl.lastIndexOf('/') + 1);
        String user = properties.get("cert.ids.user");
        // The estate's superuser is trusted on localhost; the spec's cert user reads.
        try (Connection c = DriverManager.getConnection(idsUrl, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS inventory_ids");
            st.execute("DROP DATABASE IF EXISTS inventory_blank");
            st.execute("CREATE DATABASE inventory_ids");
            st.execute("CREATE DATABASE inventory_blank");
        }
        try (Connection c = DriverManager.getConnection(server + "inventory_ids", "postgres", "");
                Statement st = c.createStatement()) {
            PostgresTarget.prepare("ids", c, server + "inventory_ids", "postgres", "", user);
            st.execute("INSERT INTO ferry.run (run_id, district, spec_hash, key_version, requested_by, started_at,"
                    + " finished_at, status) VALUES ('mig-20261101060000-001', 'district-001', 'h', 1, 'alice',"
                    + " '2026-11-01T06:00:00Z', '2026-11-01T06:05:00Z', 'loaded'), ('mig-20261115060000-001',"
                    + " 'district-001', 'h', 2, 'bob', '2026-11-15T06:00:00Z', '2026-11-15T06:04:00Z', 'loaded')");
            st.execute("UPDATE ferry.run SET status = 'superseded', superseded_by = 'mig-20261115060000-001',"
                    + " taken_out_at = '2026-11-15T06:04:00Z' WHERE run_id = 'mig-20261101060000-001'");
            st.execute("INSERT INTO ferry.run_count (run_id, table_name, position, inserted, updated, remapped, skipped)"
                    + " VALUES ('mig-20261115060000-001', 'public.person', 0, 1200, 3, 40, 0), ('mig-20261115060000-001',"
                    + " 'public.school', 1, 12, 0, 0, 0), ('mig-20261101060000-001', 'public.person', 0, 1190, 0, 0, 0)");
        }
        StringBuilder variant = new StringBuilder();
        properties.forEach((key, value) -> {
            String v = value;
            if (key.startsWith("cert.") && key.endsWith(".url") && value.startsWith("jdbc:")) {
                v = server + (key.equals("cert.ids.url") ? "inventory_ids" : "inventory_blank");
            }
            variant.append(key).append('=').append(v).append('\n');
        });
        Path dir = Files.createDirectories(Files.createTempDirectory("inventory-").resolve("spec"));
        Files.writeString(dir.resolve("ferry.yaml"), spec);
        Files.writeString(dir.resolve("estate.properties"), variant);

        assertThat(FerryCli.execute("inventory", "--spec", dir.resolve("ferry.yaml").toString()))
                .as(console.err()).isEqualTo(ExitCodes.OK);
        assertThat(console.out().lines().filter(l -> l.startsWith("ids "))).containsExactly(
                "ids      district-001     mig-20261101060000-001   superseded by mig-20261115060000-001   1      1,190"
                        + "  2026-11-01T06:05:00Z 2026-11-15T06:04:00Z alice",
                "ids      district-001     mig-20261115060000-001   loaded         2      1,215  2026-11-15T06:04:00Z -"
                        + "                    bob");
        assertThat(console.err()).contains("store hcp1 (cert) is not prepared", "store adb (cert) is not prepared")
                .doesNotContain("store ids (cert) is not prepared").doesNotContain("Exception");

        console.reset();
        assertThat(FerryCli.execute("inventory", "--spec", dir.resolve("ferry.yaml").toString(), "--format", "json"))
                .isEqualTo(ExitCodes.OK);
        JsonNode stores = new ObjectMapper().readTree(console.out()).path("stores");
        JsonNode ids = null;
        for (JsonNode store : stores) {
            if (store.path("store").asText().equals("ids")) {
                ids = store;
            } else if (!store.path("store").asText().equals("sp")) {
                assertThat(store.path("prepared").asBoolean()).as(store.toString()).isFalse();
            }
        }
        assertThat(ids).isNotNull();
        assertThat(ids.path("prepared").asBoolean()).isTrue();
        assertThat(ids.path("runs").get(1).path("runId").asText()).isEqualTo("mig-20261115060000-001");
        assertThat(ids.path("runs").get(1).path("rows").asLong()).isEqualTo(1215);
        assertThat(ids.path("runs").get(1).path("keyVersion").asInt()).isEqualTo(2);

        assertThat(FerryCli.execute("inventory", "--spec", dir.resolve("ferry.yaml").toString(), "--format", "xml"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--format must be 'text' or 'json'");
    }
}
