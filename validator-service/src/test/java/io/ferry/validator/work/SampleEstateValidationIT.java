package io.ferry.validator.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.ValidationStatus;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateReport;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Planted;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.schema.model.TableId;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.DistrictStage;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.service.testing.EstateSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample estate's PostgreSQL stores (small preset) against its CERT estate, which differs from PROD as
 * the estate's drift says and holds its own test districts. The planted problems of the lowest-ranked
 * district, staged as if extraction had let them through, are each found with the count {@code planted}
 * gives and nothing else fails; district-001 passes.
 */
class SampleEstateValidationIT {

    private static final String LOWEST_RUN = "mig-20261121140000-001";
    private static final String CLEAN_RUN = "mig-20261121140000-002";

    @TempDir
    static Path dir;
    private static PostgresServer prod;
    private static PostgresServer cert;
    private static EstateReport report;
    private static LoadedSpec spec;
    private static Staging staging;
    private static ValidationJob job;

    @BeforeAll
    static void estate() throws Exception {
        prod = PostgresServer.startTemporary();
        cert = PostgresServer.startTemporary();
        report = SampleEstate.generate(new EstateServers(prod, cert, null, null),
                new EstateOptions(Preset.SMALL, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
        spec = EstateSpec.write(dir.resolve("spec"), prod, cert);
        staging = new FileSystemStaging(dir.resolve("staging"));
        job = new ValidationJob(staging, new ValidationSettings(dir.resolve("work"), 5, 2, "256MB", Duration.ofMinutes(2)));
    }

    @AfterAll
    static void stop() {
        if (prod != null) {
            prod.close();
        }
        if (cert != null) {
            cert.close();
        }
    }

    private static String lowestDistrict() {
        return report.planted().stream().filter(p -> p.kind().equals("cert-check-violation")).findFirst()
                .orElseThrow().district();
    }

    @Test
    void theLowestDistrictsPlantedProblemsAreFoundWithTheirCountsAndNothingElseFails() throws Exception {
        String district = lowestDistrict();
        List<Planted> orphans = report.planted().stream()
                .filter(p -> p.kind().equals("orphan") && district.equals(p.district())).toList();
        assertThat(orphans).extracting(Planted::table).containsExactlyInAnyOrder("public.event", "public.daily_usage");
        Map<TableId, List<List<String>>> keys = DistrictStage.stage(prod, spec, district, orphans, staging, LOWEST_RUN,
                dir);

        ValidateResult result = job.validate(new ValidateRequest(LOWEST_RUN, district, spec.specHash(), 1), spec);

        assertThat(result.status()).isEqualTo(ValidationStatus.FAILED);
        Map<String, Long> errors = counts(result, Severity.ERROR);
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("check:enrollment_dates_check hcp1 public.enrollment null", planted("cert-check-violation"));
        expected.put("rule:exit before entry hcp1 public.enrollment null", planted("cert-check-violation"));
        expected.put("length ids public.school name", planted("cert-varchar-overflow"));
        expected.put("cross-store hcp2 public.submission person_id", planted("dangling-cross-store-reference"));
        for (Planted o : orphans) {
            expected.put("cross-store adb " + o.table() + " " + (o.table().equals("public.event")
                    ? "payload->'$.personId'" : "person_id"), o.count());
        }
        assertThat(errors).isEqualTo(expected);
        assertThat(result.findings()).filteredOn(f -> f.severity() == Severity.ERROR)
                .allSatisfy(f -> assertThat(f.examples()).hasSize((int) Math.min(5, f.count())));

        Map<String, Long> warnings = counts(result, Severity.WARNING);
        assertThat(warnings).containsKey("drift-narrower ids public.school name");
        assertThat(result.certSchemaFingerprints()).containsOnlyKeys(SampleEstate.PG_DATABASES);
    }

    @Test
    void districtOneHasNoErrors() throws Exception {
        Map<TableId, List<List<String>>> keys = DistrictStage.stage(prod, spec, "district-001", List.of(), staging,
                CLEAN_RUN, dir);

        ValidateResult result = job.validate(new ValidateRequest(CLEAN_RUN, "district-001", spec.specHash(), 1), spec);

        assertThat(counts(result, Severity.ERROR)).isEmpty();
        // CERT's test districts reuse PROD's surrogate keys: every overlap is reported, resolved by remap.
        Map<String, Long> warnings = counts(result, Severity.WARNING);
        for (TableId t : List.of(TableId.parse("ids.public.person"), TableId.parse("hcp1.public.section"))) {
            long overlap = inCert(t, "id", keys.get(t));
            assertThat(overlap).as("CERT rows sharing an id with the run's " + t).isPositive();
            assertThat(warnings).containsEntry("primary-key-in-cert:remap " + t.store() + " " + t.qualified() + " id",
                    overlap);
        }
        assertThat(result.status()).isEqualTo(ValidationStatus.PASSED_WITH_WARNINGS);
        assertThat(job.referenceChecks()).isPositive();
    }

    private static long planted(String kind) {
        return report.planted().stream().filter(p -> p.kind().equals(kind)).mapToLong(Planted::count).sum();
    }

    private static Map<String, Long> counts(ValidateResult result, Severity severity) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            if (f.severity() == severity) {
                counts.merge(f.check() + " " + f.store() + " " + f.table() + " " + f.column(), f.count(), Long::sum);
            }
        }
        return counts;
    }

    private static long inCert(TableId table, String column, List<List<String>> keys) throws Exception {
        String values = keys.stream().map(k -> k.get(0)).collect(Collectors.joining(","));
        try (Connection c = cert.connect(table.store()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table.qualified() + " WHERE " + column
                        + " = ANY('{" + values + "}'::bigint[])")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
