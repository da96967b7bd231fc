package io.fynedesk.connector.knowledge;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code knowledge_dataset} table: an org's datasets and the version of their records. */
@Repository
class DatasetRepository {

  /** A dataset row. */
  record Dataset(String id, String orgId, String name, long version) {}

  private final NamedParameterJdbcTemplate jdbc;

  DatasetRepository(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String id, String orgId, String name) {
    OffsetDateTime now = IntegrationRepository.now();
    jdbc.update(
        """
        INSERT INTO knowledge_dataset (id, org_id, name, index_version, created_at, updated_at)
        VALUES (:id, :org, :name, 0, :now, :now)""",
        new MapSqlParameterSource("id", id)
            .addValue("org", orgId)
            .addValue("name", name)
            .addValue("now", now));
  }

  Optional<Dataset> find(String orgId, String id) {
    return jdbc
        .query(
            "SELECT * FROM knowledge_dataset WHERE id = :id AND org_id = :org",
            new MapSqlParameterSource("id", id).addValue("org", orgId),
            (rs, i) ->
                new Dataset(
                    rs.getString("id"),
                    rs.getString("org_id"),
                    rs.getString("name"),
                    rs.getLong("index_version")))
        .stream()
        .findFirst();
  }

  /** The version of a dataset's records (0 when it does not exist). */
  long version(String id) {
    List<Long> v =
        jdbc.queryForList(
            "SELECT index_version FROM knowledge_dataset WHERE id = :id",
            new MapSqlParameterSource("id", id),
            Long.class);
    return v.isEmpty() ? 0 : v.get(0);
  }

  /** Locks the dataset's row to the end of the caller's transaction (writers of it queue). */
  void lock(String id) {
    jdbc.queryForList(
        "SELECT id FROM knowledge_dataset WHERE id = :id FOR UPDATE",
        new MapSqlParameterSource("id", id),
        String.class);
  }

  /** Marks a change of the dataset's records; returns the new version. */
  long bump(String id) {
    jdbc.update(
        """
        UPDATE knowledge_dataset SET index_version = index_version + 1, updated_at = :now
        WHERE id = :id""",
        new MapSqlParameterSource("id", id).addValue("now", IntegrationRepository.now()));
    return version(id);
  }
}
