package io.fynedesk.connector;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Settings of the connector itself: security, operators, inbox, retries, backstop and KB limits.
 *
 * @param security admin JWT and encryption at rest.
 * @param operator HTTP Basic login of operators for the management side.
 * @param backstop periodic catch-up of what webhooks missed.
 * @param kb knowledge-base conversion limits.
 * @param inbox durable inbox consumption.
 * @param retry redelivery policy of failed work.
 */
@ConfigurationProperties(prefix = "connector")
public record ConnectorProperties(
    Security security,
    Operator operator,
    Backstop backstop,
    Kb kb,
    Inbox inbox,
    Retry retry,
    Handoff handoff) {

  public ConnectorProperties {
    security = security == null ? new Security(null, null) : security;
    operator = operator == null ? new Operator("operator", null) : operator;
    backstop = backstop == null ? new Backstop(Duration.ofMinutes(5)) : backstop;
    kb = kb == null ? new Kb(20000) : kb;
    inbox =
        inbox == null
            ? new Inbox(200, 50, Duration.ofSeconds(30), Duration.ofSeconds(5), 8)
            : inbox;
    retry = retry == null ? new Retry(8, 1000, 60000) : retry;
    handoff = handoff == null ? new Handoff(Duration.ofMinutes(2)) : handoff;
  }

  /**
   * Ticket hand-off.
   *
   * @param lease how long a worker holds a ticket's pending page creation before another may take
   *     it over (and look in Notion for the page first); longer than a page creation can take.
   */
  public record Handoff(Duration lease) {
    public Handoff {
      lease = lease == null ? Duration.ofSeconds(30) : lease;
    }
  }

  /**
   * Security settings.
   *
   * @param jwt admin JWT verification.
   * @param encryptionKey base64 256-bit AES key; Notion tokens are encrypted with it at rest.
   */
  public record Security(Jwt jwt, String encryptionKey) {
    public Security {
      jwt = jwt == null ? new Jwt(null, null, null) : jwt;
    }
  }

  /**
   * Admin JWT verification.
   *
   * @param secret HS256 key of admin JWTs (UTF-8 bytes, at least 32).
   * @param jwkSetUri JWK set URI, instead of a shared secret.
   * @param clockSkew how long after its {@code exp} a token is still taken (default none: CONTRACT
   *     §4, an expired token is 401; raise it when FyneDesk's clock may run ahead of this one's).
   */
  public record Jwt(String secret, String jwkSetUri, Duration clockSkew) {
    public Jwt {
      clockSkew = clockSkew == null || clockSkew.isNegative() ? Duration.ZERO : clockSkew;
    }
  }

  /**
   * Operator login.
   *
   * @param username HTTP Basic user name of operators.
   * @param password HTTP Basic password of operators.
   */
  public record Operator(String username, String password) {
    public Operator {
      username = username == null || username.isBlank() ? "operator" : username;
    }
  }

  /**
   * Backstop.
   *
   * @param interval how often the backstop looks for what webhooks missed.
   */
  public record Backstop(Duration interval) {}

  /**
   * Knowledge base.
   *
   * @param maxBlocks pages beyond this many blocks are truncated, with a visible notice.
   */
  public record Kb(int maxBlocks) {}

  /**
   * Inbox consumption.
   *
   * @param pollDelayMs delay between inbox polls in milliseconds.
   * @param batchSize events claimed per poll and replica.
   * @param claimTimeout a claim not renewed for this long is taken over by another replica.
   * @param heartbeat how often a replica renews its claims (and its ticket-page leases).
   * @param workers worker threads per replica; a replica claims only what its free workers can
   *     start, so the work of a busy replica goes to the others.
   */
  public record Inbox(
      long pollDelayMs, int batchSize, Duration claimTimeout, Duration heartbeat, int workers) {
    @ConstructorBinding
    public Inbox {
      workers = workers <= 0 ? 8 : workers;
      claimTimeout = claimTimeout == null ? Duration.ofSeconds(30) : claimTimeout;
      heartbeat = heartbeat == null ? Duration.ofSeconds(5) : heartbeat;
    }

    /** With the default 8 workers. */
    public Inbox(long pollDelayMs, int batchSize, Duration claimTimeout, Duration heartbeat) {
      this(pollDelayMs, batchSize, claimTimeout, heartbeat, 8);
    }
  }

  /**
   * Redelivery of failed work.
   *
   * @param maximumRedeliveries redeliveries before work lands in the failure list.
   * @param redeliveryDelayMs first redelivery delay in milliseconds, doubled each time.
   * @param maxDelayMs cap of the redelivery delay in milliseconds.
   */
  public record Retry(int maximumRedeliveries, long redeliveryDelayMs, long maxDelayMs) {}
}
