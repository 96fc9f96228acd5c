package io.ferry.schema.analysis;

import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.model.EstateSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ferry analyze} writes: {@code schema-analysis.json}, {@code dependency-graph.dot},
 * {@code extraction-order.json} and {@code README.md}. {@link #render} is pure; {@link #run} only
 * adds the writing, so the CLI needs nothing else.
 */
public final class SchemaAnalysis {

    public static final String ANALYSIS_JSON = "schema-analysis.json";
    public static final String GRAPH_DOT = "dependency-graph.dot";
    public static final String ORDER_JSON = "extraction-order.json";
    public static final String README = "README.md";

    private SchemaAnalysis() {
    }

    /** File name to content, in the order above. */
    public static Map<String, String> render(DependencyGraph graph) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(ANALYSIS_JSON, AnalysisJson.schemaAnalysis(graph));
        files.put(GRAPH_DOT, DependencyDot.render(graph));
        files.put(ORDER_JSON, AnalysisJson.extractionOrder(graph));
        files.put(README, AnalysisReadme.render(graph));
        return files;
    }

    /** Builds the graph, renders and writes the four files into {@code outDir} (created if missing). */
    public static List<Path> run(EstateSchema schema, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : render(DependencyGraph.of(schema)).entrySet()) {
            written.add(Files.writeString(outDir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8));
        }
        return written;
    }
}
