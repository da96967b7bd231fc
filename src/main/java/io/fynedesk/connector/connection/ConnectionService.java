package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.failures.FailureRepository;
import io.fynedesk.connector.inbox.InboxRepository;
import io.fynedesk.connector.notion.NotionProperties;
import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.Problem.FieldError;
import io.fynedesk.connector.web.ProblemException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lifecycle of an org's Notion connection: view, settings, disconnect; always scoped to one org.
 */
@Service
public class ConnectionService {

  /** Writes of one PATCH raced by other writes before it gives up with 409. */
  private static final int SETTINGS_ATTEMPTS = 5;

  private final ConnectionRepository connections;
  private final InboxRepository inbox;
  private final FailureRepository failures;
  private final SettingsPolicy policy;
  private final ObjectProvider<WebhookSubscription> subscription;
  private final NotionProperties notion;
  private final OrgConnections orgs;
  private final ObjectProvider<OAuthConnect> oauth;
  private final TokenVault vault;

  ConnectionService(
      ConnectionRepository connections,
      InboxRepository inbox,
      FailureRepository failures,
      SettingsPolicy policy,
      NotionProperties notion,
      OrgConnections orgs,
      ObjectProvider<WebhookSubscription> subscription,
      ObjectProvider<OAuthConnect> oauth,
      TokenVault vault) {
    this.oauth = oauth;
    this.vault = vault;
    this.subscription = subscription;
    this.orgs = orgs;
    this.connections = connections;
    this.inbox = inbox;
    this.failures = failures;
    this.policy = policy;
    this.notion = notion;
  }

  /** The org's connection, or a disconnected view with default settings when there is none. */
  public ConnectionView view(String orgId) {
    Optional<Connection> c = connections.find(orgId);
    ObjectNode settings = c.map(Connection::settings).orElseGet(policy::defaults);
    ConnectionState state = c.map(Connection::state).orElse(ConnectionState.DISCONNECTED);
    ConnectionView.Workspace ws =
        c.filter(x -> x.workspaceId() != null)
            .map(x -> new ConnectionView.Workspace(x.workspaceId(), x.workspaceName()))
            .orElse(null);
    ConnectionView.Health health =
        new ConnectionView.Health(
            c.map(Connection::lastEventAt).orElse(null),
            c.map(Connection::lastSyncAt).orElse(null),
            subscription(c.map(Connection::workspaceId).orElse(null)),
            inbox.countOpen(orgId),
            failures.countOpen(orgId),
            c.map(Connection::lastError).orElse(null),
            c.map(Connection::lastWarning).orElse(null));
    return new ConnectionView(
        orgId,
        state.wire(),
        settings.path("enabled").asBoolean(false),
        ws,
        state == ConnectionState.DISCONNECTED ? null : c.map(Connection::tokenKind).orElse(null),
        settings,
        health);
  }

  /**
   * Validates and merges a partial settings document; returns the updated connection. The merge is
   * written only over the settings it was made from: when another PATCH (another admin, another
   * tab) wrote in between, for instance while this one's sections were checked against Notion, it
   * is merged again onto that write, so both changes stay. Not one transaction on purpose: the
   * check calls Notion, and a lock held across it would meet the token refresh's lock.
   */
  public ConnectionView patchSettings(String orgId, JsonNode patch) {
    List<FieldError> errors = policy.validate(patch);
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    for (int attempt = 1; ; attempt++) {
      int version = connections.settingsVersion(orgId);
      Optional<Connection> current = connections.find(orgId);
      ObjectNode merged =
          policy.merge(current.map(Connection::settings).orElseGet(policy::defaults), patch);
      if (current.map(Connection::connected).orElse(false)) {
        SettingsPolicy.Checked checked = policy.check(orgs.toOrg(current.get()), merged, patch);
        if (!checked.errors().isEmpty()) {
          throw new ProblemException(Problem.validation(checked.errors()));
        }
        merged = checked.settings();
      }
      if (connections.saveSettingsOver(orgId, merged, version)) {
        return view(orgId);
      }
      if (attempt == SETTINGS_ATTEMPTS) {
        throw ProblemException.of(
            409,
            "conflict",
            "The settings were changed by someone else at the same time; load them and try again.");
      }
    }
  }

  /**
   * Removes the org's connection: OAuth tokens revoked at Notion first, then tokens, settings and
   * pending work removed; content on both sides stays.
   */
  @Transactional
  public Optional<Connection> disconnect(String orgId) {
    Optional<Connection> c = connections.find(orgId);
    // Tokens the vault cannot decrypt (the encryption key changed) cannot be revoked; the
    // connection is removed all the same, so an admin can always disconnect and connect again.
    c.filter(x -> "oauth".equals(x.tokenKind()))
        .ifPresent(
            x ->
                oauth
                    .getObject()
                    .revokeQuietly(
                        Stream.of(x.accessTokenEnc(), x.refreshTokenEnc())
                            .map(t -> vault.tryDecrypt(orgId, t))
                            .flatMap(Optional::stream)
                            .toList()));
    connections.delete(orgId);
    inbox.cancelOpen(orgId);
    failures.deleteAll(orgId);
    return c;
  }

  /** Replays one open failure of the org. */
  @Transactional
  public void retryFailure(String orgId, String failureId) {
    String eventId =
        failures
            .openEventId(orgId, failureId)
            .orElseThrow(() -> ProblemException.notFound("No open failure " + failureId + "."));
    failures.resolve(orgId, failureId);
    inbox.requeue(orgId, eventId);
  }

  private String subscription(String workspaceId) {
    WebhookSubscription s = subscription.getIfAvailable();
    if (s != null) {
      return s.status(workspaceId);
    }
    return notion.webhook().verificationToken() == null
            || notion.webhook().verificationToken().isBlank()
        ? "unverified"
        : "quiet";
  }
}
