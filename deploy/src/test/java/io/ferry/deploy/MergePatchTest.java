package io.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    @Test
    void mergesObjectsKeyByKeyAndNamedListsByName() {
        ObjectNode target = yaml("""
                spec:
                  replicas: 2
                  containers:
                    - name: a
                      image: a:1
                      env: [{name: X, value: "1"}]
                    - name: b
                      image: b:1
                """);
        MergePatch.apply(target, yaml("""
                spec:
                  containers:
                    - name: b
                      image: b:2
                    - name: a
                      env: [{name: Y, value: "2"}]
                """));

        assertThat(target).isEqualTo(yaml("""
                spec:
                  replicas: 2
                  containers:
                    - name: a
                      image: a:1
                      env: [{name: Y, value: "2"}, {name: X, value: "1"}]
                    - name: b
                      image: b:2
                """));
    }

    @Test
    void replacesOtherListsAndDeletesWithNull() {
        ObjectNode target = yaml("spec: {ports: [80, 443], paused: true, replicas: 1}");
        MergePatch.apply(target, yaml("spec: {ports: [8080], paused: null}"));

        assertThat(target).isEqualTo(yaml("spec: {ports: [8080], replicas: 1}"));
    }

    private static ObjectNode yaml(String text) {
        return ManifestFiles.parse(text).getFirst();
    }
}
