package io.fynedesk.connector.tools;

import static io.fynedesk.connector.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.support.Http.Answer;
import io.fynedesk.connector.support.TestJwt;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ConvertApiIT extends AbstractConnectorIT {

  static final String PATH = "/api/v1/tools/convert";
  static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void htmlBecomesNotionBlocksAndBack() {
    String jwt = TestJwt.admin(newOrg());
    Answer toNotion =
        http()
            .json(
                "POST",
                PATH,
                jwt,
                "{\"from\":\"html\",\"to\":\"notion\",\"content\":\"<h2>Reset</h2><ul><li>one<ul><li>two</li></ul></li></ul><p><b>bold</b> <a href=\\\"https://x.test\\\">link</a></p>\"}");
    assertThat(toNotion.status()).as(toNotion.body()).isEqualTo(200);
    JsonNode blocks = toNotion.json().get("content");
    assertThat(blocks.isArray()).isTrue();
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("heading_2");
    assertThat(blocks.get(1).get("type").asText()).isEqualTo("bulleted_list_item");
    assertThat(blocks.get(1).get("children").get(0).get("type").asText())
        .isEqualTo("bulleted_list_item");
    assertThat(toNotion.json().get("truncated").asBoolean()).isFalse();
    ObjectNode back = MAPPER.createObjectNode().put("from", "notion").put("to", "html");
    back.set("content", blocks);
    Answer html = http().json("POST", PATH, jwt, back.toString());
    assertThat(html.json().get("content").asText())
        .contains("<h2>Reset</h2>")
        .contains("<strong>bold</strong>")
        .contains("href=\"https://x.test\"");
  }

  @Test
  void convertedHtmlCarriesNoScriptHandlersOrUnsafeLinks() {
    String jwt = TestJwt.admin(newOrg());
    ObjectNode req =
        MAPPER
            .createObjectNode()
            .put("from", "html")
            .put("to", "html")
            .put(
                "content",
                "<p>Hi<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(2)\">go</a>"
                    + " <a href=\" JAVASCRIPT:alert(3)\">two</a> <a href=\"https://ok.test\">ok</a></p>");
    Answer html = http().json("POST", PATH, jwt, req.toString());
    assertThat(html.status()).as(html.body()).isEqualTo(200);
    String out = html.json().get("content").asText();
    assertThat(out.toLowerCase(Locale.ROOT))
        .doesNotContain("script")
        .doesNotContain("onerror")
        .doesNotContain("javascript");
    assertThat(out).contains("go").contains("href=\"https://ok.test\"");
    ArrayNode blocks = MAPPER.createArrayNode();
    ObjectNode rt =
        blocks
            .addObject()
            .put("type", "paragraph")
            .putObject("paragraph")
            .putArray("rich_text")
            .addObject()
            .put("type", "text")
            .put("plain_text", "click");
    rt.putObject("text")
        .put("content", "click")
        .putObject("link")
        .put("url", "javascript:alert(1)");
    ObjectNode fromNotion = MAPPER.createObjectNode().put("from", "notion").put("to", "html");
    fromNotion.set("content", blocks);
    Answer back = http().json("POST", PATH, jwt, fromNotion.toString());
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(back.json().get("content").asText())
        .contains("click")
        .doesNotContain("javascript")
        .doesNotContain("<a");
  }

  @Test
  void placeholdersAreReportedAsWarningsWithBlockIds() {
    String jwt = TestJwt.admin(newOrg());
    Answer a =
        http()
            .json(
                "POST",
                PATH,
                jwt,
                """
        {"from":"notion","to":"markdown","content":[
          {"id":"b1","type":"embed","embed":{"url":"https://video.test/x","caption":[]}},
          {"id":"b2","type":"paragraph","paragraph":{"rich_text":[{"type":"text","text":{"content":"hi"},"plain_text":"hi"}]}}]}
        """);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("content").asText()).contains("https://video.test/x").contains("hi");
    assertThat(a.json().get("warnings").findValuesAsText("blockId")).contains("b1");
    assertThat(a.json().get("warnings").findValuesAsText("type")).contains("placeholder");
  }

  @Test
  void maxBlocksTruncatesWithANotice() {
    ArrayNode many = MAPPER.createArrayNode();
    for (int i = 0; i < 20_050; i++) {
      many.addObject().put("type", "divider").putObject("divider");
    }
    ObjectNode req = MAPPER.createObjectNode().put("from", "notion").put("to", "markdown");
    req.set("content", many);
    Answer a = http().json("POST", PATH, TestJwt.admin(newOrg()), req.toString());
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("truncated").asBoolean()).isTrue();
    assertThat(a.json().get("warnings").findValuesAsText("type")).contains("truncated");
  }

  @Test
  void deeplyNestedContentAnswersWithANestingWarningNotAServerError() {
    String jwt = TestJwt.admin(newOrg());
    for (String to : new String[] {"notion", "html", "markdown"}) {
      ObjectNode req = MAPPER.createObjectNode().put("from", "html").put("to", to);
      req.put("content", "<ul><li>".repeat(5_000) + "innermost");
      Answer a = http().json("POST", PATH, jwt, req.toString());
      assertThat(a.status()).as(to + ": " + a.body()).isEqualTo(200);
      assertThat(a.json().get("content").toString()).as(to).contains("innermost");
      assertThat(a.json().get("warnings").findValuesAsText("message"))
          .as(to)
          .anyMatch(m -> m.contains("nested more than 64 levels"));
    }
    ArrayNode blocks = MAPPER.createArrayNode();
    ArrayNode children = blocks;
    for (int i = 0; i < 400; i++) {
      ObjectNode b = children.addObject().put("type", "paragraph");
      b.putObject("paragraph")
          .putArray("rich_text")
          .addObject()
          .putObject("text")
          .put("content", i == 399 ? "innermost" : "p" + i);
      children = b.putArray("children");
    }
    ObjectNode fromNotion = MAPPER.createObjectNode().put("from", "notion").put("to", "notion");
    fromNotion.set("content", blocks);
    Answer a = http().json("POST", PATH, jwt, fromNotion.toString());
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("content").toString()).contains("innermost");
    assertThat(a.json().get("warnings").findValuesAsText("type")).contains("flattened");
    // Deeper than Jackson parses (1000 levels): a clear 400, not a 500.
    String tooDeep =
        "{\"from\":\"notion\",\"to\":\"html\",\"content\":"
            + "[{\"type\":\"paragraph\",\"children\":".repeat(2_000)
            + "[]"
            + "}]".repeat(2_000)
            + "}";
    assertProblem(http().json("POST", PATH, jwt, tooDeep), 400, "malformed");
  }

  @Test
  void badInputIsAClearProblem() {
    String jwt = TestJwt.admin(newOrg());
    assertProblem(
        http().json("POST", PATH, jwt, "{\"from\":\"pdf\",\"to\":\"html\",\"content\":\"x\"}"),
        400,
        "validation_failed");
    assertProblem(
        http()
            .json(
                "POST",
                PATH,
                jwt,
                "{\"from\":\"notion\",\"to\":\"html\",\"content\":\"not an array\"}"),
        400,
        "validation_failed");
    assertProblem(
        http().json("POST", PATH, jwt, "{\"from\":\"html\",\"to\":\"notion\"}"),
        400,
        "validation_failed");
    assertProblem(
        http()
            .json(
                "POST",
                PATH,
                jwt,
                "{\"from\":\"notion\",\"to\":\"html\",\"content\":[{\"type\":42}]}"),
        400,
        "validation_failed");
    assertProblem(http().json("POST", PATH, jwt, "nope"), 400, "malformed");
    assertProblem(http().json("POST", PATH, null, "{}"), 401, "unauthorized");
    assertProblem(http().json("POST", PATH, TestJwt.agent(newOrg()), "{}"), 403, "admin_required");
    String big =
        "{\"from\":\"html\",\"to\":\"notion\",\"content\":\""
            + "a".repeat(2 * 1024 * 1024 + 10)
            + "\"}";
    assertProblem(http().json("POST", PATH, jwt, big), 413, "payload_too_large");
  }
}
