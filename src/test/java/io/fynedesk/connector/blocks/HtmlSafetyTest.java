package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.safety.Cleaner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTML the engine emits is safe for FyneDesk to show to customers (jsoup Safelist, link
 * schemes).
 */
class HtmlSafetyTest {

  static final ObjectMapper JSON = new ObjectMapper();
  final BlockEngine engine = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);

  static JsonNode linkParagraph(String url) {
    ArrayNode blocks = JSON.createArrayNode();
    ObjectNode rt =
        blocks
            .addObject()
            .put("id", "b1")
            .put("type", "paragraph")
            .putObject("paragraph")
            .putArray("rich_text")
            .addObject()
            .put("type", "text")
            .put("plain_text", "click me");
    rt.putObject("text").put("content", "click me").putObject("link").put("url", url);
    rt.put("href", url);
    return blocks;
  }

  static void assertSafe(String html) {
    String lower = html.toLowerCase(Locale.ROOT);
    assertThat(lower)
        .doesNotContain("javascript")
        .doesNotContain("vbscript")
        .doesNotContain("data:text")
        .doesNotContain("<script")
        .doesNotContain("onerror")
        .doesNotContain("onclick");
    assertThat(
            new Cleaner(HtmlSafety.safelist())
                .isValid(Jsoup.parseBodyFragment(html, "https://relative.invalid/")))
        .as(html)
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "\u0000javascript:alert(1)",
        "javascript&colon;alert(1)",
        "&#106;avascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        " VBScript:msgbox(1)"
      })
  void notionLinkWithAnUnsafeSchemeLosesTheLinkButKeepsTheText(String url) {
    String html = engine.toHtml(engine.readNotion(linkParagraph(url))).content();
    assertThat(html).contains("click me").doesNotContain("<a");
    assertSafe(html);
    String viaConvert = engine.convert("notion", "html", linkParagraph(url)).content().asText();
    assertThat(viaConvert).contains("click me").doesNotContain("<a");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://x.test/a?b=1",
        "http://x.test",
        "mailto:ann@example.com",
        "/kb/12",
        "relative/page",
        "#anchor"
      })
  void safeLinksAreKept(String url) {
    String html = engine.toHtml(engine.readNotion(linkParagraph(url))).content();
    assertThat(html).contains("<a href=\"" + url + "\">click me</a>");
    assertSafe(html);
  }

  @Test
  void scriptEventHandlersAndUnsafeLinksInHtmlInputNeverComeBackOut() {
    String input =
        "<p>Hi<script>alert(1)</script> <img src=x onerror=alert(1)>"
            + "<a href=\"javascript:alert(2)\" onclick=\"alert(3)\">go</a> <a href=\"https://ok.test\">ok</a></p>"
            + "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\"><iframe src=\"javascript:alert(4)\"></iframe>";
    String html =
        engine.convert("html", "html", JSON.getNodeFactory().textNode(input)).content().asText();
    assertSafe(html);
    assertThat(html).contains("Hi").contains("go").contains("href=\"https://ok.test\"");
  }

  @Test
  void schemeIsReadAsABrowserWould() {
    assertThat(HtmlSafety.safeLink(" \n javascript:x")).isFalse();
    assertThat(HtmlSafety.safeLink("javascript&#58;x")).isFalse();
    assertThat(HtmlSafety.safeLink("MAILTO:a@b.test")).isTrue();
    assertThat(HtmlSafety.safeLink("/a:b")).isTrue();
    assertThat(HtmlSafety.safeSource("data:image/png;base64,AA")).isFalse();
    assertThat(HtmlSafety.safeSource("https://img.test/a.png")).isTrue();
  }

  @Test
  void cleanRemovesWhatTheSafelistForbids() {
    String dirty = "<p onclick=\"x()\">a<script>b()</script><a href=\"vbscript:x\">c</a></p>";
    String clean = HtmlSafety.clean(dirty);
    assertSafe(clean);
    assertThat(clean).contains("a").contains("c");
    String safe = "<p data-color=\"red\">a <a href=\"/kb\">b</a></p>";
    assertThat(HtmlSafety.clean(safe)).isEqualTo(safe);
  }
}
