package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code knowledge_integration} table; every read is scoped to one org. */
@Repository
class IntegrationRepository {

  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper mapper;
  private final RowMapper<Integration> row;

  IntegrationRepository(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.row =
        (rs, i) ->
            new Integration(
                rs.getString("id"),
                rs.getString("org_id"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("dataset_id"),
                rs.getString("token_enc"),
                rs.getString("sync_schedule"),
                rs.getObject("expires_in", Long.class),
                rs.getString("blueprint_id"),
                meta(rs.getString("meta")),
                rs.getString("managed_org") != null,
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("last_synced_at", OffsetDateTime.class));
  }

  void insert(Integration i) {
    jdbc.update(
        """
        INSERT INTO knowledge_integration (id, org_id, name, description, dataset_id, token_enc,
            sync_schedule, expires_in, blueprint_id, meta, managed_org, created_at, updated_at)
        VALUES (:id, :org, :name, :description, :dataset, :token, :schedule, :expiresIn,
            :blueprint, :meta, :managedOrg, :created, :updated)""",
        params(i).addValue("created", i.createdAt()).addValue("managedOrg", managedOrg(i)));
  }

  /** Writes every changeable field of an integration read before. */
  void update(Integration i) {
    jdbc.update(
        """
        UPDATE knowledge_integration SET name = :name, description = :description,
            dataset_id = :dataset, token_enc = :token, sync_schedule = :schedule,
            expires_in = :expiresIn, blueprint_id = :blueprint, meta = :meta, updated_at = :updated
        WHERE id = :id AND org_id = :org""",
        params(i));
  }

  Optional<Integration> find(String orgId, String id) {
    return jdbc
        .query(
            "SELECT * FROM knowledge_integration WHERE id = :id AND org_id = :org",
            new MapSqlParameterSource("id", id).addValue("org", orgId),
            row)
        .stream()
        .findFirst();
  }

  /** Any org's integration, for background work that carries only its id. */
  Optional<Integration> findById(String id) {
    return jdbc
        .query(
            "SELECT * FROM knowledge_integration WHERE id = :id",
            new MapSqlParameterSource("id", id),
            row)
        .stream()
        .findFirst();
  }

  Optional<Integration> findManaged(String orgId) {
    return jdbc
        .query(
            "SELECT * FROM knowledge_integration WHERE managed_org = :org",
            new MapSqlParameterSource("org", orgId),
            row)
        .stream()
        .findFirst();
  }

  List<Integration> list(String orgId) {
    return jdbc.query(
        "SELECT * FROM knowledge_integration WHERE org_id = :org ORDER BY created_at, id",
        new MapSqlParameterSource("org", orgId),
        row);
  }

  /** Every integration with a schedule (to re-register triggers on start). */
  List<Integration> scheduled() {
    return jdbc.query(
        "SELECT * FROM knowledge_integration WHERE sync_schedule IS NOT NULL",
        new MapSqlParameterSource(),
        row);
  }

  boolean delete(String orgId, String id) {
    return jdbc.update(
            "DELETE FROM knowledge_integration WHERE id = :id AND org_id = :org",
            new MapSqlParameterSource("id", id).addValue("org", orgId))
        == 1;
  }

  /**
   * Takes the manual-sync slot: true when no manual sync was accepted since {@code cutoff} (one
   * conditional UPDATE, so two concurrent requests never both win).
   */
  boolean takeManualSlot(String id, OffsetDateTime now, OffsetDateTime cutoff) {
    return jdbc.update(
            """
        UPDATE knowledge_integration SET last_manual_sync_at = :now
        WHERE id = :id AND (last_manual_sync_at IS NULL OR last_manual_sync_at <= :cutoff)""",
            new MapSqlParameterSource("id", id).addValue("now", now).addValue("cutoff", cutoff))
        == 1;
  }

  Optional<OffsetDateTime> lastManualSync(String id) {
    return jdbc
        .queryForList(
            "SELECT last_manual_sync_at FROM knowledge_integration WHERE id = :id",
            new MapSqlParameterSource("id", id),
            OffsetDateTime.class)
        .stream()
        .filter(Objects::nonNull)
        .findFirst();
  }

  void synced(String id, OffsetDateTime at) {
    jdbc.update(
        "UPDATE knowledge_integration SET last_synced_at = :at WHERE id = :id",
        new MapSqlParameterSource("id", id).addValue("at", at));
  }

  private MapSqlParameterSource params(Integration i) {
    return new MapSqlParameterSource()
        .addValue("id", i.id())
        .addValue("org", i.orgId())
        .addValue("name", i.name())
        .addValue("description", i.description())
        .addValue("dataset", i.datasetId())
        .addValue("token", i.tokenEnc())
        .addValue("schedule", i.syncSchedule())
        .addValue("expiresIn", i.expiresIn())
        .addValue("blueprint", i.blueprintId())
        .addValue("meta", i.meta().toString())
        .addValue("updated", i.updatedAt());
  }

  private static String managedOrg(Integration i) {
    return i.managed() ? i.orgId() : null;
  }

  private ObjectNode meta(String json) {
    try {
      return (ObjectNode) mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable integration meta", e);
    }
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
