package io.ferry.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;

/**
 * One layout of deploy/ (the base or an overlay) rendered and read into fabric8's model: Kubernetes' own kinds typed,
 * Strimzi's, KEDA's and the Prometheus Operator's as {@link GenericKubernetesResource}.
 */
record Manifests(String layout, List<HasMetadata> resources) {

    static final List<String> LAYOUTS = List.of("base", "overlays/dev", "overlays/prod");
    static final List<String> SERVICES = List.of("extractor-service", "anonymizer-service", "validator-service",
            "loader-service", "coordinator-service");
    static final List<String> PHASE_SERVICES = SERVICES.subList(0, 4);

    static Path repoRoot() {
        return Path.of(System.getProperty("ferry.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path deployDir() {
        return repoRoot().resolve("deploy");
    }

    static Manifests of(String layout) {
        return new Manifests(layout, Kustomization.render(deployDir().resolve(layout)).stream()
                .map(Manifests::typed).toList());
    }

    static HasMetadata typed(ObjectNode resource) {
        try {
            return (HasMetadata) ManifestFiles.YAML.treeToValue(resource, KubernetesResource.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a Kubernetes resource: " + ManifestFiles.id(resource), e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    Deployment deployment(String name) {
        return all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(layout + " has no Deployment " + name));
    }

    @Override
    public String toString() {
        return layout;
    }
}
