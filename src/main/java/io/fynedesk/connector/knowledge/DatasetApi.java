package io.fynedesk.connector.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.security.AdminHeaders;
import io.fynedesk.connector.web.JsonBodies;
import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.ProblemException;
import io.fynedesk.connector.web.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** Datasets of the AI source (CONTRACT §5): create, list records, search; scoped to the org. */
@Component("datasetApi")
class DatasetApi {

  static final int MAX_QUERY = 1000;

  private final DatasetRepository datasets;
  private final RecordRepository records;
  private final DatasetWriter writer;
  private final DatasetIndex index;
  private final JsonBodies bodies;
  private final ObjectMapper mapper;

  DatasetApi(
      DatasetRepository datasets,
      RecordRepository records,
      DatasetWriter writer,
      DatasetIndex index,
      JsonBodies bodies,
      ObjectMapper mapper) {
    this.datasets = datasets;
    this.records = records;
    this.writer = writer;
    this.index = index;
    this.bodies = bodies;
    this.mapper = mapper;
  }

  public Reply create(
      @Header(AdminHeaders.ORG) String org,
      @Body byte[] body,
      @Header(Exchange.CONTENT_TYPE) String contentType) {
    JsonNode b = bodies.object(body, contentType, IntegrationApi.MAX_BODY);
    List<Problem.FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("name")) {
        errors.add(new Problem.FieldError(f, "unknown field"));
      }
    }
    JsonNode name = b.get("name");
    if (name == null
        || !name.isTextual()
        || name.asText().isBlank()
        || name.asText().length() > 500) {
      errors.add(
          new Problem.FieldError("name", "must be a non-empty string of at most 500 characters"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    String id = "dataset_" + UUID.randomUUID().toString().replace("-", "");
    datasets.insert(id, org, name.asText());
    return Reply.ok(Map.of("id", id));
  }

  public Reply records(@Header(AdminHeaders.ORG) String org, @Header("id") String id) {
    find(org, id);
    ArrayNode items = mapper.createArrayNode();
    records.list(id).forEach(r -> items.add(view(r, null)));
    return Reply.ok(mapper.createObjectNode().set("items", items));
  }

  public Reply search(
      @Header(AdminHeaders.ORG) String org,
      @Header("id") String id,
      @Body byte[] body,
      @Header(Exchange.CONTENT_TYPE) String contentType) {
    find(org, id);
    JsonNode b = bodies.object(body, contentType, IntegrationApi.MAX_BODY);
    JsonNode search = b.get("search");
    JsonNode limit = b.get("limit");
    List<Problem.FieldError> errors = new ArrayList<>();
    if (search == null || !search.isTextual() || search.asText().isBlank()) {
      errors.add(new Problem.FieldError("search", "must be a non-empty string"));
    } else if (search.asText().length() > MAX_QUERY) {
      errors.add(new Problem.FieldError("search", "must be at most " + MAX_QUERY + " characters"));
    }
    if (limit != null
        && !limit.isNull()
        && (!limit.isIntegralNumber() || limit.asLong() < 1 || limit.asLong() > 100)) {
      errors.add(new Problem.FieldError("limit", "must be an integer from 1 to 100"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    writer.ensureIndex(id);
    int n = limit == null || limit.isNull() ? 10 : limit.asInt();
    List<DatasetIndex.Hit> hits = index.search(id, search.asText(), n);
    Map<String, KnowledgeRecord> byId = new HashMap<>();
    records
        .byIds(id, hits.stream().map(DatasetIndex.Hit::recordId).toList())
        .forEach(r -> byId.put(r.id(), r));
    ArrayNode out = mapper.createArrayNode();
    for (DatasetIndex.Hit h : hits) {
      KnowledgeRecord r = byId.get(h.recordId());
      if (r != null) {
        ObjectNode v = mapper.createObjectNode();
        v.put("id", r.id());
        v.put("text", r.text());
        v.put("score", h.score());
        v.set("source", source(r));
        out.add(v);
      }
    }
    return Reply.ok(mapper.createObjectNode().set("records", out));
  }

  private ObjectNode view(KnowledgeRecord r, Float score) {
    ObjectNode v = mapper.createObjectNode();
    v.put("id", r.id());
    v.put("text", r.text());
    v.set("source", source(r));
    v.set("meta", r.meta());
    v.put("expiresAt", SyncRuns.time(r.expiresAt()));
    v.put("createdAt", SyncRuns.time(r.createdAt()));
    v.put("updatedAt", SyncRuns.time(r.updatedAt()));
    return v;
  }

  private ObjectNode source(KnowledgeRecord r) {
    return mapper
        .createObjectNode()
        .put("pageId", r.pageId())
        .put("url", r.url())
        .put("title", r.title());
  }

  private void find(String org, String id) {
    if (datasets.find(org, id).isEmpty()) {
      throw ProblemException.notFound("No such dataset.");
    }
  }
}
