package io.fynedesk.connector.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline validation that K8sManifestsTest relies on refuses what a cluster would not take. */
class StrictManifestsTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: demo }
      spec:
        replicas: 2
        selector: { matchLabels: { app: demo } }
        template:
          metadata: { labels: { app: demo } }
          spec:
            containers:
              - name: demo
                image: demo:1
                ports: [{ name: http, containerPort: 8080 }]
                resources: { limits: { memory: 512Mi, cpu: "1" } }
                %s: { httpGet: { path: /ready, port: http } }
      """;

  @Test
  void readsAValidDeploymentIntoTheTypedModel() throws Exception {
    List<HasMetadata> objects = StrictManifests.load(DEPLOYMENT.formatted("readinessProbe"));

    assertThat(objects).singleElement().isInstanceOf(Deployment.class);
    Deployment d = (Deployment) objects.get(0);
    assertThat(
            d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getReadinessProbe()
                .getHttpGet()
                .getPath())
        .isEqualTo("/ready");
  }

  @Test
  void refusesAMisspelledField() {
    assertThatThrownBy(() -> StrictManifests.load(DEPLOYMENT.formatted("readinesProbe")))
        .hasMessageContaining(
            "Deployment demo: unknown or mistyped field spec.template.spec.containers[0].readinesProbe");
  }

  @Test
  void refusesAFieldAtTheWrongLevel() {
    String yaml =
        DEPLOYMENT
            .formatted("readinessProbe")
            .replace("  replicas: 2", "  replicas: 2\n  containers: []");

    assertThatThrownBy(() -> StrictManifests.load(yaml))
        .hasMessageContaining("unknown or mistyped field spec.containers");
  }

  @Test
  void refusesAKindTheModelDoesNotKnow() {
    String yaml =
        "apiVersion: example.io/v1\nkind: Gadget\nmetadata: { name: g }\nspec: { size: 1 }\n";

    assertThatThrownBy(() -> StrictManifests.load(yaml))
        .hasMessageContaining("Gadget g: kind example.io/v1/Gadget is not in the model");
  }

  @Test
  void refusesAValueOfTheWrongType() {
    String yaml = DEPLOYMENT.formatted("readinessProbe").replace("replicas: 2", "replicas: two");

    assertThatThrownBy(() -> StrictManifests.load(yaml)).isInstanceOf(Exception.class);
  }
}
