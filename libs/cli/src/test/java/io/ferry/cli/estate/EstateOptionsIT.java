package io.ferry.cli.estate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferry.cli.FerryCli;
import io.ferry.cli.SharedEstate;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.estate.model.World;
import io.ferry.estate.postgres.PgWriter;
import io.ferry.estate.tables.TableDef;
import io.ferry.estate.tables.Tables;
import io.ferry.spec.parse.EstateProperties;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * {@code estate up --seed N --as-of TIME --prod-mode primary} on a small estate of its own: PROD holds exactly the
 * rows the generator makes for that seed and as-of (not another seed's, not another as-of's), and PROD is a
 * primary, where the shared estate's (default mode) is a standby.
 */
class EstateOptionsIT {

    private static final long SEED = 7;
    private static final Instant AS_OF = Instant.parse("2025-03-14T00:00:00Z");

    private static Path dir;
    private static EstateProperties props;

    @BeforeAll
    static void up() throws IOException {
        dir = Files.createTempDirectory("estate-options-");
        assertThat(FerryCli.execute("estate", "up", "--preset", "small", "--seed", Long.toString(SEED),
                "--as-of", AS_OF.toString(), "--prod-mode", "primary", "--dir", dir.toString())).isZero();
        props = EstateProperties.read(new EstateLayout(dir).properties());
    }

    @AfterAll
    static void down() {
        if (dir != null) {
            FerryCli.execute("estate", "down", "--dir", dir.toString());
        }
    }

    @Test
    void everyProdTableHoldsExactlyTheRowsOfItsSeedAndAsOf() throws Exception {
        assertThat(props.require("seed")).isEqualTo("7");
        assertThat(props.require("asOf")).isEqualTo(AS_OF.toString());

        World asAsked = SampleEstate.prodWorld(options(SEED, AS_OF));
        World otherSeed = SampleEstate.prodWorld(options(SEED + 1, AS_OF));
        World otherAsOf = SampleEstate.prodWorld(options(SEED, Instant.parse("2026-09-01T00:00:00Z")));
        Map<String, String> live = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> ofOtherSeed = new LinkedHashMap<>();
        Map<String, String> ofOtherAsOf = new LinkedHashMap<>();
        for (Map.Entry<String, List<TableDef>> store : Tables.all().entrySet()) {
            // PROD is a primary here: the generator's own rows for each option set go into temporary tables beside
            // the live ones, and both are fingerprinted by the same server the same way.
            try (Connection c = prod(store.getKey()); Statement s = c.createStatement()) {
                for (TableDef t : store.getValue()) {
                    String name = store.getKey() + "." + t.table();
                    String columns = String.join(", ", t.columns());
                    live.put(name, fingerprint(s, "SELECT " + columns + " FROM " + t.table()));
                    s.execute("CREATE TEMP TABLE generated AS SELECT " + columns + " FROM " + t.table() + " WITH NO DATA");
                    expected.put(name, fingerprintOf(c, s, t, asAsked));
                    ofOtherSeed.put(name, fingerprintOf(c, s, t, otherSeed));
                    ofOtherAsOf.put(name, fingerprintOf(c, s, t, otherAsOf));
                    s.execute("DROP TABLE generated");
                }
            }
        }
        assertThat(live).hasSizeGreaterThan(20).isEqualTo(expected);
        assertThat(live.get("ids.public.person")).doesNotStartWith("0 ").isNotEqualTo(ofOtherSeed.get("ids.public.person"));
        assertThat(live.get("hcp2.public.submission")).isNotEqualTo(ofOtherSeed.get("hcp2.public.submission"));
        assertThat(live.get("hcp1.public.academic_session")).isNotEqualTo(ofOtherAsOf.get("hcp1.public.academic_session"));
        assertThat(live.get("ids.public.person")).isNotEqualTo(ofOtherAsOf.get("ids.public.person"));

        // planted.json is the report of the same options: the keys of the planted rows follow the seed.
        assertThat(Files.readString(dir.resolve("planted.json"))).isEqualTo(planted(options(SEED, AS_OF)))
                .isNotEqualTo(planted(options(SEED + 1, AS_OF)));
    }

    @Test
    void prodModePrimaryLeavesProdOutOfRecoveryWhereTheDefaultIsAStandby() throws Exception {
        assertThat(props.require("prod.mode")).isEqualTo("primary");
        try (Connection c = prod("ids"); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT pg_is_in_recovery()")).isEqualTo("f");
        }
        EstateProperties standby = EstateProperties.read(new EstateLayout(SharedEstate.small()).properties());
        assertThat(standby.require("prod.mode")).isEqualTo("standby");
        try (Connection c = connect(standby, "prod.ids"); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT pg_is_in_recovery()")).isEqualTo("t");
        }
    }

    /** planted.json as SampleEstate.writeFiles writes it for these options, computed without a server. */
    private static String planted(EstateOptions options) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(Map.of("planted", SampleEstate.describe(options).planted())) + "\n";
    }

    private static EstateOptions options(long seed, Instant asOf) {
        return new EstateOptions(Preset.SMALL, seed, asOf, null);
    }

    /** Row count and md5 of the rows' text in a fixed order: equal for equal contents. */
    private static String fingerprint(Statement s, String query) throws SQLException {
        return scalar(s, "SELECT count(*) || ' ' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '-')"
                + " FROM (" + query + ") r");
    }

    /** The generator's rows of the table for a world, as COPY text into the empty temporary table, fingerprinted. */
    private static String fingerprintOf(Connection c, Statement s, TableDef t, World world) throws Exception {
        s.execute("TRUNCATE generated");
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY generated FROM STDIN",
                new StringReader(PgWriter.text(t, world)));
        return fingerprint(s, "SELECT * FROM generated");
    }

    private static Connection prod(String store) throws SQLException {
        return connect(props, "prod." + store);
    }

    private static Connection connect(EstateProperties p, String prefix) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", p.require(prefix + ".user"));
        credentials.setProperty("password", p.require(prefix + ".password"));
        credentials.setProperty("options", "-c TimeZone=UTC -c DateStyle=ISO,YMD -c extra_float_digits=3");
        return DriverManager.getConnection(p.require(prefix + ".url"), credentials);
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
