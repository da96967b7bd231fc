package io.fynedesk.connector.connection;

import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionConnectionListener;
import io.fynedesk.connector.notion.NotionOAuth;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Renews an OAuth connection's access token when Notion answers 401: the refresh grant, once per
 * rejected token, single-flight per connection across threads (a lock per org) and replicas (the
 * connection row locked with {@code SELECT … FOR UPDATE} while refreshing). Whoever waited sees the
 * stored token differ from the one Notion refused and takes it without calling Notion. The new pair
 * replaces the old in one statement of the same transaction, because Notion's refresh tokens roll:
 * the old one stops working once used. {@code invalid_grant} → {@code needs_reconnect}.
 */
@Component
public class TokenRefresh implements NotionConnectionListener {

  private static final Logger LOG = LoggerFactory.getLogger(TokenRefresh.class);

  private final ConnectionRepository connections;
  private final TokenVault vault;
  private final NotionOAuth oauth;
  private final TransactionTemplate tx;
  private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  TokenRefresh(
      ConnectionRepository connections,
      TokenVault vault,
      NotionOAuth oauth,
      PlatformTransactionManager transactions) {
    this.connections = connections;
    this.vault = vault;
    this.oauth = oauth;
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public Optional<String> renew(String connectionKey, String rejectedToken) {
    if (connectionKey.contains(NotionAccess.PROBE_MARK)) {
      return Optional.empty();
    }
    ReentrantLock lock = locks.computeIfAbsent(connectionKey, k -> new ReentrantLock());
    lock.lock();
    try {
      return Objects.requireNonNull(
          tx.execute(status -> refreshLocked(connectionKey, rejectedToken)));
    } finally {
      lock.unlock();
    }
  }

  private Optional<String> refreshLocked(String orgId, String rejectedToken) {
    Optional<Connection> row = connections.lockForRefresh(orgId);
    if (row.isEmpty() || !row.get().connected() || row.get().accessTokenEnc() == null) {
      return Optional.empty();
    }
    String current = vault.tryDecrypt(orgId, row.get().accessTokenEnc()).orElse(null);
    if (current == null) {
      return Optional.empty();
    }
    if (!current.equals(rejectedToken)) {
      // Another thread or replica refreshed while this one waited for the row, or the admin
      // reconnected (any token kind) while the refused call was under way: the stored token is
      // the one to use, and the connection stays as it is.
      return Optional.of(current);
    }
    if (!oauth.configured()
        || !"oauth".equals(row.get().tokenKind())
        || row.get().refreshTokenEnc() == null) {
      return Optional.empty();
    }
    NotionOAuth.Grant grant;
    try {
      grant = oauth.refresh(vault.decrypt(orgId, row.get().refreshTokenEnc()));
    } catch (NotionApiException e) {
      if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
        LOG.warn(
            "Notion refused the refresh token of org {} ({}): the connection needs a reconnect",
            orgId,
            e.code());
        connections.markNeedsReconnect(
            orgId, "Notion refused the refresh token (" + e.code() + "): reconnect Notion.");
        return Optional.empty();
      }
      throw e;
    }
    connections.saveTokens(
        orgId,
        vault.encrypt(orgId, grant.accessToken()),
        vault.encrypt(
            orgId,
            grant.refreshToken() != null
                ? grant.refreshToken()
                : vault.decrypt(orgId, row.get().refreshTokenEnc())));
    LOG.info("Refreshed the Notion access token of org {}", orgId);
    return Optional.of(grant.accessToken());
  }

  @Override
  public void unauthorized(String connectionKey, String message) {
    // NotionAccess marks the connection; nothing to add here.
  }
}
