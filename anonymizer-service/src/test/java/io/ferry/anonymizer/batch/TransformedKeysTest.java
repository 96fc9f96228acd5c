package io.ferry.anonymizer.batch;

import static io.ferry.anonymizer.batch.BatchFixture.column;
import static io.ferry.anonymizer.batch.BatchFixture.columns;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymizer.rules.TableRules;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.schema.model.TableId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key columns that are transformed keep every reference intact: a parent's key (a state id, a uuid, a
 * username) and the child column pointing at it, under rules of the same type and strategy, map to the same
 * values in separate batches, and distinct keys stay distinct.
 */
class TransformedKeysTest {

    private static final TableId STUDENT = new TableId("ids", "public", "student");
    private static final TableId ENROLLMENT = new TableId("hcp1", "public", "enrollment");

    @Test
    void referencesToTransformedKeysStillResolve(@TempDir Path dir) throws Exception {
        RuleIndex rules = RuleIndex.of(List.of(
                column("ids.public.student.state_id", "student.state_id"),
                column("ids.public.student.uuid", "person.uuid"),
                column("ids.public.student.login", "person.username"),
                column("hcp1.public.enrollment.student_state_id", "student.state_id"),
                column("hcp1.public.enrollment.student_uuid", "person.uuid"),
                column("hcp1.public.enrollment.login", "person.username")));
        List<BatchColumn> parentColumns = columns("state_id", "text", "uuid", "uuid", "login", "text");
        List<BatchColumn> childColumns = columns("id", "bigint", "student_state_id", "text", "student_uuid", "uuid",
                "login", "text");
        List<String[]> parents = new ArrayList<>();
        List<String[]> children = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String state = String.format("%010d", 417_365_928L + i * 7919L);
            String uuid = String.format("3f6c2a9e-0001-4c1b-9d2e-%012x", 0x5a7b8c9d0e1fL + i);
            String login = "student" + i;
            parents.add(new String[] {state, uuid, login});
            children.add(new String[] {Integer.toString(2 * i), state, uuid, login});
            children.add(new String[] {Integer.toString(2 * i + 1), state, uuid, login.toUpperCase()});
        }
        List<String[]> parentOut = anonymize(dir, "parent", STUDENT, rules, parentColumns, parents);
        // another batch, another anonymizer instance: nothing is shared but the key
        List<String[]> childOut = anonymize(dir, "child", ENROLLMENT, rules, childColumns, children);

        for (int c = 0; c < 3; c++) {
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < parentOut.size(); i++) {
                keys.add(parentOut.get(i)[c]);
                assertThat(parentOut.get(i)[c]).isNotEqualToIgnoringCase(parents.get(i)[c]);
            }
            assertThat(keys).as("distinct keys stay distinct").hasSize(parents.size());
            int column = c + 1;
            assertThat(childOut).as("every reference resolves")
                    .allSatisfy(child -> assertThat(keys).contains(column == 3 ? child[column].toLowerCase()
                            : child[column]));
        }
    }

    private static List<String[]> anonymize(Path dir, String name, TableId table, RuleIndex rules,
            List<BatchColumn> columns, List<String[]> rows) throws Exception {
        Path in = dir.resolve(name + "-in.parquet");
        Path out = dir.resolve(name + "-out.parquet");
        BatchFixture.write(in, columns, rows);
        var anonymizer = BatchFixture.anonymizer();
        try (BatchReader r = BatchReader.open(in, null);
                BatchWriter w = BatchWriter.create(out, new BatchSchema(columns, Map.of()), BatchWriterOptions.defaults())) {
            BatchAnonymizer.Outcome outcome = new BatchAnonymizer(anonymizer, BatchFixture.scrubber(dir),
                    BatchFixture.leakKey()).anonymize(TableRules.bind(rules, anonymizer, table, columns), r, w);
            assertThat(outcome.passed()).as("%s", outcome.problems()).isTrue();
        }
        return BatchFixture.read(out);
    }
}
