package io.ferry.spec.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.spec.SpecError;
import io.ferry.spec.SpecException;
import io.ferry.spec.Specs;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Each kind of user error: one clear line naming the file, line, column and key. */
class SpecParserErrorsTest {

    private static final String HEAD = """
            version: 1
            stores:
              ids:
                kind: postgres
                prod: {url: "${prod.ids.url}", user: app, passwordEnv: PROD_IDS_PASSWORD}
                cert: {url: "${cert.ids.url}", passwordFile: secrets/cert-ids}
            tenant: {store: ids, table: public.district, key: [code]}
            """;
    private static final Map<String, String> URLS = Map.of("prod.ids.url", "jdbc:postgresql://127.0.0.1/ids",
            "cert.ids.url", "jdbc:postgresql://127.0.0.1/ids_cert");

    private static List<String> errors(String text) {
        SpecException e = (SpecException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Specs.parse(text, URLS));
        assertThat(e).as("expected spec errors").isNotNull();
        return e.errors().stream().map(SpecError::toString).toList();
    }

    @Test
    void aValidSpecParses() {
        assertThat(Specs.parse(HEAD, URLS).stores().get("ids").schemas()).containsExactly("public");
    }

    @Test
    void anUnknownKeyNamesTheClosestKnownOne() {
        assertThat(errors(HEAD + "closure: {crossTennant: copy}\n")).containsExactly(
                "ferry.yaml:8:11: closure.crossTennant: unknown key 'crossTennant'; did you mean 'crossTenant'?");
    }

    @Test
    void aBadPolicyListsTheChoices() {
        assertThat(errors(HEAD + """
                closure:
                  edges:
                    "ids.public.person(school_id)": nulify
                """)).containsExactly("ferry.yaml:10:37: closure.edges.\"ids.public.person(school_id)\": unknown policy "
                        + "'nulify'; choose one of follow, stop, nullify, parents-only (did you mean 'nullify'?)");
    }

    @Test
    void aWrongTypeSaysWhatWasExpected() {
        assertThat(errors(HEAD + "links: {from: a}\n"))
                .containsExactly("ferry.yaml:8:8: links: expected a list, found a mapping");
        assertThat(errors(HEAD + "closure: {tables: {ids.public.x: {limit: many}}}\n"))
                .containsExactly("ferry.yaml:8:42: closure.tables.\"ids.public.x\".limit: expected a whole number, "
                        + "found a text value");
    }

    @Test
    void driftRulesParseAndABadOneSaysWhatIsWrong() {
        assertThat(Specs.parse(HEAD + """
                validate:
                  drift:
                    - {column: ids.public.person.legacy, action: drop}
                    - {column: ids.public.person.region, action: default, value: "'north'"}
                """, URLS).drift()).extracting(r -> r.column() + " " + r.action().word() + " " + r.value())
                .containsExactly("legacy drop null", "region default 'north'");
        assertThat(errors(HEAD + """
                validate:
                  drift:
                    - {column: ids.public.person.legacy, action: dorp}
                    - {column: ids.public.person, action: drop}
                    - {column: ids.public.person.name, action: truncate, value: "x"}
                """)).containsExactly(
                "ferry.yaml:10:50: validate.drift[0].action: unknown drift action 'dorp'; choose one of drop, default, "
                        + "cast, truncate (did you mean 'drop'?)",
                "ferry.yaml:11:16: validate.drift[1].column: 'ids.public.person' is not store.schema.table.column; "
                        + "e.g. column: hcp1.public.course.legacy_code",
                "ferry.yaml:12:58: validate.drift[2].value: only action: default takes a value; remove value or write "
                        + "action: default");
    }

    @Test
    void aMissingKeyIsReportedAtItsMapping() {
        assertThat(errors(HEAD + "links:\n  - {from: \"a.b.c(x)\"}\n"))
                .containsExactly("ferry.yaml:9:5: links[0].to: missing required key 'to'");
    }

    @Test
    void aDuplicateKeyPointsAtTheFirst() {
        assertThat(errors(HEAD + "closure:\n  dangling: drop\n  dangling: fail\n"))
                .containsExactly("ferry.yaml:10:3: closure.dangling: duplicate key 'dangling'; the first is at line 9");
    }

    @Test
    void aLiteralPasswordIsRefusedWithoutEchoingIt() {
        String text = HEAD.replace("passwordEnv: PROD_IDS_PASSWORD", "password: hunter2");

        List<String> errors = errors(text);

        assertThat(errors).containsExactly("ferry.yaml:5:57: stores.ids.prod.password: a password is never written "
                + "in the spec; write passwordEnv: NAME, passwordFile: path or password: \"${key}\"");
        assertThat(String.join("\n", errors)).doesNotContain("hunter2");
    }

    @Test
    void anUnresolvablePlaceholderNamesTheKey() {
        assertThatThrownBy(() -> Specs.parse(HEAD, Map.of("prod.ids.url", "x")))
                .isInstanceOf(SpecException.class)
                .hasMessage("ferry.yaml:6:12: stores.ids.cert.url: '${cert.ids.url}' resolves neither from the "
                        + "environment nor from estate.properties; set it in the environment or add cert.ids.url=... "
                        + "to the estate.properties beside the spec");
    }

    @Test
    void everyErrorIsReportedNotJustTheFirst() {
        List<String> errors = errors(HEAD + """
                closure:
                  crossTenant: maybe
                  dangling: never
                approval: [beforeLunch]
                """);

        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).startsWith("ferry.yaml:9:16: closure.crossTenant: unknown crossTenant policy 'maybe'");
        assertThat(errors.get(2)).startsWith("ferry.yaml:11:12: approval[0]: unknown approval gate 'beforeLunch'");
    }

    @Test
    void brokenYamlIsOneErrorWithItsPosition() {
        assertThat(errors("version: 1\nstores: [a\n")).singleElement().asString().startsWith("ferry.yaml:3:1: not valid YAML");
    }

    @Test
    void aMalformedReferenceSaysWhichFormsExist() {
        assertThat(errors(HEAD + "links:\n  - {from: \"ids.person(x)\", to: \"ids.public.person(id)\"}\n"))
                .singleElement().asString().startsWith("ferry.yaml:9:12: links[0].from: 'ids.person(x)' is not a "
                        + "reference; write store.schema.table(column, ...)");
    }
}
