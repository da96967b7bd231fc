package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.simulator.notion.SimModel.DataSource;
import io.fynedesk.connector.simulator.notion.SimModel.Property;
import java.util.UUID;

/**
 * Fluent schema seeding of one data source: {@code sim.dataSource(db, ds,
 * "Tickets").title("Name")…}.
 */
public final class DataSourceSeed {

  private final SimState state;
  private final DataSource ds;

  DataSourceSeed(SimState state, DataSource ds) {
    this.state = state;
    this.ds = ds;
  }

  /** The data source id. */
  public String id() {
    return ds.id;
  }

  public DataSourceSeed title(String name) {
    return add(name, "title", "title", JsonNodeFactory.instance.objectNode());
  }

  public DataSourceSeed richText(String name) {
    return plain(name, "rich_text");
  }

  public DataSourceSeed number(String name) {
    return add(
        name, shortId(), "number", JsonNodeFactory.instance.objectNode().put("format", "number"));
  }

  public DataSourceSeed select(String name, String... options) {
    return add(name, shortId(), "select", options(options));
  }

  public DataSourceSeed multiSelect(String name, String... options) {
    return add(name, shortId(), "multi_select", options(options));
  }

  /**
   * A status property; the first option is in group "To-do", the last in "Complete", the others in
   * "In progress". The first option is the default of new rows.
   */
  public DataSourceSeed status(String name, String... options) {
    ObjectNode config = options(options);
    ArrayNode groups = config.putArray("groups");
    ObjectNode todo =
        groups.addObject().put("id", shortId()).put("name", "To-do").put("color", "gray");
    ObjectNode doing =
        groups.addObject().put("id", shortId()).put("name", "In progress").put("color", "blue");
    ObjectNode done =
        groups.addObject().put("id", shortId()).put("name", "Complete").put("color", "green");
    ArrayNode all = (ArrayNode) config.get("options");
    for (int i = 0; i < all.size(); i++) {
      ObjectNode group = i == 0 ? todo : i == all.size() - 1 ? done : doing;
      (group.has("option_ids") ? (ArrayNode) group.get("option_ids") : group.putArray("option_ids"))
          .add(all.get(i).get("id").asText());
    }
    for (ObjectNode g : new ObjectNode[] {todo, doing, done}) {
      if (!g.has("option_ids")) {
        g.putArray("option_ids");
      }
    }
    return add(name, shortId(), "status", config);
  }

  public DataSourceSeed date(String name) {
    return plain(name, "date");
  }

  public DataSourceSeed people(String name) {
    return plain(name, "people");
  }

  public DataSourceSeed url(String name) {
    return plain(name, "url");
  }

  public DataSourceSeed checkbox(String name) {
    return plain(name, "checkbox");
  }

  public DataSourceSeed email(String name) {
    return plain(name, "email");
  }

  public DataSourceSeed relation(String name, String targetDataSourceId) {
    ObjectNode config =
        JsonNodeFactory.instance
            .objectNode()
            .put("data_source_id", targetDataSourceId)
            .put("type", "single_property");
    config.putObject("single_property");
    return add(name, shortId(), "relation", config);
  }

  private DataSourceSeed plain(String name, String type) {
    return add(name, shortId(), type, JsonNodeFactory.instance.objectNode());
  }

  private DataSourceSeed add(String name, String id, String type, ObjectNode config) {
    synchronized (state) {
      ds.properties.put(name, new Property(id, name, type, config));
    }
    return this;
  }

  private static ObjectNode options(String... names) {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    ArrayNode options = config.putArray("options");
    for (String n : names) {
      options.addObject().put("id", shortId()).put("name", n).put("color", "default");
    }
    return config;
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 4);
  }
}
