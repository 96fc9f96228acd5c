package io.ferry.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.AnonymizationKey;
import io.ferry.anonymize.leak.LeakHashes;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.anonymize.leak.LeakTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source identifier in a log line is found by its keyed hash in every form the leak check knows; nothing else is. */
class LogLeakScanTest {
    private static final LeakKey KEY = new LeakKey(AnonymizationKey.fromBase64(1,
            Base64.getEncoder().encodeToString("a test key for the log scan, 32b".getBytes())));

    private static LogLeakScan scanFor(String... sourceValues) {
        LeakHashes.Builder b = new LeakHashes.Builder();
        for (String v : sourceValues) {
            LeakTokens.forms(v, t -> b.add(KEY.hash(t)));
        }
        return new LogLeakScan(KEY, b.build());
    }

    @Test
    void aSourceEmailOrPhoneInALineIsAHitByHashOnly() {
        LogLeakScan scan = scanFor("thea.vandermolen@gmail.com", "(458) 319-7026");
        assertThat(scan.hashesIn("2026-11-24 INFO sent to Thea.Vandermolen@gmail.com")).isNotEmpty()
                .allSatisfy(h -> assertThat(h).matches("[0-9a-f]{16}"));
        assertThat(scan.hashesIn("call 458-319-7026 back")).isNotEmpty();
        assertThat(scan.hashesIn("2026-11-24 INFO batch mig-20261124000000-001/anonymize/ids/public.person/0 done"))
                .isEmpty();
        assertThat(scan.hashesIn("sent to f-ilindgren.x1@example.org")).isEmpty();
    }

    @Test
    void valuesWrappedAsLogsWrapThemAreFound() {
        LogLeakScan scan = scanFor("thea.vandermolen@gmail.com");
        assertThat(scan.hashesIn("WARN insert failed email=thea.vandermolen@gmail.com")).isNotEmpty();
        assertThat(scan.hashesIn("{\"level\":\"WARN\",\"email\":\"thea.vandermolen@gmail.com\"}")).isNotEmpty();
        assertThat(scan.hashesIn("ERROR: duplicate key value violates unique constraint \"person_email_key\""
                + " Detail: Key (email)=(thea.vandermolen@gmail.com) already exists.")).isNotEmpty();
        assertThat(scan.hashesIn("<td>thea.vandermolen@gmail.com</td>")).isNotEmpty();
    }

    @Test
    void compressedLogsAreSkippedAndNamed(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("old.log.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("row for thea.vandermolen@gmail.com\n".getBytes());
        }
        LogLeakScan scan = scanFor("thea.vandermolen@gmail.com");
        assertThat(scan.scan(dir)).isEmpty();
        assertThat(scan.skipped()).containsExactly(gz);
    }

    @Test
    void filesAreScannedLineByLineNamingFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("extractor.log"), "ok\nstill ok\n");
        Files.createDirectories(dir.resolve("old"));
        Files.writeString(dir.resolve("old/loader.log"), "fine\nrow for thea.vandermolen@gmail.com\n");
        List<LogLeakScan.Hit> hits = scanFor("thea.vandermolen@gmail.com").scan(dir);
        assertThat(hits).isNotEmpty().allSatisfy(h -> {
            assertThat(h.file()).isEqualTo(dir.resolve("old/loader.log"));
            assertThat(h.line()).isEqualTo(2);
            assertThat(h.toString()).doesNotContain("thea").endsWith(h.hash());
        });
    }
}
