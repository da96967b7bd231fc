package io.fynedesk.connector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.support.Http.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorAccessIT extends AbstractConnectorIT {

  static Map<String, String> operator(String password) {
    return Map.of(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("operator:" + password).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void healthIsUpForAnonymousProbesWithDatabaseDetailsForOperators() {
    Answer anonymous = http().get("/actuator/health", null);
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.json().get("status").asText()).isEqualTo("UP");
    assertThat(anonymous.json().has("components")).isFalse();
    Answer op = http().send("GET", "/actuator/health", null, operator("test-operator-password"));
    assertThat(op.json().at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(http().get("/actuator/health/readiness", null).status()).isEqualTo(200);
  }

  @Test
  void hawtioAndJolokiaRefuseAnonymousAndWrongPassword() {
    for (String path :
        new String[] {
          "/actuator/hawtio/", "/actuator/jolokia", "/actuator/metrics", "/actuator/camelroutes"
        }) {
      Answer anonymous = http().get(path, null);
      assertThat(anonymous.status()).as(path).isEqualTo(401);
      assertThat(anonymous.json().get("code").asText()).isEqualTo("unauthorized");
      assertThat(http().send("GET", path, null, operator("wrong")).status())
          .as(path)
          .isEqualTo(401);
    }
  }

  @Test
  void operatorSeesHawtioAndRoutesByIdThroughJolokia() {
    Answer hawtio =
        http().send("GET", "/actuator/hawtio/", null, operator("test-operator-password"));
    assertThat(hawtio.status()).isEqualTo(200);
    assertThat(hawtio.body()).containsIgnoringCase("hawtio");
    Answer routes =
        http()
            .send(
                "POST",
                "/actuator/jolokia",
                "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}"
                    .getBytes(StandardCharsets.UTF_8),
                Map.of(
                    "Authorization",
                    operator("test-operator-password").get("Authorization"),
                    "Content-Type",
                    "application/json"));
    assertThat(routes.status()).isEqualTo(200);
    assertThat(routes.body())
        .contains("name=\\\"events-intake\\\"")
        .contains("name=\\\"inbox-work\\\"");
  }

  @Test
  void openApiDocumentIsServedAnonymously() {
    Answer doc = http().get("/openapi.yaml", null);
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.contentType()).startsWith("application/yaml");
    assertThat(doc.body())
        .contains("\nopenapi: 3.0.3")
        .contains("/api/v1/events:")
        .contains("/api/v1/tools/convert:");
  }
}
