package io.fynedesk.connector.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http.Answer;
import io.fynedesk.connector.support.TicketEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Intake against bad bytes and mistyped fields, and a seeded fuzz run of mutated envelopes over
 * real HTTP.
 */
class EventIntakeFuzzIT extends AbstractConnectorIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final long SEED = Long.getLong("fuzz.seed", 20261201L);
  static final int ROUNDS = Integer.getInteger("fuzz.rounds", 300);

  @Autowired JdbcTemplate jdbc;

  Answer post(byte[] body) {
    return http()
        .send(
            "POST",
            "/api/v1/events",
            body,
            Map.of(
                "Content-Type",
                "application/json",
                "X-FyneDesk-Signature",
                Hmac.sign(TicketEvents.SECRET, body)));
  }

  int rows() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event", Integer.class);
  }

  int stored(String id) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM inbox_event WHERE id = ?", Integer.class, id);
  }

  static ObjectNode ticketEnvelope(String id, String org) {
    try {
      return (ObjectNode)
          JSON.readTree(
              TicketEvents.envelope(
                  id,
                  "ticket.created",
                  org,
                  TicketEvents.ticketJson("T-" + id, "Printer on fire", "high", "new", "bug"),
                  null));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode articleEnvelope(String id, String org) {
    ObjectNode e =
        JSON.createObjectNode()
            .put("id", id)
            .put("type", "article.published")
            .put("organizationId", org)
            .put("occurredAt", "2026-11-21T10:00:00Z");
    e.putObject("data")
        .putObject("article")
        .put("id", "A-1")
        .put("title", "Reset a printer")
        .put("bodyHtml", "<p>Hold the button.</p>")
        .put("locale", "en")
        .put("url", "https://acme.fynedesk.io/kb/1")
        .put("updatedAt", "2026-11-21T10:00:00.5+02:00");
    return e;
  }

  @Test
  void invalidUtf8IsMalformedAndStoresNothing() {
    String id = "evt_utf8_" + System.nanoTime();
    byte[] ok = ticketEnvelope(id, newOrg()).toString().getBytes(StandardCharsets.UTF_8);
    String text = new String(ok, StandardCharsets.UTF_8);
    int at = text.indexOf("Printer on fire");
    byte[] bad = Arrays.copyOf(ok, ok.length);
    bad[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte
    bad[at + 2] = (byte) 0xFF; // never valid in UTF-8
    Answer a = post(bad);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.contentType()).startsWith("application/problem+json");
    assertThat(a.json().get("code").asText()).isEqualTo("malformed");
    assertThat(stored(id)).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "number",
        "subject",
        "description",
        "status",
        "priority",
        "tags",
        "category",
        "requester",
        "assignee",
        "url",
        "createdAt",
        "updatedAt"
      })
  void everyTicketFieldOfTheWrongTypeIsValidationFailedNamingIt(String field) {
    String id = "evt_type_" + field + "_" + System.nanoTime();
    ObjectNode e = ticketEnvelope(id, newOrg());
    ObjectNode t = (ObjectNode) e.get("data").get("ticket");
    switch (field) {
      case "number" -> t.put("number", "7");
      case "tags" -> t.putArray("tags").add(1);
      case "requester" -> t.putObject("requester").put("name", "Ann").put("email", 5);
      case "assignee" -> t.put("assignee", "Alice");
      case "createdAt", "updatedAt" -> t.put(field, "21/11/2026");
      case "status", "priority" -> t.put(field, 3);
      default -> t.put(field, 12);
    }
    Answer a = post(e.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(a.json().get("code").asText()).isEqualTo("validation_failed");
    assertThat(a.json().get("errors").get(0).get("field").asText())
        .startsWith("data.ticket." + field);
    assertThat(stored(id)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "title", "bodyHtml", "locale", "url", "updatedAt"})
  void everyArticleFieldOfTheWrongTypeIsValidationFailedNamingIt(String field) {
    String id = "evt_art_" + field + "_" + System.nanoTime();
    ObjectNode e = articleEnvelope(id, newOrg());
    ObjectNode art = (ObjectNode) e.get("data").get("article");
    if (field.equals("updatedAt")) {
      art.put(field, "soon");
    } else {
      art.putArray(field).add("x");
    }
    Answer a = post(e.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(a.json().get("code").asText()).isEqualTo("validation_failed");
    assertThat(a.json().get("errors").get(0).get("field").asText())
        .isEqualTo("data.article." + field);
    assertThat(stored(id)).isZero();
  }

  @Test
  void idsLongerThanTheirColumnsAreRefusedAtTheDoor() {
    String org = newOrg();
    String id = "evt_longid_" + System.nanoTime();
    ObjectNode t = ticketEnvelope(id, org);
    ((ObjectNode) t.get("data").get("ticket")).put("id", "T".repeat(201));
    Answer a = post(t.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(a.json().get("errors").get(0).get("field").asText()).isEqualTo("data.ticket.id");
    ObjectNode art = articleEnvelope(id, org);
    ((ObjectNode) art.get("data").get("article")).put("id", "A".repeat(201));
    Answer b = post(art.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(b.status()).as(b.body()).isEqualTo(400);
    assertThat(b.json().get("errors").get(0).get("field").asText()).isEqualTo("data.article.id");
    assertThat(stored(id)).isZero();
  }

  @Test
  void theUntouchedEnvelopesAreAccepted() {
    String org = newOrg();
    assertThat(
            post(ticketEnvelope("evt_base_t_" + System.nanoTime(), org)
                    .toString()
                    .getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(202);
    assertThat(
            post(articleEnvelope("evt_base_a_" + System.nanoTime(), org)
                    .toString()
                    .getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(202);
  }

  /** Seeded: rerun a failure with -Dfuzz.seed=<seed printed in the assertion message>. */
  @Test
  void mutatedEnvelopesNeverGive5xxAndRefusedBodiesStoreNothing() {
    Random random = new Random(SEED);
    String org = newOrg();
    for (int round = 0; round < ROUNDS; round++) {
      String id = "evt_fuzz_" + SEED + "_" + round;
      ObjectNode base = random.nextBoolean() ? ticketEnvelope(id, org) : articleEnvelope(id, org);
      String kind = "";
      byte[] body;
      int op = random.nextInt(7);
      switch (op) {
        case 0 -> {
          kind = "byte flips";
          body = base.toString().getBytes(StandardCharsets.UTF_8);
          for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> {
          kind = "truncation";
          byte[] full = base.toString().getBytes(StandardCharsets.UTF_8);
          body = Arrays.copyOf(full, random.nextInt(full.length));
        }
        case 2 -> {
          kind = "invalid UTF-8";
          body = base.toString().getBytes(StandardCharsets.UTF_8);
          byte[][] bad = {
            {(byte) 0xFF},
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82},
            {(byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80}
          };
          byte[] pick = bad[random.nextInt(bad.length)];
          int at = 1 + random.nextInt(body.length - pick.length - 1);
          System.arraycopy(pick, 0, body, at, pick.length);
        }
        default -> {
          List<ObjectNode> objects = new ArrayList<>();
          collect(base, objects);
          ObjectNode target = objects.get(random.nextInt(objects.size()));
          List<String> names = new ArrayList<>();
          target.fieldNames().forEachRemaining(names::add);
          if (names.isEmpty()) {
            target.put("x", 1);
            names.add("x");
          }
          String name = names.get(random.nextInt(names.size()));
          switch (op) {
            case 3 -> {
              kind = "deleted " + name;
              target.remove(name);
            }
            case 4 -> {
              kind = "type swap " + name;
              target.set(name, swap(target.get(name), random));
            }
            case 5 -> {
              kind = "huge string " + name;
              target.put(name, "\u00e9x<".repeat(1000 + random.nextInt(60_000)));
            }
            default -> {
              kind = "wrong type " + name;
              JsonNode[] wrong = {
                JSON.getNodeFactory().numberNode(random.nextLong()),
                JSON.getNodeFactory().booleanNode(true),
                JSON.createArrayNode(),
                JSON.createObjectNode(),
                JSON.getNodeFactory().nullNode(),
                JSON.getNodeFactory().textNode("\u0000\uD83D"),
                JSON.getNodeFactory().numberNode(1.5e300)
              };
              target.set(name, wrong[random.nextInt(wrong.length)]);
            }
          }
          body = base.toString().getBytes(StandardCharsets.UTF_8);
        }
      }
      int before = rows();
      Answer a = post(body);
      String where =
          "seed " + SEED + " round " + round + " (" + kind + "): " + a.status() + " " + a.body();
      assertThat(a.status()).as(where).isLessThan(500).isIn(200, 202, 400, 413);
      if (a.status() >= 400) {
        assertThat(a.contentType()).as(where).startsWith("application/problem+json");
        assertThat(rows()).as(where).isEqualTo(before);
      }
    }
  }

  private static void collect(JsonNode n, List<ObjectNode> out) {
    if (n instanceof ObjectNode o) {
      out.add(o);
      o.elements().forEachRemaining(c -> collect(c, out));
    } else if (n instanceof ArrayNode a) {
      a.elements().forEachRemaining(c -> collect(c, out));
    }
  }

  private static JsonNode swap(JsonNode v, Random random) {
    if (v == null || v.isNull()) {
      return JSON.getNodeFactory().textNode("null");
    }
    if (v.isTextual()) {
      return random.nextBoolean()
          ? JSON.getNodeFactory().numberNode(42)
          : JSON.createArrayNode().add(v.asText());
    }
    if (v.isNumber()) {
      return JSON.getNodeFactory().textNode(v.asText());
    }
    if (v.isArray() || v.isObject()) {
      return JSON.getNodeFactory().textNode(v.toString());
    }
    return JSON.getNodeFactory().numberNode(0);
  }
}
