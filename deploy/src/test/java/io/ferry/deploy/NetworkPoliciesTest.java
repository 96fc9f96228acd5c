package io.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The network policies allow what the pipeline needs and nothing else (DESIGN.md: the credentials are split). */
class NetworkPoliciesTest {

    private static final Set<Integer> DATABASE_PORTS = Set.of(5432, 7687);
    private static final String ANYWHERE = "anywhere";

    static Stream<Manifests> layouts() {
        return DeploymentsTest.layouts();
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void everyServiceDeniesByDefaultAndReachesKafkaAndDns(Manifests manifests) {
        for (Deployment deployment : manifests.all(Deployment.class)) {
            List<NetworkPolicy> policies = policiesOf(manifests, deployment);
            assertThat(policies).as(name(deployment)).anySatisfy(p -> {
                assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                assertThat(p.getSpec().getIngress()).isEmpty();
                assertThat(p.getSpec().getEgress()).isEmpty();
            });
            assertThat(egressPorts(policies)).as(name(deployment)).contains(53, 9092);
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void prodIsReachedOnlyByTheExtractorAndCertOnlyByTheValidatorAndLoader(Manifests manifests) {
        Map<String, Set<String>> reach = new java.util.TreeMap<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            reach.put(name(deployment), databaseDestinations(policiesOf(manifests, deployment)));
        }
        Set<String> prod = reach.get("extractor-service");
        Set<String> cert = reach.get("validator-service");
        Set<String> coordinatorDb = reach.get("coordinator-service");
        assertThat(reach.values()).as("database ports open to anywhere").noneMatch(d -> d.contains(ANYWHERE));
        assertThat(prod).isNotEmpty().doesNotContainAnyElementsOf(cert).doesNotContainAnyElementsOf(coordinatorDb);
        assertThat(cert).isNotEmpty().isEqualTo(reach.get("loader-service")).doesNotContainAnyElementsOf(coordinatorDb);
        assertThat(coordinatorDb).isNotEmpty();
        assertThat(reach.get("anonymizer-service")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void onlyTheCoordinatorsApiTakesTrafficFromAnyClient(Manifests manifests) {
        for (Deployment deployment : manifests.all(Deployment.class)) {
            List<NetworkPolicyIngressRule> rules = policiesOf(manifests, deployment).stream()
                    .flatMap(p -> p.getSpec().getIngress().stream()).toList();
            assertThat(rules).as(name(deployment)).allSatisfy(rule -> assertThat(rule.getPorts())
                    .extracting(port -> port.getPort().getIntVal()).containsExactly(8080));
            boolean open = rules.stream().anyMatch(rule -> rule.getFrom().isEmpty());
            assertThat(open).as("%s open to any client", name(deployment))
                    .isEqualTo(name(deployment).equals("coordinator-service"));
        }
    }

    private static Set<String> databaseDestinations(List<NetworkPolicy> policies) {
        Set<String> destinations = new TreeSet<>();
        for (NetworkPolicyEgressRule rule : egressRules(policies)) {
            boolean databasePort = rule.getPorts().isEmpty() || rule.getPorts().stream()
                    .map(NetworkPolicyPort::getPort).anyMatch(p -> DATABASE_PORTS.contains(p.getIntVal()));
            if (!databasePort) {
                continue;
            }
            if (rule.getTo().isEmpty()) {
                destinations.add(ANYWHERE);
            }
            for (NetworkPolicyPeer peer : rule.getTo()) {
                destinations.add(peer.getIpBlock() != null ? peer.getIpBlock().getCidr() : ANYWHERE);
            }
        }
        return destinations;
    }

    private static Set<Integer> egressPorts(List<NetworkPolicy> policies) {
        Set<Integer> ports = new TreeSet<>();
        egressRules(policies).forEach(rule -> rule.getPorts().forEach(p -> ports.add(p.getPort().getIntVal())));
        return ports;
    }

    private static List<NetworkPolicyEgressRule> egressRules(List<NetworkPolicy> policies) {
        return policies.stream().flatMap(p -> p.getSpec().getEgress().stream()).toList();
    }

    private static List<NetworkPolicy> policiesOf(Manifests manifests, Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return manifests.all(NetworkPolicy.class).stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), labels)).toList();
    }

    /** Label selector semantics for the operators deploy/ uses. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        boolean labelsMatch = selector.getMatchLabels() == null
                || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
        return labelsMatch && selector.getMatchExpressions().stream().allMatch(e -> matches(e, labels));
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        return switch (requirement.getOperator()) {
            case "In" -> requirement.getValues().contains(value);
            case "NotIn" -> !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown operator " + requirement.getOperator());
        };
    }

    private static String name(Deployment deployment) {
        return deployment.getMetadata().getName();
    }
}
