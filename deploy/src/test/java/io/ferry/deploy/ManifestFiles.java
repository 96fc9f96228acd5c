package io.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Multi-document YAML files as Jackson trees (empty documents, e.g. one holding only comments, left out). */
final class ManifestFiles {

    static final ObjectMapper YAML = new YAMLMapper();

    private ManifestFiles() {
    }

    static List<ObjectNode> read(Path file) {
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return documents.readAll().stream()
                    .filter(JsonNode::isObject)
                    .map(ObjectNode.class::cast)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<ObjectNode> parse(String yaml) {
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            return documents.readAll().stream().filter(JsonNode::isObject).map(ObjectNode.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code Kind/name}: how kustomize tells resources apart within one namespace. */
    static String id(JsonNode resource) {
        return resource.path("kind").asText() + "/" + resource.path("metadata").path("name").asText();
    }
}
