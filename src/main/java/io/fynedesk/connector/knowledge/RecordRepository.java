package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** The {@code knowledge_record} table: the source of truth of every dataset's records. */
@Repository
class RecordRepository {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper mapper;
  private final RowMapper<KnowledgeRecord> row;

  RecordRepository(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.row =
        (rs, i) ->
            new KnowledgeRecord(
                rs.getString("id"),
                rs.getString("dataset_id"),
                rs.getString("integration_id"),
                rs.getString("page_id"),
                rs.getInt("chunk_no"),
                rs.getString("text"),
                rs.getString("title"),
                rs.getString("url"),
                read(rs.getString("headings"), STRINGS),
                read(rs.getString("meta"), new TypeReference<ObjectNode>() {}),
                rs.getObject("expires_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
  }

  /** Replaces the records of one page in a dataset by {@code records} (in one transaction). */
  void replacePage(String orgId, String datasetId, String pageId, List<KnowledgeRecord> records) {
    deletePage(datasetId, pageId);
    SqlParameterSource[] batch =
        records.stream().map(r -> params(orgId, r)).toArray(SqlParameterSource[]::new);
    jdbc.batchUpdate(
        """
        INSERT INTO knowledge_record (id, dataset_id, org_id, integration_id, page_id, chunk_no,
            text, title, url, headings, meta, expires_at, created_at, updated_at)
        VALUES (:id, :dataset, :org, :integration, :page, :chunk, :text, :title, :url, :headings,
            :meta, :expires, :created, :updated)""",
        batch);
  }

  int deletePage(String datasetId, String pageId) {
    return jdbc.update(
        "DELETE FROM knowledge_record WHERE dataset_id = :dataset AND page_id = :page",
        new MapSqlParameterSource("dataset", datasetId).addValue("page", pageId));
  }

  List<KnowledgeRecord> list(String datasetId) {
    return jdbc.query(
        "SELECT * FROM knowledge_record WHERE dataset_id = :dataset ORDER BY page_id, chunk_no",
        new MapSqlParameterSource("dataset", datasetId),
        row);
  }

  List<KnowledgeRecord> byIds(String datasetId, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "SELECT * FROM knowledge_record WHERE dataset_id = :dataset AND id IN (:ids)",
        new MapSqlParameterSource("dataset", datasetId).addValue("ids", ids),
        row);
  }

  /** Streams every record of a dataset (rebuilding its index). */
  void each(String datasetId, Consumer<KnowledgeRecord> sink) {
    jdbc.query(
        "SELECT * FROM knowledge_record WHERE dataset_id = :dataset",
        new MapSqlParameterSource("dataset", datasetId),
        rs -> {
          sink.accept(row.mapRow(rs, 0));
        });
  }

  long count(String datasetId) {
    Long n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM knowledge_record WHERE dataset_id = :dataset",
            new MapSqlParameterSource("dataset", datasetId),
            Long.class);
    return n == null ? 0 : n;
  }

  long countPage(String datasetId, String pageId) {
    Long n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM knowledge_record WHERE dataset_id = :dataset AND page_id = :page",
            new MapSqlParameterSource("dataset", datasetId).addValue("page", pageId),
            Long.class);
    return n == null ? 0 : n;
  }

  private MapSqlParameterSource params(String orgId, KnowledgeRecord r) {
    try {
      return new MapSqlParameterSource("id", r.id())
          .addValue("dataset", r.datasetId())
          .addValue("org", orgId)
          .addValue("integration", r.integrationId())
          .addValue("page", r.pageId())
          .addValue("chunk", r.chunkNo())
          .addValue("text", r.text())
          .addValue("title", r.title())
          .addValue("url", r.url())
          .addValue("headings", mapper.writeValueAsString(r.headings()))
          .addValue("meta", r.meta().toString())
          .addValue("expires", r.expiresAt())
          .addValue("created", r.createdAt())
          .addValue("updated", r.updatedAt());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String json, TypeReference<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable record column", e);
    }
  }
}
