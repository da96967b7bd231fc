package io.fynedesk.connector.webhooks;

import io.fynedesk.connector.connection.TokenVault;
import io.fynedesk.connector.notion.NotionProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signing key of Notion's webhook subscription (CONTRACT §3): the configured {@code
 * notion.webhook.verification-token} always wins; otherwise the token of the first captured
 * handshake, until an operator clears it. Captured tokens are encrypted at rest and shared through
 * the database, so a handshake answered by one replica verifies deliveries on every replica.
 */
@Component
public class WebhookKeys {

  /** AAD of captured tokens in the vault: they belong to the service, not to an org. */
  static final String VAULT_SCOPE = "notion-webhook";

  private static final Duration CACHE = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(WebhookKeys.class);

  private final JdbcTemplate jdbc;
  private final TokenVault vault;
  private final String configured;
  private final Clock clock;
  private volatile Cached cached;
  private volatile boolean unreadableReported;

  @Autowired
  WebhookKeys(JdbcTemplate jdbc, TokenVault vault, NotionProperties props) {
    this(jdbc, vault, props, Clock.systemUTC());
  }

  WebhookKeys(JdbcTemplate jdbc, TokenVault vault, NotionProperties props, Clock clock) {
    this.jdbc = jdbc;
    this.vault = vault;
    String token = props.webhook().verificationToken();
    this.configured = token == null || token.isBlank() ? null : token;
    this.clock = clock;
  }

  /** Where the key comes from. */
  public enum Source {
    CONFIGURED,
    CAPTURED,
    /**
     * A key was captured but cannot be decrypted with {@code connector.security.encryption-key}
     * (the key changed): deliveries are refused until an operator clears it.
     */
    UNREADABLE,
    NONE
  }

  /** The current signing key, if any. */
  public Optional<String> current() {
    if (configured != null) {
      return Optional.of(configured);
    }
    Cached c = cached;
    Instant now = clock.instant();
    if (c == null || c.at.plus(CACHE).isBefore(now)) {
      c = new Cached(captured().map(Key::token).orElse(null), now);
      cached = c;
    }
    return Optional.ofNullable(c.token);
  }

  /** Where {@link #current()} comes from. */
  public Source source() {
    if (configured != null) {
      return Source.CONFIGURED;
    }
    Stored stored = stored().orElse(null);
    if (stored == null) {
      return Source.NONE;
    }
    return stored.key().isPresent() ? Source.CAPTURED : Source.UNREADABLE;
  }

  /**
   * Records a handshake's token. It becomes the key only when there is none yet; later ones are
   * recorded for operators and never replace the key by themselves (anyone can post a handshake).
   *
   * @return whether the token became the signing key
   */
  @Transactional
  public boolean capture(String token) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    String enc = vault.encrypt(VAULT_SCOPE, token);
    jdbc.update(
        "INSERT INTO notion_webhook_handshake (id, token_enc, received_at) VALUES (?, ?, ?)",
        UUID.randomUUID().toString(),
        enc,
        now);
    boolean keyed =
        configured == null
            && jdbc.update(
                    "INSERT INTO notion_webhook_key (id, token_enc, captured_at) VALUES (1, ?, ?) ON CONFLICT DO NOTHING",
                    enc,
                    now)
                == 1;
    cached = null;
    return keyed;
  }

  /** Forgets the captured key, so the next handshake becomes the key (operators only). */
  @Transactional
  public boolean clear() {
    cached = null;
    return jdbc.update("DELETE FROM notion_webhook_key WHERE id = 1") == 1;
  }

  /**
   * The captured key, if any and readable. A key that the configured encryption key cannot decrypt
   * (it was changed) is no key: deliveries are refused (401) and the connection pages show the
   * subscription as unverified, instead of failing; {@link #source()} says {@code UNREADABLE}. Such
   * a key is not replaced by the next handshake either (anyone can post one): an operator clears
   * it, as any captured key.
   */
  public Optional<Key> captured() {
    return stored().flatMap(Stored::key);
  }

  /** The key row, its token decrypted when the vault can. */
  private Optional<Stored> stored() {
    Optional<Stored> row =
        jdbc
            .query(
                "SELECT token_enc, captured_at FROM notion_webhook_key WHERE id = 1",
                (rs, i) ->
                    new Stored(readable(rs.getString(1), rs.getObject(2, OffsetDateTime.class))))
            .stream()
            .findFirst();
    boolean unreadable = row.isPresent() && row.get().key().isEmpty();
    if (unreadable && !unreadableReported) {
      LOG.warn(
          "The captured Notion webhook verification token cannot be decrypted with"
              + " connector.security.encryption-key (was the key changed?). Webhook deliveries are"
              + " refused until an operator clears it (DELETE /actuator/notionwebhook) and Notion's"
              + " next handshake becomes the key.");
    }
    unreadableReported = unreadable;
    return row;
  }

  /**
   * Handshakes received, newest first (at most {@code limit}); those the vault cannot decrypt are
   * left out.
   */
  public List<Key> handshakes(int limit) {
    return jdbc
        .query(
            "SELECT token_enc, received_at FROM notion_webhook_handshake ORDER BY received_at DESC",
            (rs, i) -> readable(rs.getString(1), rs.getObject(2, OffsetDateTime.class)))
        .stream()
        .flatMap(Optional::stream)
        .limit(limit)
        .toList();
  }

  private Optional<Key> readable(String tokenEnc, OffsetDateTime at) {
    return vault.tryDecrypt(VAULT_SCOPE, tokenEnc).map(token -> new Key(token, at));
  }

  /** A token and when it arrived. */
  public record Key(String token, OffsetDateTime at) {}

  private record Cached(String token, Instant at) {}

  /** The key row: its key, empty when the vault cannot decrypt it. */
  private record Stored(Optional<Key> key) {}
}
