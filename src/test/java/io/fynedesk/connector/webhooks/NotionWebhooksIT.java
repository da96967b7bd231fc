package io.fynedesk.connector.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fynedesk.connector.AbstractConnectorIT;
import io.fynedesk.connector.connection.TokenVault;
import io.fynedesk.connector.support.Hmac;
import io.fynedesk.connector.support.Http.Answer;
import io.fynedesk.connector.support.NotionWorld;
import io.fynedesk.connector.support.Simulators;
import io.fynedesk.connector.support.TestJwt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class NotionWebhooksIT extends AbstractConnectorIT {

  static final Map<String, String> OPERATOR =
      Map.of(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      "operator:test-operator-password".getBytes(StandardCharsets.UTF_8)));

  @Autowired JdbcTemplate jdbc;

  @Autowired WebhookKeys keys;

  @Autowired TokenVault vault;

  String key;

  @BeforeEach
  void freshKey() {
    keys.clear();
    key = "secret_" + UUID.randomUUID().toString().replace("-", "");
    assertThat(handshake(key).status()).isEqualTo(200);
  }

  @AfterEach
  void unsubscribe() {
    Simulators.notion().unsubscribeAll();
  }

  Answer handshake(String token) {
    return post(
        ("{\"verification_token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8), null);
  }

  Answer post(byte[] body, String signature) {
    return http()
        .send(
            "POST",
            "/webhooks/notion",
            body,
            signature == null
                ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "X-Notion-Signature", signature));
  }

  Answer postSigned(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return post(body, Hmac.sign(key, body));
  }

  static String event(String id, String workspace, String type, String authorId) {
    return event(id, workspace, type, authorId, "page-1");
  }

  static String event(String id, String workspace, String type, String authorId, String page) {
    return """
        {"id":"%s","timestamp":"2026-12-01T10:00:00.000Z","workspace_id":"%s","workspace_name":"Acme",
         "subscription_id":"sub-1","integration_id":"int-1","type":"%s",
         "authors":[{"id":"%s","type":"person"}],"attempt_number":1,"api_version":"2025-09-03",
         "entity":{"id":"%s","type":"page"},"data":{"parent":{"id":"db-1","type":"database"}}}
        """
        .formatted(id, workspace, type, authorId, page);
  }

  int stored(String id) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM notion_webhook_event WHERE id = ?", Integer.class, id);
  }

  int storedTotal() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM notion_webhook_event", Integer.class);
  }

  String status(String id) {
    return jdbc.queryForObject(
        "SELECT status FROM notion_webhook_event WHERE id = ?", String.class, id);
  }

  @Test
  void handshakeTokenIsShownToOperatorsOnly() {
    Answer anonymous = http().get("/actuator/notionwebhook", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain(key);
    Answer operator = http().send("GET", "/actuator/notionwebhook", null, OPERATOR);
    assertThat(operator.status()).isEqualTo(200);
    assertThat(operator.json().get("verificationToken").asText()).isEqualTo(key);
    assertThat(operator.json().get("source").asText()).isEqualTo("captured");
    assertThat(jdbc.queryForObject("SELECT token_enc FROM notion_webhook_key", String.class))
        .doesNotContain(key);
  }

  @Test
  void laterHandshakeDoesNotReplaceTheKeyUntilAnOperatorClearsIt() {
    String intruder = "secret_intruder";
    assertThat(handshake(intruder).status()).isEqualTo(200);
    String id = "evt-" + UUID.randomUUID();
    byte[] body = event(id, "ws-none", "page.created", "user-1").getBytes(StandardCharsets.UTF_8);
    assertThat(post(body, Hmac.sign(intruder, body)).status()).isEqualTo(401);
    assertThat(post(body, Hmac.sign(key, body)).status()).isEqualTo(200);

    assertThat(http().send("DELETE", "/actuator/notionwebhook", null, Map.of()).status())
        .isEqualTo(401);
    assertThat(http().send("DELETE", "/actuator/notionwebhook", null, OPERATOR).status())
        .isEqualTo(200);
    assertThat(handshake(intruder).status()).isEqualTo(200);
    String next = "evt-" + UUID.randomUUID();
    byte[] later =
        event(next, "ws-none", "page.created", "user-1").getBytes(StandardCharsets.UTF_8);
    assertThat(post(later, Hmac.sign(intruder, later)).status()).isEqualTo(200);
  }

  @Test
  void aHandshakeThatCarriesASignatureHeaderIsStillTheHandshake() {
    byte[] body = "{\"verification_token\":\"secret_signed_hs\"}".getBytes(StandardCharsets.UTF_8);
    Answer signed = post(body, Hmac.sign(key, body));
    assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    assertThat(signed.json().path("status").asText()).isEqualTo("verification_token_received");
    Answer forged = post(body, "sha256=00");
    assertThat(forged.status()).as(forged.body()).isEqualTo(200);
    // Recorded, not the key: the key in use still signs, the handshake's token does not.
    String id = "evt-" + UUID.randomUUID();
    byte[] e = event(id, "ws-none", "page.created", "user-1").getBytes(StandardCharsets.UTF_8);
    assertThat(post(e, Hmac.sign("secret_signed_hs", e)).status()).isEqualTo(401);
    assertThat(post(e, Hmac.sign(key, e)).status()).isEqualTo(200);
  }

  @Test
  void forgeriesAreRefusedAndStoreNothing() {
    String id = "evt-" + UUID.randomUUID();
    byte[] body = event(id, "ws-none", "page.created", "user-1").getBytes(StandardCharsets.UTF_8);
    byte[] other = event(id, "ws-other", "page.deleted", "user-1").getBytes(StandardCharsets.UTF_8);
    String good = Hmac.sign(key, body);
    Map<String, Answer> forgeries =
        Map.of(
            "unsigned", post(body, null),
            "wrong key", post(body, Hmac.sign("secret_wrong", body)),
            "no prefix", post(body, good.substring("sha256=".length())),
            "other body", post(other, good),
            "empty signature", post(body, ""),
            "sha1 prefix", post(body, "sha1=" + good.substring("sha256=".length())),
            "truncated", post(body, good.substring(0, good.length() - 2)),
            "empty body", post(new byte[0], good));
    forgeries.forEach(
        (what, a) -> {
          assertThat(a.status()).as(what).isEqualTo(401);
          assertThat(a.contentType()).as(what).startsWith("application/problem+json");
          assertThat(a.json().get("code").asText()).as(what).isEqualTo("invalid_signature");
        });
    assertThat(stored(id)).isZero();
  }

  @Test
  void signedButMalformedIs400AndStoresNothing() {
    int before = storedTotal();
    byte[] notUtf8 = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    for (byte[] body :
        new byte[][] {
          "not json".getBytes(StandardCharsets.UTF_8),
          notUtf8,
          "[1,2]".getBytes(StandardCharsets.UTF_8),
          "{\"type\":\"page.created\"}".getBytes(StandardCharsets.UTF_8),
          "{\"id\":7,\"type\":\"page.created\"}".getBytes(StandardCharsets.UTF_8),
          "{\"id\":\"e\\u0000\",\"type\":\"page.created\"}".getBytes(StandardCharsets.UTF_8),
          "{\"id\":\"e\",\"type\":\"page.created\",\"timestamp\":\"yesterday\"}"
              .getBytes(StandardCharsets.UTF_8)
        }) {
      Answer a = post(body, Hmac.sign(key, body));
      assertThat(a.status()).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(400);
      assertThat(a.json().get("code").asText()).isEqualTo("malformed");
    }
    assertThat(storedTotal()).isEqualTo(before);
  }

  @Test
  void oneEventDeliveredFiveTimesIsStoredOnce() {
    String id = "evt-" + UUID.randomUUID();
    String json = event(id, "ws-none", "page.properties_updated", "user-1");
    assertThat(postSigned(json).json().get("status").asText()).isEqualTo("accepted");
    for (int i = 0; i < 4; i++) {
      Answer again = postSigned(json);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().get("status").asText()).isEqualTo("duplicate");
    }
    assertThat(stored(id)).isEqualTo(1);
  }

  @Test
  void eventOfAWorkspaceNoOrgHasIsAcknowledgedAndIgnored() {
    String id = "evt-" + UUID.randomUUID();
    assertThat(postSigned(event(id, "ws-nobody-" + id, "page.created", "user-1")).status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> "ignored".equals(status(id)));
    assertThat(
            jdbc.queryForObject(
                "SELECT note FROM notion_webhook_event WHERE id = ?", String.class, id))
        .contains("no org");
  }

  @Test
  void ownBotEditsAreEchoesAndPersonEditsReachStatusSync() {
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    String echo = "evt-" + UUID.randomUUID();
    String person = "evt-" + UUID.randomUUID();
    // Two pages: events about one page would be folded into one processing by the debounce.
    postSigned(
        event(echo, world.workspaceId, "page.properties_updated", world.botId, "page-" + echo));
    postSigned(
        event(
            person,
            world.workspaceId,
            "page.properties_updated",
            world.aliceId(),
            "page-" + person));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !"received".equals(status(echo))
                    && !"received".equals(status(person))
                    && !"processing".equals(status(person)));
    assertThat(status(echo)).isEqualTo("echo");
    assertThat(
            jdbc.queryForObject(
                "SELECT org_id FROM notion_webhook_event WHERE id = ?", String.class, person))
        .isEqualTo(org);
    assertThat(
            jdbc.queryForObject(
                "SELECT note FROM notion_webhook_event WHERE id = ?", String.class, person))
        .contains("status sync is off");
  }

  /**
   * A captured key the vault cannot decrypt (the encryption key was changed; here: sealed for
   * another scope, which fails the same way) refuses deliveries, but the connection page and the
   * operator's view still answer, and an operator's clear lets the next handshake become the key.
   */
  @Test
  void aCapturedKeyTheVaultCannotDecryptRefusesDeliveriesButBreaksNoPage() {
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    keys.clear();
    String old = "secret_sealed_with_another_key";
    jdbc.update(
        "INSERT INTO notion_webhook_key (id, token_enc, captured_at) VALUES (1, ?, CURRENT_TIMESTAMP)",
        vault.encrypt("another-scope", old));
    byte[] body =
        event("evt-" + UUID.randomUUID(), world.workspaceId, "page.created", world.aliceId())
            .getBytes(StandardCharsets.UTF_8);
    assertThat(post(body, Hmac.sign(old, body)).status()).isEqualTo(401);

    Answer page = http().get("/api/v1/connections/notion", TestJwt.admin(org));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().at("/health/subscription").asText()).isEqualTo("unverified");
    Answer operator = http().send("GET", "/actuator/notionwebhook", null, OPERATOR);
    assertThat(operator.status()).isEqualTo(200);
    assertThat(operator.json().get("source").asText()).isEqualTo("unreadable");
    assertThat(operator.json().get("verificationToken").isNull()).isTrue();

    // A handshake alone does not replace it (anyone can post one); after a clear it does.
    String fresh = "secret_" + UUID.randomUUID().toString().replace("-", "");
    assertThat(handshake(fresh).status()).isEqualTo(200);
    assertThat(post(body, Hmac.sign(fresh, body)).status()).isEqualTo(401);
    assertThat(http().send("DELETE", "/actuator/notionwebhook", null, OPERATOR).status())
        .isEqualTo(200);
    assertThat(handshake(fresh).status()).isEqualTo(200);
    assertThat(post(body, Hmac.sign(fresh, body)).status()).isEqualTo(200);
    key = fresh;
  }

  @Test
  void healthShowsTheSubscriptionUnverifiedQuietThenActive() {
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    String jwt = TestJwt.admin(org);
    assertThat(
            http()
                .get("/api/v1/connections/notion", jwt)
                .json()
                .at("/health/subscription")
                .asText())
        .isEqualTo("quiet");
    postSigned(
        event("evt-" + UUID.randomUUID(), world.workspaceId, "page.created", world.aliceId()));
    Answer active = http().get("/api/v1/connections/notion", jwt);
    assertThat(active.json().at("/health/subscription").asText()).isEqualTo("active");
    keys.clear();
    assertThat(
            http()
                .get("/api/v1/connections/notion", jwt)
                .json()
                .at("/health/subscription")
                .asText())
        .isEqualTo("unverified");
  }

  @Test
  void simulatorHandshakeAndSignedDeliveryEndToEnd() {
    keys.clear();
    String url = "http://127.0.0.1:" + port + "/webhooks/notion";
    String token = Simulators.notion().sendHandshake(url);
    assertThat(keys.current()).contains(token);
    Simulators.notion().subscribe(url, token);
    NotionWorld world = newWorld();
    String org = newOrg();
    connect(org, world);
    Simulators.notion().editPageProperty(world.kbPageId, "title", "Knowledge base, renamed");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM notion_webhook_event WHERE workspace_id = ? AND status <> 'received'"
                            + " AND status <> 'processing'",
                        Integer.class,
                        world.workspaceId)
                    > 0);
    assertThat(Simulators.notion().webhookDeliveries())
        .anyMatch(d -> d.url().equals(url) && d.status() == 200);
  }

  @Test
  void concurrentDeliveriesAndRedeliveriesAreEachStoredOnceBeforeTheirAnswer() throws Exception {
    // 30 events, each delivered twice at once by 60 senders: the group commit stores each once,
    // answers one delivery "accepted" and the other "duplicate", and every answered row is there.
    String ws = "ws-" + UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add("evt-" + UUID.randomUUID());
    }
    ExecutorService pool = Executors.newFixedThreadPool(60);
    try {
      List<Callable<Answer>> sends = new ArrayList<>();
      for (String id : ids) {
        for (int copy = 0; copy < 2; copy++) {
          sends.add(() -> postSigned(event(id, ws, "page.created", "user-1", "page-" + id)));
        }
      }
      Map<String, List<String>> statuses = new HashMap<>();
      for (Future<Answer> f : pool.invokeAll(sends)) {
        Answer a = f.get();
        assertThat(a.status()).isEqualTo(200);
        statuses
            .computeIfAbsent(a.json().get("id").asText(), k -> new ArrayList<>())
            .add(a.json().get("status").asText());
      }
      assertThat(statuses).hasSize(30);
      statuses
          .values()
          .forEach(s -> assertThat(s).containsExactlyInAnyOrder("accepted", "duplicate"));
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM notion_webhook_event WHERE workspace_id = ?",
                Integer.class,
                ws))
        .isEqualTo(30);
  }
}
