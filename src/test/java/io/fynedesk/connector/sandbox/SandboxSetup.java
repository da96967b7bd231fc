package io.fynedesk.connector.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fynedesk.connector.connection.ConnectionService;
import io.fynedesk.connector.connection.TokenConnect;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.simulator.fynedesk.FyneDeskSimulator;
import io.fynedesk.connector.simulator.notion.NotionSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Connects the demo org and writes {@code target/sandbox/sandbox.env} once the sandbox is ready.
 */
@Configuration
@Profile("sandbox")
class SandboxSetup {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxSetup.class);
  private static NotionSimulator notion;
  private static FyneDeskSimulator fynedesk;
  private static String notionRate = "default";

  private final TokenConnect tokens;
  private final ConnectionService connections;
  private final Environment env;
  private final ObjectMapper mapper;

  SandboxSetup(
      TokenConnect tokens, ConnectionService connections, Environment env, ObjectMapper mapper) {
    this.tokens = tokens;
    this.connections = connections;
    this.env = env;
    this.mapper = mapper;
  }

  static void simulators(NotionSimulator n, FyneDeskSimulator f) {
    notion = n;
    fynedesk = f;
  }

  static void notionRate(String description) {
    notionRate = description;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() throws Exception {
    String org = SandboxWorld.ORG;
    tokens.connect(
        org, SandboxWorld.TOKEN, null, "internal", tokens.identify(org, SandboxWorld.TOKEN));
    connections.patchSettings(
        org,
        mapper.readTree(
            """
        {"enabled": true,
         "ticketHandoff": {"enabled": true, "dataSourceId": "%s", "triggers": ["created", "escalated", "tagged"],
                           "propertyMap": {"priority": "Priority", "status": "Status", "tags": "Tags"}},
         "kbSync": {"publishEnabled": true, "publishParentPageId": "%s",
                    "importEnabled": true, "importSources": ["%s"], "defaultOwner": "fynedesk"}}
        """
                .formatted(
                    SandboxWorld.DATA_SOURCE,
                    SandboxWorld.kbPageId,
                    SandboxWorld.helpCenterPageId)));
    String port = env.getProperty("local.server.port", "8080");
    String connector = "http://127.0.0.1:" + port;
    String eventsSecret = env.getProperty("fynedesk.events.secret");
    fynedesk.events(connector + "/api/v1/events", eventsSecret).autoEmit(true);
    // KB publish: a FyneDesk-owned article, published as an agent would (article.published).
    fynedesk.publishArticle(
        org,
        new Article(
            SandboxWorld.ARTICLE,
            "Getting started",
            "<h2>Getting started</h2><p>Create your first ticket.</p><p>Invite your team.</p>",
            "en",
            fynedesk.baseUrl() + "/help/articles/" + SandboxWorld.ARTICLE,
            null,
            null));
    String jwt = adminJwt(env.getProperty("connector.security.jwt.secret"), org);
    Path file = Path.of("target", "sandbox", "sandbox.env");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        String.join(
            "\n",
            "# Sandbox values for curl: source target/sandbox/sandbox.env",
            "CONNECTOR=" + connector,
            "NOTION_SIM=" + notion.baseUrl(),
            "NOTION_TOKEN=" + SandboxWorld.TOKEN,
            "FYNEDESK_SIM=" + fynedesk.baseUrl(),
            "ORG=" + org,
            "ADMIN_JWT=" + jwt,
            "OAUTH_ORG=" + SandboxWorld.OAUTH_ORG,
            "OAUTH_ADMIN_JWT="
                + adminJwt(
                    env.getProperty("connector.security.jwt.secret"), SandboxWorld.OAUTH_ORG),
            "EVENTS_SECRET=" + eventsSecret,
            "OPERATOR_PASSWORD=" + env.getProperty("connector.operator.password"),
            "DATA_SOURCE=" + SandboxWorld.DATA_SOURCE,
            "KB_PARENT_PAGE=" + SandboxWorld.kbPageId,
            "KB_IMPORT_SOURCE=" + SandboxWorld.helpCenterPageId,
            "KB_IMPORT_FIRST_BLOCK=" + SandboxWorld.helpCenterFirstBlock,
            "KB_ARTICLE=" + SandboxWorld.ARTICLE,
            "NOTION_RPS=" + env.getProperty("notion.rate-limit.requests-per-second"),
            "NOTION_SIM_RATE=" + notionRate.replaceAll("[^A-Za-z0-9./_-]+", "_"),
            ""),
        StandardCharsets.UTF_8);
    LOG.info(
        "Sandbox ready: connector {} · Notion simulator {} (rate limit {}; connector budget {} req/s) · "
            + "FyneDesk simulator {} · org {} connected to workspace {}. Generated secrets and an admin JWT are in {}",
        connector,
        notion.baseUrl(),
        notionRate,
        env.getProperty("notion.rate-limit.requests-per-second"),
        fynedesk.baseUrl(),
        org,
        SandboxWorld.WORKSPACE,
        file.toAbsolutePath());
  }

  private static String adminJwt(String secret, String org) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .subject("sandbox-admin")
                .claim("org", org)
                .claim("role", "admin")
                .claim("plan", "pro")
                .expirationTime(Date.from(Instant.now().plusSeconds(7 * 24 * 3600)))
                .build());
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }
}
