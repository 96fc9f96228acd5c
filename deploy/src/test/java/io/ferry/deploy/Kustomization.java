package io.ferry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization as {@code kubectl kustomize} would, for the fields deploy/ uses: {@code resources} (files
 * and other kustomizations), {@code patches} by path (each document patches the resource of its kind and name),
 * {@code replicas} and {@code namespace}. Any other field fails, so a new kustomize feature in deploy/ is noticed
 * here rather than left unchecked; so does a patch or replica count naming a resource the base does not have.
 */
final class Kustomization {

    private static final Set<String> APPLIED = Set.of("apiVersion", "kind", "resources", "patches", "replicas", "namespace");

    private Kustomization() {
    }

    static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        ObjectNode kustomization = ManifestFiles.read(file).getFirst();
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!APPLIED.contains(field)) {
                throw new IllegalArgumentException(file + " uses " + field + ", which this renderer does not apply");
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            resources.addAll(Files.isDirectory(path) ? render(path) : ManifestFiles.read(path));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            if (patch.size() != 1 || !patch.has("path")) {
                throw new IllegalArgumentException(file + ": only patches given by path are applied, not " + patch);
            }
            for (ObjectNode document : ManifestFiles.read(dir.resolve(patch.get("path").asText()))) {
                MergePatch.apply(find(resources, ManifestFiles.id(document), file), document);
            }
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            ObjectNode deployment = find(resources, "Deployment/" + replicas.get("name").asText(), file);
            ((ObjectNode) deployment.get("spec")).put("replicas", replicas.get("count").asInt());
        }
        if (kustomization.has("namespace")) {
            resources.forEach(r -> ((ObjectNode) r.get("metadata")).put("namespace", kustomization.get("namespace").asText()));
        }
        return resources;
    }

    private static ObjectNode find(List<ObjectNode> resources, String id, Path file) {
        return resources.stream().filter(r -> ManifestFiles.id(r).equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " names " + id + ", which its resources do not have"));
    }
}
