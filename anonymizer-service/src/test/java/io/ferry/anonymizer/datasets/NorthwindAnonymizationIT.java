package io.ferry.anonymizer.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymizer.batch.BatchFixture;
import io.ferry.anonymizer.work.BatchJob;
import io.ferry.anonymizer.work.RunTools;
import io.ferry.batches.FileKey;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.AnonymizeRule;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.NorthwindGraph;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Northwind in PostgreSQL and as its Neo4j graph (the shared datasets), under the rules of
 * {@code specs/northwind/ferry.yaml}: the PostgreSQL {@code customers} table is staged as a raw batch and
 * the graph's {@code Customer} nodes as a label batch (their ruled properties and the {@code customerID}
 * that links them to {@code nw.public.customers(customer_id)}), and both go through the anonymizer's batch
 * job. Proves on the data that a customer's anonymized contact name and city (and every other property
 * ruled with the same type in both stores: address, postal code, phone, fax) are the same in PostgreSQL and
 * in the graph for the same customer id wherever the two sources agree in canonical form (five graph
 * addresses carry a leading space PostgreSQL does not have, and still get the same fake street), and differ
 * from the source. Failures name customer ids and fields, never a value.
 */
class NorthwindAnonymizationIT {

    private static final String RUN = "mig-20261121140000-001";
    private static final String SPEC_HASH = "d".repeat(64);
    private static final FileKey RAW_KEY = new FileKey(1, "nwind-test-raw-file-key-32-bytes".getBytes(
            StandardCharsets.US_ASCII));

    @Test
    void aCustomerAnonymizesAlikeInPostgresqlAndInTheGraph(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path data = Datasets.root().orElseThrow().resolve("northwind");
        Path specFile = Datasets.repoRoot().resolve("specs/northwind/ferry.yaml");
        Spec spec = new SpecParser(new Resolver(Map.of(), Map.of(), specFile.getParent()), Set.of())
                .read(specFile.toString(), Files.readString(specFile), specFile.getParent());
        Link link = LabelBatches.link(spec, "graph", "Customer");
        assertThat(link.to().table()).isEqualTo(new TableId("nw", "public", "customers"));
        String nodeKey = link.from().columns().get(0);
        String tableKey = link.to().columns().get(0);
        // graph property -> PostgreSQL column, for the properties ruled on both sides
        Map<String, String> ruledInBoth = ruledInBoth(spec);
        assertThat(ruledInBoth).containsEntry("contactName", "contact_name").containsEntry("city", "city");

        RunTools tools = new RunTools(RuleIndex.of(spec), BatchFixture.anonymizer(), BatchFixture.scrubber(dir),
                BatchFixture.leakKey());
        Staging staging = new FileSystemStaging(dir.resolve("staging"));
        BatchJob job = new BatchJob(staging, () -> RAW_KEY, dir.resolve("tmp"), 8 << 20);
        Path reads = Files.createDirectories(dir.resolve("reads"));
        NamedRows tableBefore;
        NamedRows tableAfter;
        NamedRows nodesBefore;
        NamedRows nodesAfter;
        try (PostgresServer pg = PostgresServer.startTemporary();
                Neo4jServer graph = NorthwindGraph.start(data)) {
            pg.createDatabase("nw");
            try (Connection c = pg.connect("nw")) {
                SqlScriptRunner.run(c, data.resolve("northwind-postgres.sql"));
                TableCopies.sessionSettings(c);
                BatchManifest raw = TableCopies.stageRaw(c, staging, dir, RUN, SPEC_HASH, "nw", "public", "customers",
                        RAW_KEY);
                tableBefore = NamedRows.read(staging, raw.stagingPath(), RAW_KEY, reads);
                tableAfter = NamedRows.read(staging, job.anonymize(raw, tools).manifest().stagingPath(), null, reads);
            }
            BatchManifest raw = LabelBatches.stage(graph.driver(), staging, dir, RUN, SPEC_HASH, "graph", "Customer",
                    nodeKey, LabelBatches.ruledProperties(spec, "graph", "Customer"), RAW_KEY);
            nodesBefore = NamedRows.read(staging, raw.stagingPath(), RAW_KEY, reads);
            nodesAfter = NamedRows.read(staging, job.anonymize(raw, tools).manifest().stagingPath(), null, reads);
        }

        Map<String, String[]> rowsBefore = tableBefore.byKey(tableKey);
        Map<String, String[]> rowsAfter = tableAfter.byKey(tableKey);
        assertThat(rowsBefore).hasSize(91);
        assertThat(nodesBefore.rows()).hasSize(91);
        Map<String, Integer> compared = new LinkedHashMap<>();
        Set<String> sourceDiffers = new TreeSet<>();
        Set<String> differ = new TreeSet<>();
        Set<String> unchanged = new TreeSet<>();
        Set<String> unlinked = new TreeSet<>();
        for (int n = 0; n < nodesBefore.rows().size(); n++) {
            String[] before = nodesBefore.rows().get(n);
            String[] after = nodesAfter.rows().get(n);
            String id = before[nodesBefore.column(nodeKey)];
            assertThat(after[nodesAfter.column(nodeKey)]).as("node keys stay").isEqualTo(id);
            String[] row = rowsBefore.get(id);
            if (row == null) {
                unlinked.add(id);
                continue;
            }
            ruledInBoth.forEach((property, column) -> {
                String nodeValue = before[nodesBefore.column(property)];
                String columnValue = row[tableBefore.column(column)];
                if (!Objects.equals(canonical(nodeValue), canonical(columnValue))) {
                    sourceDiffers.add(property + " of customer " + id); // NULL in PostgreSQL, "NULL" in the graph's CSV
                    return;
                }
                if (nodeValue == null) {
                    return;
                }
                compared.merge(property, 1, Integer::sum);
                String anonymizedNode = after[nodesAfter.column(property)];
                if (!Objects.equals(anonymizedNode, rowsAfter.get(id)[tableAfter.column(column)])) {
                    differ.add(property + " of customer " + id);
                }
                if (anonymizedNode == null || anonymizedNode.equalsIgnoreCase(nodeValue)) {
                    unchanged.add(property + " of customer " + id);
                }
            });
        }

        assertThat(unlinked).as("Customer nodes without their customers row").isEmpty();
        assertThat(sourceDiffers).as("contact names and cities that differ in the source already")
                .noneMatch(f -> f.startsWith("contactName ") || f.startsWith("city "));
        assertThat(compared.get("contactName")).as("contact names compared").isEqualTo(91);
        assertThat(compared.get("city")).as("cities compared").isEqualTo(91);
        assertThat(compared.get("address")).as("addresses compared, five with a leading space in the graph").isEqualTo(91);
        assertThat(compared).as("fields compared").containsKeys(ruledInBoth.keySet().toArray(String[]::new));
        assertThat(differ).as("values anonymized differently in PostgreSQL and the graph").isEmpty();
        assertThat(unchanged).as("values the anonymizer left as they were").isEmpty();
    }

    /**
     * A source value as the anonymizer compares it ({@code docs/anonymization.md}, "Canonical forms"): trimmed, inner
     * whitespace collapsed, lower-case. The graph's CSV import kept a leading space of five addresses that
     * PostgreSQL does not have; the same canonical value must still get the same fake one.
     */
    private static String canonical(String value) {
        return value == null ? null : value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * The graph's {@code Customer} properties whose PostgreSQL column (the property in snake case) is ruled
     * with the same type: property to column.
     */
    private static Map<String, String> ruledInBoth(Spec spec) {
        Map<String, String> columnTypes = new LinkedHashMap<>();
        Map<String, String> propertyTypes = new LinkedHashMap<>();
        for (AnonymizeRule rule : spec.anonymize().rules()) {
            if (rule.column() != null && rule.column().startsWith("nw.public.customers.") && rule.path() == null) {
                columnTypes.put(rule.column().substring("nw.public.customers.".length()), rule.type());
            }
            if (rule.property() != null && rule.property().startsWith("graph:Customer.")) {
                propertyTypes.put(rule.property().substring("graph:Customer.".length()), rule.type());
            }
        }
        Map<String, String> both = new LinkedHashMap<>();
        propertyTypes.forEach((property, type) -> {
            String column = property.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            if (type.equals(columnTypes.get(column))) {
                both.put(property, column);
            }
        });
        return both;
    }
}
