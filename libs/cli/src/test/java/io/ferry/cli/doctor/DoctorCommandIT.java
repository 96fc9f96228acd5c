package io.ferry.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.Console;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryCli;
import io.ferry.cli.SharedEstate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ferry doctor} on the small estate (PROD a hot standby): before CERT is prepared and the key made it fails
 * naming both, with what to run; afterwards nothing fails; a CERT url pointed at PROD fails that store.
 */
class DoctorCommandIT {

    private static Path work;
    private static String spec;
    private static String properties;

    @RegisterExtension
    final Console console = new Console();

    @BeforeAll
    static void estate() throws IOException {
        Path estate = SharedEstate.small();
        work = Files.createTempDirectory("doctor-");
        spec = Files.readString(estate.resolve("ferry.yaml"));
        properties = Files.readString(estate.resolve("estate.properties"));
    }

    private static Path variant(String name, String props) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.writeString(dir.resolve("ferry.yaml"), spec);
        Files.writeString(dir.resolve("estate.properties"), props);
        return dir.resolve("ferry.yaml");
    }

    private List<String> lines(String status) {
        return console.out().lines().filter(l -> l.startsWith(status)).collect(Collectors.toList());
    }

    @Test
    void anUnpreparedCertAndAMissingKeyFailNamingWhatToRunThenNothingFails() throws IOException {
        Path bare = variant("bare", properties);
        assertThat(FerryCli.execute("doctor", "--spec", bare.toString())).as(console.out() + console.err())
                .isEqualTo(ExitCodes.NOT_OK);
        assertThat(console.out()).contains("OK    prod ids       connected as ferry_reader; every table of [public] readable")
                .contains("OK    prod ids       a hot standby: read-only by recovery")
                .contains("OK    prod sp        connected")
                .contains("OK    kafka          broker at")
                .contains("OK    kafka          all 40 Ferry topics exist") // the estate makes them as a cluster has them
                .contains("is writable");
        assertThat(console.out()).doesNotContain("fewer partitions");
        assertThat(lines("FAIL")).anySatisfy(l -> assertThat(l).startsWith("FAIL  key").contains("ferry-key"));
        assertThat(console.err()).doesNotContain("Exception");

        // prepared as the demo prepares it, and the key made: no failure
        console.reset();
        assertThat(FerryCli.execute("init-target", "--spec", bare.toString(), "--admin-user", "postgres"))
                .as(console.err()).isZero();
        Path secrets = Files.createDirectories(bare.getParent().resolve("secrets"));
        Files.writeString(secrets.resolve("ferry-key"), Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(secrets.resolve("ferry-key"), PosixFilePermissions.fromString("rw-------"));
        console.reset();
        assertThat(FerryCli.execute("doctor", "--spec", bare.toString())).as(console.out()).isZero();
        assertThat(lines("FAIL")).isEmpty();
        assertThat(console.out()).contains("OK    cert ids       a primary, not PROD, marked as CERT (ids)")
                .contains("OK    cert sp        not PROD, marked as CERT (sp)")
                .contains("OK    key            anonymization key version 1");
    }

    @Test
    void kafkaAndStagingNamedOnTheCommandLineAreTheOnesChecked() throws IOException {
        Path staging = Files.createDirectories(work.resolve("other-staging"));
        // nothing listens on port 1 of the loopback
        assertThat(FerryCli.execute("doctor", "--spec", variant("named", properties).toString(), "--kafka", "127.0.0.1:1",
                "--staging", staging.toString())).isEqualTo(ExitCodes.NOT_OK);
        assertThat(lines("FAIL")).anySatisfy(l -> assertThat(l).startsWith("FAIL  kafka")
                .contains("no broker answered at 127.0.0.1:1"));
        assertThat(console.out()).contains("OK    staging        " + staging + " is writable");
    }

    @Test
    void aCertUrlPointedAtProdFailsThatStore() throws IOException {
        // CERT's ids connection made PROD's (url, user and password): a standby, and PROD's own database
        String pointed = properties.lines().filter(l -> !l.startsWith("cert.ids."))
                .collect(Collectors.joining("\n", "", "\n"))
                + properties.lines().filter(l -> l.startsWith("prod.ids.")).map(l -> "cert" + l.substring("prod".length()))
                        .collect(Collectors.joining("\n", "", "\n"));
        assertThat(FerryCli.execute("doctor", "--spec", variant("cert-is-prod", pointed).toString()))
                .isEqualTo(ExitCodes.NOT_OK);
        assertThat(lines("FAIL")).anySatisfy(l -> assertThat(l).startsWith("FAIL  cert ids").contains("standby in recovery"));
    }
}
