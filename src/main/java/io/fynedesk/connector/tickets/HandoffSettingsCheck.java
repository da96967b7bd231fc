package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.connection.Connection;
import io.fynedesk.connector.connection.ConnectionService;
import io.fynedesk.connector.connection.NotionAccess;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.web.Problem.FieldError;
import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.ProblemException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * When a connected org changes its hand-off target or property map, checks them against Notion:
 * the data source must be shared, and each mapped property must exist in its schema.
 */
@Component
public class HandoffSettingsCheck implements ConnectionService.SettingsCheck {

  private final DataSourceSchemas schemas;
  private final NotionAccess access;

  HandoffSettingsCheck(DataSourceSchemas schemas, NotionAccess access) {
    this.schemas = schemas;
    this.access = access;
  }

  @Override
  public List<FieldError> check(Connection connection, ObjectNode merged, JsonNode patch) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode handoffPatch = patch.path("ticketHandoff");
    if (!handoffPatch.has("dataSourceId") && !handoffPatch.has("propertyMap")) {
      return errors;
    }
    JsonNode id = merged.path("ticketHandoff").path("dataSourceId");
    if (id.isNull() || id.isMissingNode()) {
      return errors;
    }
    NotionAuth auth = access.require(connection.orgId());
    schemas.evict(connection.orgId());
    JsonNode properties;
    try {
      properties = schemas.properties(auth, id.asText());
      ((ObjectNode) merged.path("ticketHandoff")).put("dataSourceId", schemas.dataSourceId(auth, id.asText()));
    } catch (NotionApiException e) {
      if (e.status() == 404 || e.status() == 400 || e.status() == 403) {
        errors.add(new FieldError("ticketHandoff.dataSourceId",
            "not a data source or database shared with the Notion connection"));
        return errors;
      }
      throw new ProblemException(Problem.of(503, "notion_unavailable",
          "Notion could not be reached to check the settings."), 5);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = merged.path("ticketHandoff").path("propertyMap").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!properties.has(e.getValue().asText())) {
        errors.add(new FieldError("ticketHandoff.propertyMap." + e.getKey(),
            "the data source has no property named \"" + e.getValue().asText() + "\""));
      }
    }
    return errors;
  }
}
