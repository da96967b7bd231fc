package io.fynedesk.connector.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts the contract's problem+json error shape. */
public final class ProblemAssert {

  private ProblemAssert() {}

  /** The answer is a problem+json of this status and stable code, with no stack trace. */
  public static void assertProblem(Http.Answer a, int status, String code) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.contentType()).startsWith("application/problem+json");
    assertThat(a.json().get("code").asText()).isEqualTo(code);
    assertThat(a.json().get("status").asInt()).isEqualTo(status);
    assertThat(a.json().has("title")).isTrue();
    assertThat(a.json().has("type")).isTrue();
    assertThat(a.body()).doesNotContain("Exception").doesNotContain("at io.");
  }
}
