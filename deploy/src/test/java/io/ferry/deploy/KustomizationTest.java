package io.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The overlays: what each changes, that they name only what the base has, and that kustomize agrees. */
class KustomizationTest {

    static final List<String> LAYOUTS = Manifests.LAYOUTS;

    @Test
    void devRunsOneReplicaOfEachService() {
        Manifests dev = Manifests.of("overlays/dev");
        assertThat(dev.all(Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
        assertThat(dev.custom("ScaledObject"))
                .allSatisfy(s -> assertThat(s.<Number>get("spec", "maxReplicaCount").intValue()).isEqualTo(1));
    }

    @Test
    void prodGivesEveryServiceAtLeastTheBasesResourcesAndScalesFurther() {
        Manifests base = Manifests.of("base");
        Manifests prod = Manifests.of("overlays/prod");
        for (String service : Manifests.SERVICES) {
            for (String resource : List.of("cpu", "memory")) {
                assertThat(Quantity.getAmountInBytes(limit(prod, service, resource)))
                        .as("%s %s", service, resource)
                        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(limit(base, service, resource)));
            }
        }
        assertThat(maxReplicas(prod, "anonymizer-service")).isGreaterThan(maxReplicas(base, "anonymizer-service"));
    }

    @Test
    void aPatchNamingAResourceTheBaseLacksFails(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [%s]
                patches:
                  - path: patch.yaml
                """.formatted(Manifests.deployDir().resolve("base")));
        Files.writeString(dir.resolve("patch.yaml"), """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: coordinator-service}
                spec: {maxReplicaCount: 2}
                """);
        assertThatThrownBy(() -> Kustomization.render(dir)).hasMessageContaining("ScaledObject/coordinator-service");
    }

    @Test
    void aKustomizeFeatureTheRendererDoesNotApplyFails(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nimages: [{name: x, newTag: '1'}]\n");
        assertThatThrownBy(() -> Kustomization.render(dir)).hasMessageContaining("images");
    }

    /** Where kubectl is installed, its kustomize renders every layout exactly as the tests' renderer does. */
    @ParameterizedTest
    @FieldSource("LAYOUTS")
    void kubectlKustomizeRendersTheSame(String layout) throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl is not installed");
        Process process = new ProcessBuilder("kubectl", "kustomize", Manifests.deployDir().resolve(layout).toString())
                .redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(err).isZero();
        Map<String, ObjectNode> kustomized = byId(ManifestFiles.parse(out));
        Map<String, ObjectNode> rendered = byId(Kustomization.render(Manifests.deployDir().resolve(layout)));
        assertThat(rendered.keySet()).isEqualTo(kustomized.keySet());
        kustomized.forEach((id, resource) -> assertThat(rendered.get(id)).as(id).isEqualTo(resource));
    }

    private static Map<String, ObjectNode> byId(List<ObjectNode> resources) {
        Map<String, ObjectNode> byId = new TreeMap<>();
        resources.forEach(r -> byId.put(ManifestFiles.id(r), r));
        return byId;
    }

    private static boolean kubectlAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Quantity limit(Manifests manifests, String service, String resource) {
        return manifests.deployment(service).getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getResources().getLimits().get(resource);
    }

    private static int maxReplicas(Manifests manifests, String service) {
        return manifests.custom("ScaledObject").stream()
                .filter(s -> s.getMetadata().getName().equals(service)).findFirst()
                .map(s -> s.<Number>get("spec", "maxReplicaCount").intValue()).orElseThrow();
    }
}
