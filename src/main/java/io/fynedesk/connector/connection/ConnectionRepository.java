package io.fynedesk.connector.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Rows of {@code notion_connection}: one per org, tokens encrypted. */
@Repository
public class ConnectionRepository {

  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper mapper;
  private final SettingsPolicy policy;

  ConnectionRepository(
      NamedParameterJdbcTemplate jdbc, ObjectMapper mapper, SettingsPolicy policy) {
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.policy = policy;
  }

  public Optional<Connection> find(String orgId) {
    return jdbc
        .query(
            "SELECT * FROM notion_connection WHERE org_id = :org",
            new MapSqlParameterSource("org", orgId),
            this::map)
        .stream()
        .findFirst();
  }

  public Optional<Connection> findByWorkspace(String workspaceId) {
    return jdbc
        .query(
            "SELECT * FROM notion_connection WHERE workspace_id = :ws",
            new MapSqlParameterSource("ws", workspaceId),
            this::map)
        .stream()
        .findFirst();
  }

  /** The connection state of each of {@code orgIds} that has a connection row. */
  public Map<String, ConnectionState> statesOf(Collection<String> orgIds) {
    Map<String, ConnectionState> states = new HashMap<>();
    if (orgIds.isEmpty()) {
      return states;
    }
    jdbc.query(
        "SELECT org_id, state FROM notion_connection WHERE org_id IN (:orgs)",
        new MapSqlParameterSource("orgs", orgIds),
        rs -> {
          states.put(rs.getString("org_id"), ConnectionState.fromWire(rs.getString("state")));
        });
    return states;
  }

  /** Orgs whose connection is usable (state connected). */
  public List<String> connectedOrgs() {
    return jdbc.queryForList(
        "SELECT org_id FROM notion_connection WHERE state = 'connected'",
        new MapSqlParameterSource(),
        String.class);
  }

  /** Stores a (re)connection: tokens, workspace, state connected; settings kept when present. */
  public void saveConnected(
      String orgId,
      String workspaceId,
      String workspaceName,
      String botId,
      String tokenKind,
      String accessEnc,
      String refreshEnc) {
    MapSqlParameterSource p =
        new MapSqlParameterSource()
            .addValue("org", orgId)
            .addValue("ws", workspaceId)
            .addValue("wsName", workspaceName)
            .addValue("bot", botId)
            .addValue("kind", tokenKind)
            .addValue("access", accessEnc)
            .addValue("refresh", refreshEnc)
            .addValue("now", now())
            .addValue("settings", write(policy.defaults()));
    int updated =
        jdbc.update(
            """
        UPDATE notion_connection SET state = 'connected', workspace_id = :ws, workspace_name = :wsName,
          bot_id = :bot, token_kind = :kind, access_token_enc = :access, refresh_token_enc = :refresh,
          last_error = NULL, connected_at = :now, updated_at = :now
        WHERE org_id = :org""",
            p);
    if (updated == 0) {
      jdbc.update(
          """
          INSERT INTO notion_connection (org_id, state, workspace_id, workspace_name, bot_id, token_kind,
            access_token_enc, refresh_token_enc, settings, connected_at, updated_at)
          VALUES (:org, 'connected', :ws, :wsName, :bot, :kind, :access, :refresh, :settings, :now, :now)""",
          p);
    }
  }

  /**
   * The org's row, locked until the current transaction ends ({@code SELECT … FOR UPDATE}): a token
   * refresh holds it, so one replica refreshes while the others wait and then see the new pair.
   */
  public Optional<Connection> lockForRefresh(String orgId) {
    return jdbc
        .query(
            "SELECT * FROM notion_connection WHERE org_id = :org FOR UPDATE",
            new MapSqlParameterSource("org", orgId),
            this::map)
        .stream()
        .findFirst();
  }

  /** Replaces the token pair of a connected org in one statement (rolling refresh tokens). */
  public void saveTokens(String orgId, String accessEnc, String refreshEnc) {
    jdbc.update(
        """
        UPDATE notion_connection SET access_token_enc = :access, refresh_token_enc = :refresh,
          updated_at = :now
        WHERE org_id = :org""",
        new MapSqlParameterSource("org", orgId)
            .addValue("access", accessEnc)
            .addValue("refresh", refreshEnc)
            .addValue("now", now()));
  }

  /** The version of the org's settings (-1 when it has no row yet). */
  public int settingsVersion(String orgId) {
    List<Integer> v =
        jdbc.queryForList(
            "SELECT settings_version FROM notion_connection WHERE org_id = :org",
            new MapSqlParameterSource("org", orgId),
            Integer.class);
    return v.isEmpty() ? -1 : v.get(0);
  }

  /**
   * Saves settings over the version they were merged onto; false when another write came first (the
   * caller merges again onto what that one wrote). Version -1: the org has no row yet.
   */
  public boolean saveSettingsOver(String orgId, ObjectNode settings, int version) {
    MapSqlParameterSource p =
        new MapSqlParameterSource("org", orgId)
            .addValue("settings", write(settings))
            .addValue("now", now())
            .addValue("version", version);
    if (version >= 0) {
      return jdbc.update(
              """
              UPDATE notion_connection SET settings = :settings, updated_at = :now,
                settings_version = settings_version + 1
              WHERE org_id = :org AND settings_version = :version""",
              p)
          == 1;
    }
    return jdbc.update(
            """
            INSERT INTO notion_connection (org_id, state, settings, updated_at)
            VALUES (:org, 'disconnected', :settings, :now) ON CONFLICT DO NOTHING""",
            p)
        == 1;
  }

  /** Notion refused the token: keep everything, ask the admin to reconnect. */
  public void markNeedsReconnect(String orgId, String message) {
    jdbc.update(
        """
        UPDATE notion_connection SET state = 'needs_reconnect', last_error = :msg, updated_at = :now
        WHERE org_id = :org AND state = 'connected'""",
        new MapSqlParameterSource("org", orgId)
            .addValue("msg", truncate(message))
            .addValue("now", now()));
  }

  public void recordError(String orgId, String message) {
    jdbc.update(
        "UPDATE notion_connection SET last_error = :msg, updated_at = :now WHERE org_id = :org",
        new MapSqlParameterSource("org", orgId)
            .addValue("msg", truncate(message))
            .addValue("now", now()));
  }

  /** Records the latest warning of the org's work (shown in health until the next one). */
  public void recordWarning(String orgId, String message) {
    jdbc.update(
        "UPDATE notion_connection SET last_warning = :msg WHERE org_id = :org",
        new MapSqlParameterSource("org", orgId).addValue("msg", truncate(message)));
  }

  public void touchEvent(String orgId, OffsetDateTime at) {
    jdbc.update(
        """
        UPDATE notion_connection SET last_event_at = :at
        WHERE org_id = :org AND (last_event_at IS NULL OR last_event_at < :at)""",
        new MapSqlParameterSource("org", orgId).addValue("at", at));
  }

  public void touchSync(String orgId) {
    jdbc.update(
        "UPDATE notion_connection SET last_sync_at = :at WHERE org_id = :org",
        new MapSqlParameterSource("org", orgId).addValue("at", now()));
  }

  /** Removes the connection row with its tokens and settings. */
  public boolean delete(String orgId) {
    return jdbc.update(
            "DELETE FROM notion_connection WHERE org_id = :org",
            new MapSqlParameterSource("org", orgId))
        > 0;
  }

  private Connection map(ResultSet rs, int row) throws SQLException {
    ObjectNode stored;
    try {
      stored = (ObjectNode) mapper.readTree(rs.getString("settings"));
    } catch (JsonProcessingException e) {
      throw new SQLException("settings of " + rs.getString("org_id") + " are not JSON", e);
    }
    return new Connection(
        rs.getString("org_id"),
        ConnectionState.fromWire(rs.getString("state")),
        rs.getString("workspace_id"),
        rs.getString("workspace_name"),
        rs.getString("bot_id"),
        rs.getString("token_kind"),
        rs.getString("access_token_enc"),
        rs.getString("refresh_token_enc"),
        policy.merge(policy.defaults(), stored),
        rs.getObject("last_event_at", OffsetDateTime.class),
        rs.getObject("last_sync_at", OffsetDateTime.class),
        rs.getString("last_error"),
        rs.getString("last_warning"),
        rs.getObject("connected_at", OffsetDateTime.class));
  }

  private String write(ObjectNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String truncate(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
