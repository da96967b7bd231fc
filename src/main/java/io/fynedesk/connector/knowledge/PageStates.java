package io.fynedesk.connector.knowledge;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code knowledge_page} table: what an integration last wrote for each page of a dataset. */
@Repository
class PageStates {

  /** A page's state after its last sync. */
  record PageState(
      String pageId,
      String contentHash,
      String lastEdited,
      OffsetDateTime syncedAt,
      OffsetDateTime expiresAt) {}

  private final NamedParameterJdbcTemplate jdbc;

  PageStates(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Map<String, PageState> of(String integrationId, String datasetId) {
    Map<String, PageState> out = new HashMap<>();
    jdbc.query(
        "SELECT * FROM knowledge_page WHERE integration_id = :i AND dataset_id = :d",
        new MapSqlParameterSource("i", integrationId).addValue("d", datasetId),
        rs -> {
          out.put(
              rs.getString("page_id"),
              new PageState(
                  rs.getString("page_id"),
                  rs.getString("content_hash"),
                  rs.getString("last_edited"),
                  rs.getObject("synced_at", OffsetDateTime.class),
                  rs.getObject("expires_at", OffsetDateTime.class)));
        });
    return out;
  }

  void put(String integrationId, String datasetId, PageState s) {
    MapSqlParameterSource p =
        new MapSqlParameterSource("i", integrationId)
            .addValue("d", datasetId)
            .addValue("page", s.pageId())
            .addValue("hash", s.contentHash())
            .addValue("edited", s.lastEdited())
            .addValue("synced", s.syncedAt())
            .addValue("expires", s.expiresAt());
    int n =
        jdbc.update(
            """
            UPDATE knowledge_page SET content_hash = :hash, last_edited = :edited,
                synced_at = :synced, expires_at = :expires
            WHERE integration_id = :i AND dataset_id = :d AND page_id = :page""",
            p);
    if (n == 0) {
      jdbc.update(
          """
          INSERT INTO knowledge_page (integration_id, dataset_id, page_id, content_hash,
              last_edited, synced_at, expires_at)
          VALUES (:i, :d, :page, :hash, :edited, :synced, :expires) ON CONFLICT DO NOTHING""",
          p);
    }
  }

  void remove(String integrationId, String datasetId, String pageId) {
    jdbc.update(
        "DELETE FROM knowledge_page WHERE integration_id = :i AND dataset_id = :d AND page_id = :p",
        new MapSqlParameterSource("i", integrationId)
            .addValue("d", datasetId)
            .addValue("p", pageId));
  }

  void removeIntegration(String integrationId) {
    jdbc.update(
        "DELETE FROM knowledge_page WHERE integration_id = :i",
        new MapSqlParameterSource("i", integrationId));
  }
}
