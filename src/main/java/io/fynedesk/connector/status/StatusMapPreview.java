package io.fynedesk.connector.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.security.AdminHeaders;
import io.fynedesk.connector.web.JsonBodies;
import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.ProblemException;
import io.fynedesk.connector.web.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/connections/notion/status-map/preview}: a dry run of the status map. For each
 * option of the status property in the hand-off data source, the ticket status or action it would
 * give (or none), from the saved {@code statusSync} settings or a candidate {@code property} and
 * {@code map} in the body. Writes nothing.
 */
@Component("statusMapPreview")
public class StatusMapPreview {

  private static final long MAX_BODY = 64 * 1024;

  private final OrgConnections connections;
  private final NotionClient notion;
  private final JsonBodies bodies;
  private final StatusSyncSection section;
  private final ObjectMapper mapper;

  StatusMapPreview(
      OrgConnections connections,
      NotionClient notion,
      JsonBodies bodies,
      StatusSyncSection section,
      ObjectMapper mapper) {
    this.mapper = mapper;
    this.connections = connections;
    this.notion = notion.urgent();
    this.bodies = bodies;
    this.section = section;
  }

  public Reply preview(
      @Header(AdminHeaders.ORG) String org,
      @Body byte[] body,
      @Header("Content-Type") String contentType) {
    JsonNode candidate =
        body == null || body.length == 0
            ? mapper.createObjectNode()
            : bodies.object(body, contentType, MAX_BODY);
    validate(candidate);
    OrgConnection c =
        connections
            .connected(org)
            .orElseThrow(() -> ProblemException.of(409, "not_connected", "Connect Notion first."));
    StatusSyncSettings saved = c.settings().section(StatusSyncSettings.class);
    String property =
        candidate.hasNonNull("property") ? candidate.get("property").asText() : saved.property();
    Map<String, String> map =
        candidate.hasNonNull("map") ? section.parse(merged(candidate)).map() : saved.map();
    List<String> sources = c.settings().watchedDataSources();
    if (sources.isEmpty()) {
      throw ProblemException.of(
          409, "conflict", "No data source is chosen (ticketHandoff.dataSourceId).");
    }
    JsonNode schema = notion.retrieveDataSource(c.auth(), sources.get(0)).path("properties");
    JsonNode prop = schema.path(property);
    String type = prop.path("type").asText("");
    if (!type.equals("status") && !type.equals("select")) {
      throw new ProblemException(
          Problem.validation(
              List.of(
                  new Problem.FieldError(
                      "property",
                      prop.isMissingNode()
                          ? "the data source has no property \"" + property + "\""
                          : "\""
                              + property
                              + "\" is a "
                              + type
                              + " property, not status or select"))));
    }
    return Reply.ok(answer(sources.get(0), property, type, prop.path(type).path("options"), map));
  }

  private Map<String, Object> answer(
      String dataSource, String property, String type, JsonNode options, Map<String, String> map) {
    StatusMap statusMap = new StatusMap(map);
    List<Map<String, Object>> rows = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (JsonNode o : options) {
      String id = o.path("id").asText(null);
      String name = o.path("name").asText(null);
      Optional<StatusMap.Target> target = statusMap.resolve(id, name);
      Optional<String> key = statusMap.keyFor(id, name);
      key.ifPresent(used::add);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", id);
      row.put("name", name);
      row.put("target", target.map(StatusMap.Target::toString).orElse(null));
      row.put("kind", target.map(t -> t.status() != null ? "status" : "action").orElse(null));
      row.put(
          "matchedBy",
          key.map(k -> k.equals(id) ? "id" : k.equals(name) ? "name" : "name_ignoring_case")
              .orElse(null));
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dataSourceId", dataSource);
    out.put("property", property);
    out.put("propertyType", type);
    out.put("options", rows);
    out.put("unmatchedKeys", map.keySet().stream().filter(k -> !used.contains(k)).toList());
    return out;
  }

  /** The candidate's fields checked as the {@code statusSync} settings section checks them. */
  private void validate(JsonNode candidate) {
    ObjectNode asPatch = mapper.createObjectNode();
    List<Problem.FieldError> errors = new ArrayList<>();
    candidate
        .fieldNames()
        .forEachRemaining(
            f -> {
              if (f.equals("property") || f.equals("map")) {
                asPatch.set(f, candidate.get(f));
              } else {
                errors.add(new Problem.FieldError(f, "unknown field (property, map)"));
              }
            });
    for (Problem.FieldError e : section.validate(asPatch)) {
      errors.add(
          new Problem.FieldError(
              e.field().replaceFirst("^" + StatusSyncSection.NAME + "\\.", ""), e.message()));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
  }

  private JsonNode merged(JsonNode candidate) {
    ObjectNode s = section.defaults();
    s.set("map", candidate.get("map"));
    return s;
  }
}
