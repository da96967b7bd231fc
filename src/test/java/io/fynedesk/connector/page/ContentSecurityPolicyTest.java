package io.fynedesk.connector.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTest {

  @Test
  void allowsOnlyOwnFilesAndFramingBySelfWithoutSettingsUrl() {
    String policy = ContentSecurityPolicy.header(null, List.of());
    assertThat(policy)
        .contains("default-src 'none'", "script-src 'self'", "style-src 'self'")
        .contains("connect-src 'self'", "base-uri 'none'")
        .endsWith("frame-ancestors 'self'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "*");
  }

  @Test
  void fyneDeskSettingsOriginAndConfiguredOriginsMayFrameThePage() {
    String policy =
        ContentSecurityPolicy.header(
            "https://Acme.FyneDesk.io:8443/settings/connections/notion?x=1",
            List.of("https://admin.fynedesk.io", " http://localhost:3000 "));
    assertThat(policy)
        .endsWith(
            "frame-ancestors 'self' https://acme.fynedesk.io:8443 https://admin.fynedesk.io"
                + " http://localhost:3000");
  }

  @Test
  void aValueThatIsNotAnOriginStopsTheStartInsteadOfInjectingDirectives() {
    assertThatThrownBy(
            () -> ContentSecurityPolicy.header(null, List.of("https://a.io; script-src *")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("connector.page.frame-ancestors");
    assertThatThrownBy(() -> ContentSecurityPolicy.header(null, List.of("*")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSettingsUrlThatIsNoAbsoluteUrlAddsNoAncestor() {
    assertThat(ContentSecurityPolicy.header("/relative/settings", List.of()))
        .endsWith("frame-ancestors 'self'");
    assertThat(ContentSecurityPolicy.header("ftp://files.example/x", List.of()))
        .endsWith("frame-ancestors 'self'");
  }
}
