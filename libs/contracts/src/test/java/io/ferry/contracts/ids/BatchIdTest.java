package io.ferry.contracts.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.ContractViolation;
import io.ferry.contracts.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchIdTest {

    private static final String RUN = "mig-20261121060000-001";

    @Test
    void buildsRunPhaseStoreQualifiedTableAndSeq() {
        BatchId id = BatchId.of(RUN, Phase.ANONYMIZE, "hcp1", "public", "enrollment", 7);

        assertThat(id.toString()).isEqualTo("mig-20261121060000-001/anonymize/hcp1/public.enrollment/7");
    }

    @Test
    void parsesWhatItBuilds() {
        BatchId id = BatchId.parse("mig-20261121060000-001/extract/ids/public.person/0");

        assertThat(id).isEqualTo(BatchId.of(RUN, Phase.EXTRACT, "ids", "public", "person", 0));
    }

    @Test
    void aTableNameMayContainDotsButASchemaMayNot() {
        BatchId id = BatchId.parse(RUN + "/extract/adb/public.event.2026/3");

        assertThat(id.schema()).isEqualTo("public");
        assertThat(id.table()).isEqualTo("event.2026");
        assertThatThrownBy(() -> BatchId.of(RUN, Phase.EXTRACT, "adb", "my.schema", "event", 0))
                .hasMessage("batch id: schema must not contain '.'");
    }

    @Test
    void graphBatchesUseTheLabelAsTable() {
        assertThat(BatchId.of(RUN, Phase.EXTRACT, "sp", "label", "Person", 2).toString())
                .isEqualTo(RUN + "/extract/sp/label.Person/2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mig-20261121060000-001/extract/ids/public.person",
        "mig-20261121060000-001/extract/ids/person/0",
        "mig-20261121060000-001/extract/ids/public.person/07",
        "mig-20261121060000-001/extract/ids/public.person/+7",
        "mig-20261121060000-001/extract/ids/public.person/-1",
        "mig-20261121060000-001/extract/ids/public.person/x",
        "mig-20261121060000-001/extracted/ids/public.person/0",
        "mig-2026/extract/ids/public.person/0",
        "mig-20261121060000-001/extract//public.person/0"})
    void refusesMalformedIds(String text) {
        assertThatThrownBy(() -> BatchId.parse(text)).isInstanceOf(ContractViolation.class);
    }

    @Test
    void refusesSlashesInsideParts() {
        assertThatThrownBy(() -> BatchId.of(RUN, Phase.EXTRACT, "ids", "public", "a/b", 0))
                .hasMessage("batch id: table must not contain '/'");
    }
}
