package io.fynedesk.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.fynedesk.FyneDeskProperties;
import io.fynedesk.connector.notion.NotionOAuth;
import io.fynedesk.connector.notion.NotionProperties;
import io.fynedesk.connector.web.ProblemException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** OAuth connect's pieces that need no Notion: the unconfigured app, the authorize URL. */
class OAuthConnectTest {

  static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private static NotionOAuth oauth(NotionProperties.OAuth app) throws Exception {
    DefaultCamelContext camel = new DefaultCamelContext();
    camel.start();
    return new NotionOAuth(
        new NotionProperties(
            new NotionProperties.Api("http://127.0.0.1:1", "2025-09-03"),
            new NotionProperties.RateLimit(3),
            app,
            new NotionProperties.Webhook(null)),
        new ObjectMapper(),
        camel);
  }

  @Test
  void withoutTheAppAuthorizeIs409OauthNotConfigured() throws Exception {
    for (NotionProperties.OAuth app :
        new NotionProperties.OAuth[] {
          new NotionProperties.OAuth(null, null, null, "https://api.notion.com/v1/oauth/authorize"),
          new NotionProperties.OAuth("id", " ", null, "https://api.notion.com/v1/oauth/authorize")
        }) {
      OAuthConnect connect =
          new OAuthConnect(oauth(app), null, new TokenVault(KEY), null, settings());
      assertThatThrownBy(() -> connect.authorize("org_1"))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.problem().status()).isEqualTo(409);
                assertThat(e.problem().code()).isEqualTo("oauth_not_configured");
              });
    }
  }

  @Test
  void authorizeUrlCarriesWhatNotionNeedsEncoded() throws Exception {
    NotionOAuth oauth =
        oauth(
            new NotionProperties.OAuth(
                "client id&x",
                "secret",
                "https://c.test/oauth/notion/callback?a=1",
                "https://api.notion.com/v1/oauth/authorize"));
    URI url = URI.create(oauth.authorizeUrl("n.sig/+="));
    assertThat(url.getHost()).isEqualTo("api.notion.com");
    String q = URLDecoder.decode(url.getRawQuery(), StandardCharsets.UTF_8);
    assertThat(url.getRawQuery())
        .contains("client_id=client+id%26x")
        .contains("response_type=code")
        .contains("owner=user")
        .contains("redirect_uri=https%3A%2F%2Fc.test%2Foauth%2Fnotion%2Fcallback%3Fa%3D1")
        .contains("state=n.sig%2F%2B%3D");
    assertThat(q).contains("state=n.sig/+=");
  }

  @Test
  void stateSignaturesArePerPurposeAndData() {
    TokenVault vault = new TokenVault(KEY);
    String sig = vault.sign("oauth-state", "nonce|org_a");
    assertThat(vault.verify("oauth-state", "nonce|org_a", sig)).isTrue();
    assertThat(vault.verify("oauth-state", "nonce|org_b", sig)).isFalse();
    assertThat(vault.verify("other", "nonce|org_a", sig)).isFalse();
    assertThat(vault.verify("oauth-state", "nonce|org_a", null)).isFalse();
  }

  private static FyneDeskProperties settings() {
    return new FyneDeskProperties(null, null, "https://fynedesk.test/settings");
  }
}
