package io.fynedesk.connector.web;

import static io.fynedesk.connector.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http.Answer;
import io.fynedesk.connector.support.TestJwt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bodies the API cannot take are refused with a 4xx problem and change nothing, on every write
 * endpoint: a form or multipart body (415; Camel used to turn it into a map and the route answered
 * 500, on the two unauthenticated entry points too), bytes that are not UTF-8 (400; the admin API
 * answered 500) and text after the JSON document (400; a second event concatenated onto the first
 * was silently dropped).
 */
class BadBodiesIT extends AbstractConnectorIT {

  static final String EVENTS_SECRET = "test-events-secret";

  @Autowired JdbcTemplate jdbc;

  /** Admin write endpoints, each with a valid JSON body of its own. */
  static final List<String[]> ADMIN =
      List.of(
          new String[] {"PATCH", "/api/v1/connections/notion/settings", "{\"enabled\":true}"},
          new String[] {"PUT", "/api/v1/connections/notion/token", "{\"token\":\"secret_x\"}"},
          new String[] {"POST", "/api/v1/dataset/create", "{\"name\":\"x\"}"},
          new String[] {"POST", "/api/v1/integration/notion/create", "{\"expiresIn\":1000}"},
          new String[] {
            "POST",
            "/api/v1/tools/convert",
            "{\"from\":\"html\",\"to\":\"markdown\",\"content\":\"x\"}"
          });

  Answer send(String method, String path, byte[] body, String contentType, String jwt) {
    return http()
        .send(
            method,
            path,
            body,
            Map.of("Content-Type", contentType, "Authorization", "Bearer " + jwt));
  }

  int datasets(String org) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM knowledge_dataset WHERE org_id = ?", Integer.class, org);
  }

  @Test
  void aFormBodyIs415EverywhereEvenWithoutCredentials() {
    byte[] form = "enabled=true&name=x".getBytes(StandardCharsets.UTF_8);
    for (String path : List.of("/api/v1/events", "/webhooks/notion")) {
      Answer a =
          http()
              .send(
                  "POST", path, form, Map.of("Content-Type", "application/x-www-form-urlencoded"));
      assertProblem(a, 415, "unsupported_media_type");
    }
    String org = newOrg();
    String jwt = TestJwt.admin(org);
    String before = http().json("GET", "/api/v1/connections/notion/settings", jwt, null).body();
    for (String[] e : ADMIN) {
      for (String type :
          List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=b")) {
        assertProblem(send(e[0], e[1], form, type, jwt), 415, "unsupported_media_type");
      }
    }
    assertThat(http().json("GET", "/api/v1/connections/notion/settings", jwt, null).body())
        .isEqualTo(before);
    assertThat(datasets(org)).isZero();
  }

  @Test
  void bytesThatAreNotUtf8Are400MalformedOnTheAdminApi() {
    String org = newOrg();
    String jwt = TestJwt.admin(org);
    String before = http().json("GET", "/api/v1/connections/notion/settings", jwt, null).body();
    for (String[] e : ADMIN) {
      byte[] valid = e[2].getBytes(StandardCharsets.UTF_8);
      byte[] latin1 = new byte[valid.length + 1];
      System.arraycopy(valid, 0, latin1, 0, valid.length - 1);
      latin1[valid.length - 1] = (byte) 0xe9; // "é" in ISO-8859-1: not a UTF-8 sequence
      latin1[valid.length] = '}';
      for (String type : List.of("application/json", "application/json;charset=ISO-8859-1")) {
        assertProblem(send(e[0], e[1], latin1, type, jwt), 400, "malformed");
      }
    }
    assertThat(http().json("GET", "/api/v1/connections/notion/settings", jwt, null).body())
        .isEqualTo(before);
    assertThat(datasets(org)).isZero();
    // An unknown charset in the header does not make valid UTF-8 JSON a 5xx.
    Answer unknown =
        send(
            "POST",
            "/api/v1/dataset/create",
            "{\"name\":\"ok\"}".getBytes(StandardCharsets.UTF_8),
            "application/json; charset=no-such-charset",
            jwt);
    assertThat(unknown.status()).as(unknown.body()).isLessThan(500);
  }

  @Test
  void textAfterTheJsonDocumentIs400AndNothingIsStored() {
    String org = newOrg();
    String jwt = TestJwt.admin(org);
    String first = "evt_trail_" + System.nanoTime();
    String second = first + "_b";
    byte[] two =
        ("{\"id\":\"%s\",\"type\":\"ticket.noted\",\"organizationId\":\"%s\","
                + "\"occurredAt\":\"2026-11-21T10:00:00Z\",\"data\":{}}"
                + "{\"id\":\"%s\",\"type\":\"ticket.noted\",\"organizationId\":\"%s\","
                + "\"occurredAt\":\"2026-11-21T10:00:00Z\",\"data\":{}}")
            .formatted(first, org, second, org)
            .getBytes(StandardCharsets.UTF_8);
    Answer events =
        http()
            .send(
                "POST",
                "/api/v1/events",
                two,
                Map.of(
                    "Content-Type",
                    "application/json",
                    "X-FyneDesk-Signature",
                    Hmac.sign(EVENTS_SECRET, two)));
    assertProblem(events, 400, "malformed");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM inbox_event WHERE id IN (?, ?)",
                Integer.class,
                first,
                second))
        .isZero();
    String before = http().json("GET", "/api/v1/connections/notion/settings", jwt, null).body();
    assertProblem(
        http().json("PATCH", "/api/v1/connections/notion/settings", jwt, "{} {\"enabled\":true}"),
        400,
        "malformed");
    assertProblem(
        http().json("POST", "/api/v1/dataset/create", jwt, "{\"name\":\"x\"} junk"),
        400,
        "malformed");
    assertThat(http().json("GET", "/api/v1/connections/notion/settings", jwt, null).body())
        .isEqualTo(before);
    assertThat(datasets(org)).isZero();
    // Whitespace after the document is still fine.
    assertThat(http().json("POST", "/api/v1/dataset/create", jwt, "{\"name\":\"x\"}\n  ").status())
        .isEqualTo(200);
  }
}
