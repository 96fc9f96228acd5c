package io.ferry.coordinator.reports;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The run report as one self-contained HTML page, from a Qute template that escapes every value (names of
 * stores and tables, audit lines) for HTML.
 */
public final class HtmlReport {

    private static final Template TEMPLATE = template();

    private HtmlReport() {
    }

    public static String render(RunReport report) {
        return TEMPLATE.data("r", report).data("summary", ExecutiveSummary.of(report)).render();
    }

    private static Template template() {
        Engine engine = Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML))).build();
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.html")) {
            return engine.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Variant.forContentType(
                    Variant.TEXT_HTML));
        } catch (IOException e) {
            throw new UncheckedIOException("the report template is part of the coordinator", e);
        }
    }
}
