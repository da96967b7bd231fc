package io.fynedesk.connector.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.loopguard.WrittenValues;
import io.fynedesk.connector.notion.NotionAuth;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds what a ticket's page holds (mapped properties, body) and records what the connector wrote.
 */
@Component
public class TicketPages {

  private final DataSourceSchemas schemas;
  private final WorkspaceUsers users;
  private final TicketPageBody body;
  private final WrittenValues written;
  private final PropertyMapper propertyMapper;
  private final ObjectMapper mapper;

  TicketPages(
      DataSourceSchemas schemas,
      WorkspaceUsers users,
      TicketPageBody body,
      WrittenValues written,
      ObjectMapper mapper) {
    this.schemas = schemas;
    this.users = users;
    this.body = body;
    this.written = written;
    this.propertyMapper = new PropertyMapper(mapper);
    this.mapper = mapper;
  }

  /** A page about to be created. */
  public record Draft(PropertyMapper.Mapped mapped, List<ObjectNode> body) {}

  public Draft draft(NotionAuth auth, Ticket ticket, HandoffSettings settings) {
    return new Draft(map(auth, ticket, settings), body.blocks(auth.connectionKey(), ticket));
  }

  /** The ticket's mapped properties under the org's {@code ticketHandoff} settings. */
  public PropertyMapper.Mapped map(NotionAuth auth, Ticket ticket, HandoffSettings settings) {
    JsonNode propertyMap = mapper.valueToTree(settings.propertyMap());
    JsonNode schema = schemas.properties(auth, settings.dataSourceId());
    return propertyMapper.map(ticket, propertyMap, schema, email -> users.byEmail(auth, email));
  }

  /** Records each property value written to a page, for the loop guard. */
  public void remember(String org, String pageId, ObjectNode properties) {
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      written.record(org, WrittenValues.NOTION, pageId, e.getKey(), e.getValue().toString());
    }
  }

  public void forgetSchema(String org) {
    schemas.evict(org);
  }
}
