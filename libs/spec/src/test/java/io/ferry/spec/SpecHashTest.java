package io.ferry.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecHashTest {

    private static final String SPEC = """
            version: 1
            stores:
              ids: {kind: postgres, schemas: [public],
                    prod: {url: "jdbc:postgresql://prod/ids", user: app, passwordEnv: PW},
                    cert: {url: "jdbc:postgresql://cert/ids"}}
            tenant: {store: ids, table: public.district, key: [code]}
            closure: {edges: {"ids.public.person(school_id)": nullify}, crossTenant: copy}
            """;

    private static String hash(String text) {
        return SpecHash.of(Specs.parse(text));
    }

    @Test
    void isSha256Hex() {
        assertThat(hash(SPEC)).matches("[0-9a-f]{64}");
    }

    @Test
    void ignoresKeyOrderFormattingAndConnections() {
        String reordered = """
                tenant:
                  key: [code]
                  table: public.district
                  store: ids
                closure:
                  crossTenant: copy
                  edges:
                    "ids.public.person(school_id)": nullify
                stores:
                  ids:
                    cert: {url: "jdbc:postgresql://elsewhere/ids", passwordFile: secrets/pw}
                    prod: {user: other, url: "jdbc:postgresql://replica/ids"}
                    kind: postgres
                version: 1
                """;

        assertThat(hash(reordered)).isEqualTo(hash(SPEC));
    }

    @Test
    void changesWithAClosureRule() {
        assertThat(hash(SPEC.replace("nullify", "stop"))).isNotEqualTo(hash(SPEC));
        assertThat(hash(SPEC.replace("crossTenant: copy", "crossTenant: fail"))).isNotEqualTo(hash(SPEC));
    }

    @Test
    void leavesConnectionsOutOfTheCanonicalJson() {
        assertThat(SpecHash.canonicalJson(Specs.parse(SPEC))).doesNotContain("jdbc", "PW", "\"app\"", "url", "user")
                .startsWith("{\"anonymize\":");
    }

    @Test
    void leavesTheDistrictsSectionOut() {
        String withDistricts = SPEC + """
                districts:
                  counts: {schools: {table: ids.public.school}}
                  priority: [district-002]
                  rowsPerSecond: 5000
                """;

        assertThat(hash(withDistricts)).as("districts sizes and ranks; it copies no other row").isEqualTo(hash(SPEC));
        assertThat(SpecHash.canonicalJson(Specs.parse(withDistricts))).doesNotContain("districts", "5000");
    }
}
