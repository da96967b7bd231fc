package io.fynedesk.connector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

class ProblemTest {

  // Built the way Spring Boot builds the application's mapper (it registers the ProblemDetail
  // mixin).
  private final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json().build();

  @Test
  void problemIsWrittenAsTheContractsSixMembersInOrder() throws Exception {
    String json = mapper.writeValueAsString(Problem.of(409, "not_connected", "Reconnect Notion."));

    assertThat(json)
        .isEqualTo(
            "{\"type\":\"https://fynedesk.io/problems/not-connected\","
                + "\"title\":\"Notion is not connected\",\"status\":409,\"detail\":\"Reconnect Notion.\","
                + "\"code\":\"not_connected\"}");
  }

  @Test
  void validationProblemCarriesItsFieldErrors() throws Exception {
    String json =
        mapper.writeValueAsString(
            Problem.validation(
                List.of(new Problem.FieldError("ticketHandoff.triggers[0]", "unknown trigger"))));

    assertThat(json)
        .isEqualTo(
            "{\"type\":\"https://fynedesk.io/problems/validation-failed\","
                + "\"title\":\"Validation failed\",\"status\":400,"
                + "\"detail\":\"ticketHandoff.triggers[0]: unknown trigger\",\"code\":\"validation_failed\","
                + "\"errors\":[{\"field\":\"ticketHandoff.triggers[0]\",\"message\":\"unknown trigger\"}]}");
  }
}
