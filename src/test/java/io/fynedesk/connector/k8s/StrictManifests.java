package io.fynedesk.connector.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads Kubernetes YAML into fabric8's typed model and refuses what the model does not know: an
 * unknown kind, or any field the typed object does not carry (fabric8 would keep it quietly in
 * {@code additionalProperties}; a typo such as {@code readinesProbe} would then be ignored by the
 * cluster too). The check is a round trip: every field of the YAML must come back from the typed
 * object serialized without its additional properties.
 */
final class StrictManifests {

  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
  private static final ObjectMapper YAML = new YAMLMapper();

  /** Writes model objects without their additional properties, so they show up as missing. */
  private static final ObjectMapper TYPED_ONLY =
      new ObjectMapper()
          .setAnnotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnyGetter(Annotated a) {
                  return Boolean.FALSE;
                }
              });

  private StrictManifests() {}

  /** Every document of {@code yaml} as a typed object; throws naming each field the model lacks. */
  static List<HasMetadata> load(String yaml) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      Iterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class);
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        HasMetadata object = KUBERNETES.convertValue(doc, HasMetadata.class);
        String name = doc.path("kind").asText() + " " + doc.path("metadata").path("name").asText();
        if (object instanceof GenericKubernetesResource) {
          problems.add(
              name
                  + ": kind "
                  + doc.path("apiVersion").asText()
                  + "/"
                  + doc.path("kind").asText()
                  + " is not in the model");
        } else {
          missing(doc, TYPED_ONLY.valueToTree(object), "", name, problems);
        }
        objects.add(object);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Not valid Kubernetes objects:\n  " + String.join("\n  ", problems));
    }
    return objects;
  }

  /** Adds the path of each field of {@code source} that {@code typed} does not hold. */
  private static void missing(
      JsonNode source, JsonNode typed, String path, String name, List<String> problems) {
    if (source.isObject()) {
      for (Map.Entry<String, JsonNode> field : source.properties()) {
        String at = path + "." + field.getKey();
        JsonNode back = typed.get(field.getKey());
        if (back == null || back.isMissingNode()) {
          if (!field.getValue().isNull()) {
            problems.add(name + ": unknown or mistyped field " + at.substring(1));
          }
        } else {
          missing(field.getValue(), back, at, name, problems);
        }
      }
    } else if (source.isArray()) {
      for (int i = 0; i < source.size(); i++) {
        missing(source.get(i), typed.path(i), path + "[" + i + "]", name, problems);
      }
    } else if (!source.asText().equals(typed.asText())) {
      problems.add(
          name
              + ": "
              + path.substring(1)
              + " is '"
              + source.asText()
              + "' but the model read '"
              + typed.asText()
              + "'");
    }
  }
}
