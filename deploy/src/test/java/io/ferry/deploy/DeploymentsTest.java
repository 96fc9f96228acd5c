package io.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every service's Deployment must say, in the base and in every overlay. */
class DeploymentsTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|key).*");

    /** Which Deployments may reference which Secret (DESIGN.md: the credentials are split). */
    private static final Map<String, Set<String>> SECRET_HOLDERS = Map.of(
            "ferry-prod", Set.of("extractor-service"),
            "ferry-cert", Set.of("validator-service", "loader-service"),
            "ferry-keys", Set.of("extractor-service", "anonymizer-service"),
            "ferry-anonymization-key", Set.of("anonymizer-service"),
            "ferry-coordinator-db", Set.of("coordinator-service"));

    static Stream<Manifests> layouts() {
        return Manifests.LAYOUTS.stream().map(Manifests::of);
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void everyServiceHasADeploymentAServiceAndADisruptionBudget(Manifests manifests) {
        assertThat(manifests.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
        assertThat(manifests.all(Service.class)).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(manifests.all(PodDisruptionBudget.class))
                    .as("a PodDisruptionBudget selecting %s", deployment.getMetadata().getName())
                    .anySatisfy(pdb -> assertThat(podLabels)
                            .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels()));
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void everyContainerHasHealthProbesAndBoundedResources(Manifests manifests) {
        for (Container container : containers(manifests)) {
            for (Probe probe : List.of(container.getLivenessProbe(), container.getReadinessProbe())) {
                assertThat(probe).as("%s probes", container.getName()).isNotNull();
                assertThat(probe.getHttpGet().getPath()).startsWith("/q/health/");
            }
            var resources = container.getResources();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = resources.getRequests().get(resource);
                Quantity limit = resources.getLimits().get(resource);
                assertThat(request).as("%s %s request", container.getName(), resource).isNotNull();
                assertThat(limit).as("%s %s limit", container.getName(), resource).isNotNull();
                assertThat(Quantity.getAmountInBytes(limit)).isGreaterThanOrEqualTo(Quantity.getAmountInBytes(request));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void theRootFilesystemIsReadOnlyAndOnlyTmpAndStagingAreWritable(Manifests manifests) {
        for (Deployment deployment : manifests.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            for (Container container : pod.getContainers()) {
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                Set<String> writable = new TreeSet<>();
                for (VolumeMount mount : container.getVolumeMounts()) {
                    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                            .findFirst().orElseThrow();
                    if (!Boolean.TRUE.equals(mount.getReadOnly())) {
                        assertThat(volume.getEmptyDir() != null || volume.getPersistentVolumeClaim() != null)
                                .as("%s writes to %s, which is neither an emptyDir nor the staging claim",
                                        container.getName(), mount.getMountPath()).isTrue();
                        writable.add(mount.getMountPath());
                    }
                }
                assertThat(writable).containsExactlyInAnyOrder("/tmp", "/var/lib/ferry/staging");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void secretsArePassedByReferenceOnly(Manifests manifests) {
        assertThat(manifests.all(Secret.class)).as("Secrets are the operator's to create").isEmpty();
        for (Container container : containers(manifests)) {
            for (EnvVar env : container.getEnv()) {
                if (SECRET_NAME.matcher(env.getName()).matches()) {
                    assertThat(env.getValue()).as("%s's %s is a literal", container.getName(), env.getName()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void eachSecretIsReferencedOnlyByTheServicesThatNeedIt(Manifests manifests) {
        Map<String, Set<String>> holders = new TreeMap<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            secretsOf(deployment.getSpec().getTemplate().getSpec())
                    .forEach(secret -> holders.computeIfAbsent(secret, s -> new TreeSet<>()).add(name));
        }
        assertThat(holders).isEqualTo(new TreeMap<>(SECRET_HOLDERS));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void theGracePeriodCoversTheShutdownWaitForRecordsInProgress(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            ServiceProperties properties = ServiceProperties.of(service);
            long longestWaitMs = properties.incomingChannels().stream()
                    .map(channel -> properties.channel(channel, "auto.commit.interval.ms").orElse("5000"))
                    .mapToLong(Long::parseLong).max().orElse(0);
            long graceSeconds = manifests.deployment(service).getSpec().getTemplate().getSpec()
                    .getTerminationGracePeriodSeconds();
            assertThat(graceSeconds * 1000).as("%s's grace period", service).isGreaterThan(longestWaitMs);
        }
    }

    private static List<Container> containers(Manifests manifests) {
        return manifests.all(Deployment.class).stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()).toList();
    }

    private static Set<String> secretsOf(PodSpec pod) {
        Set<String> secrets = new TreeSet<>();
        for (Container container : pod.getContainers()) {
            container.getEnv().stream()
                    .map(EnvVar::getValueFrom).filter(Objects::nonNull)
                    .map(from -> from.getSecretKeyRef()).filter(Objects::nonNull)
                    .forEach(ref -> secrets.add(ref.getName()));
            container.getEnvFrom().stream()
                    .map(EnvFromSource::getSecretRef).filter(Objects::nonNull)
                    .forEach(ref -> secrets.add(ref.getName()));
        }
        pod.getVolumes().stream().map(Volume::getSecret).filter(Objects::nonNull)
                .forEach(secret -> secrets.add(secret.getSecretName()));
        return secrets;
    }
}
