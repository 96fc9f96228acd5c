package io.ferry.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryCli;
import io.ferry.cli.SharedEstate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry init-target --admin-user ROLE --admin-password-env VAR} on the shared small estate's CERT server, as a
 * superuser of the test's own that must prove its password (unlike the estate's trusted {@code postgres}). The
 * command reads the password from its process environment, so it runs as a child process given that environment.
 * The spec's PostgreSQL CERT stores point at empty databases of the test's own; the shared estate's stay untouched.
 */
class InitTargetCommandIT {

    private static final String ADMIN = "ferry_cert_admin";
    private static final String VARIABLE = "FERRY_IT_CERT_ADMIN_PW";
    private static final List<String> PG_STORES = List.of("ids", "hcp1", "hcp2", "adb");

    private static Path work;
    private static String spec;
    private static Map<String, String> properties;
    private static String server;
    private static String password;

    @BeforeAll
    static void adminWithAPassword() throws IOException, SQLException {
        Path estate = SharedEstate.small();
        work = Files.createTempDirectory("init-target-");
        spec = Files.readString(estate.resolve("ferry.yaml"));
        properties = new LinkedHashMap<>();
        Files.readString(estate.resolve("estate.properties")).lines().filter(l -> l.contains("="))
                .forEach(l -> properties.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        String idsUrl = properties.get("cert.ids.url");
        server = idsUrl.substring(0, idsUrl.lastIndexOf('/') + 1);
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        password = HexFormat.of().formatHex(secret);
        // The estate trusts its own postgres superuser on localhost; every other role proves its password (SCRAM).
        try (Connection c = DriverManager.getConnection(idsUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + ADMIN);
            s.execute("CREATE ROLE " + ADMIN + " LOGIN SUPERUSER PASSWORD '" + password + "'");
        }
    }

    @Test
    void theAdminsPasswordFromTheNamedVariablePreparesEveryCertStore() throws Exception {
        Path variant = certAt("prepared");

        Run run = initTarget(variant, Map.of(VARIABLE, password));

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out.lines()).contains(
                "ids (postgres): ferry schema at version 6, marked cert, ferry_loader may suppress triggers",
                "adb (postgres): ferry schema at version 6, marked cert, ferry_loader may suppress triggers")
                .anySatisfy(l -> assertThat(l).startsWith("sp (neo4j): marked cert; "));
        for (String store : PG_STORES) {
            try (Connection c = DriverManager.getConnection(server + "prepared_" + store, "postgres", "");
                 Statement s = c.createStatement()) {
                // marked_by defaults to current_user: the admin's session, opened with the variable's password
                assertThat(scalar(s, "SELECT environment || ' ' || store || ' ' || marked_by FROM ferry.environment"))
                        .isEqualTo("cert " + store + " " + ADMIN);
                assertThat(scalar(s, "SELECT version FROM ferry.flyway_schema_history ORDER BY installed_rank DESC LIMIT 1")).isEqualTo("6");
                assertThat(scalar(s, "SELECT has_parameter_privilege('ferry_loader', 'session_replication_role', 'SET')"))
                        .isEqualTo("t");
            }
        }
    }

    @Test
    void aWrongPasswordInTheNamedVariableIsRefusedNamingTheVariable() throws Exception {
        Path variant = certAt("wrong");

        Run run = initTarget(variant, Map.of(VARIABLE, password + "x"));

        assertThat(run.code).as(run.err).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err.lines()).containsExactly("ferry: store ids (cert, " + server + "wrong_ids) refused admin user "
                + ADMIN + ": check the role and the password in environment variable " + VARIABLE
                + " (--admin-password-env)");
        assertUnprepared("wrong");
    }

    @Test
    void anUnsetVariableIsRefusedNamingItEvenWhenTheDefaultVariableHoldsThePassword() throws Exception {
        Path variant = certAt("unset");

        Run run = initTarget(variant, Map.of("FERRY_CERT_ADMIN_PASSWORD", password));

        assertThat(run.code).as(run.err).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err.lines()).containsExactly("ferry: store ids (cert, " + server + "unset_ids) refused admin user "
                + ADMIN + ": environment variable " + VARIABLE + " (--admin-password-env) is not set");
        assertUnprepared("unset");
    }

    /** The estate's spec with each PostgreSQL CERT store at an empty database {@code <name>_<store>}. */
    private static Path certAt(String name) throws IOException, SQLException {
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            for (String store : PG_STORES) {
                s.execute("DROP DATABASE IF EXISTS " + name + "_" + store);
                s.execute("CREATE DATABASE " + name + "_" + store);
            }
        }
        Path dir = Files.createDirectories(work.resolve(name));
        Files.writeString(dir.resolve("ferry.yaml"), spec);
        Files.writeString(dir.resolve("estate.properties"), properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + (PG_STORES.stream().anyMatch(st -> e.getKey().equals("cert." + st + ".url"))
                        ? server + name + "_" + e.getKey().split("\\.")[1] : e.getValue()))
                .collect(Collectors.joining("\n", "", "\n")));
        return dir.resolve("ferry.yaml");
    }

    private static void assertUnprepared(String name) throws SQLException {
        for (String store : PG_STORES) {
            try (Connection c = DriverManager.getConnection(server + name + "_" + store, "postgres", "");
                 Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT count(*) FROM pg_namespace WHERE nspname = 'ferry'")).as(store).isEqualTo("0");
            }
        }
    }

    private record Run(int code, String out, String err) {
    }

    /**
     * {@code ferry init-target --spec S --admin-user ferry_cert_admin --admin-password-env FERRY_IT_CERT_ADMIN_PW} in
     * a JVM of its own, whose environment is this one's without either password variable, plus {@code env}.
     */
    private static Run initTarget(Path spec, Map<String, String> env) throws IOException, InterruptedException {
        // the JVM options the ferry launcher gives the tool
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FerryCli.class.getName(),
                "init-target", "--spec", spec.toString(), "--admin-user", ADMIN, "--admin-password-env", VARIABLE));
        Path out = Files.createTempFile(work, "out-", ".txt");
        Path err = Files.createTempFile(work, "err-", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeAll(List.of(VARIABLE, "FERRY_CERT_ADMIN_PASSWORD", "FERRY_DEBUG"));
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("init-target did not finish in 2 minutes: " + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
