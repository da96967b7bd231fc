package io.fynedesk.connector.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Notion limits requests per integration token: integrations given one token share one budget key
 * (so one 429 gate and one rate), and the key does not carry the token.
 */
class KnowledgeCredentialsTest {

  @Test
  void oneTokenIsOneBudgetWhateverIntegrationHoldsIt() {
    String a = KnowledgeCredentials.budgetKey("secret_shared_by_two_integrations");
    String b = KnowledgeCredentials.budgetKey("secret_shared_by_two_integrations");
    String other = KnowledgeCredentials.budgetKey("secret_of_another_integration");
    assertThat(a).isEqualTo(b).isNotEqualTo(other).startsWith("integration-token:");
    assertThat(a).doesNotContain("secret").hasSize("integration-token:".length() + 24);
  }
}
