package io.fynedesk.connector.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.support.Http;
import io.fynedesk.connector.support.TestJwt;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The page's files over real HTTP: anonymous, locked down by CSP, and the API still needs a JWT.
 */
class ConnectionPageHttpIT extends AbstractConnectorIT {

  @Test
  void thePageIsServedWithoutAuthWithItsContentSecurityPolicyAndMayBeFramed() {
    Http.Answer page = http().get("/ui/notion", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    String csp = page.header("Content-Security-Policy");
    assertThat(csp)
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
        .contains("frame-ancestors 'self'")
        .doesNotContain("unsafe-inline");
    // Framing is governed by frame-ancestors; Spring Security's X-Frame-Options: DENY would
    // stop FyneDesk from embedding the page.
    assertThat(page.header("X-Frame-Options")).isNull();
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
  }

  @Test
  void theHtmlHasNoInlineScriptStyleOrEventHandler() {
    Document html = Jsoup.parse(http().get("/ui/notion", null).body());
    for (Element script : html.select("script")) {
      assertThat(script.attr("src")).as("script src").isNotBlank();
      assertThat(script.data()).as("inline script").isBlank();
    }
    assertThat(html.select("style")).isEmpty();
    for (Element e : html.getAllElements()) {
      for (Attribute a : e.attributes()) {
        assertThat(a.getKey()).as(e.tagName() + " attribute").doesNotStartWith("on");
        assertThat(a.getKey()).as(e.tagName() + " attribute").isNotEqualTo("style");
        assertThat(a.getValue()).as(e.tagName() + " " + a.getKey()).doesNotContain("javascript:");
      }
    }
    assertThat(html.select("script[src], link[href]"))
        .allSatisfy(e -> assertThat(e.attr("src") + e.attr("href")).doesNotContain("//"));
  }

  @Test
  void itsScriptAndStyleAreServedWithTheirTypes() {
    Http.Answer js = http().get("/ui/notion/page.js", null);
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.contentType()).startsWith("text/javascript");
    assertThat(js.body())
        .contains("Authorization", "Bearer ")
        .doesNotContain(
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "localStorage");
    Http.Answer css = http().get("/ui/notion/page.css", null);
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.contentType()).startsWith("text/css");
    assertThat(http().get("/ui/notion/other.js", null).status()).isEqualTo(404);
  }

  @Test
  void everyApiCallOfThePageStillNeedsTheAdminJwt() {
    String org = newOrg();
    assertThat(http().get("/api/v1/connections/notion", null).status()).isEqualTo(401);
    assertThat(http().get("/api/v1/connections/notion/failures", null).status()).isEqualTo(401);
    assertThat(
            http()
                .send("PATCH", "/api/v1/connections/notion/settings", "{}".getBytes(), Map.of())
                .status())
        .isEqualTo(401);
    assertThat(http().get("/api/v1/connections/notion", TestJwt.agent(org)).status())
        .isEqualTo(403);
    assertThat(http().get("/api/v1/connections/notion", TestJwt.admin(org)).status())
        .isEqualTo(200);
  }
}
