package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.simulator.notion.SimModel.Block;
import io.fynedesk.connector.simulator.notion.SimModel.DataSource;
import io.fynedesk.connector.simulator.notion.SimModel.Database;
import io.fynedesk.connector.simulator.notion.SimModel.Page;
import io.fynedesk.connector.simulator.notion.SimModel.Token;
import io.fynedesk.connector.simulator.notion.SimModel.User;
import io.fynedesk.connector.simulator.notion.SimModel.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** All objects of the simulated Notion; every access holds this object's lock. */
final class SimState {

  final ObjectMapper mapper;
  final Clock clock;
  final Map<String, Workspace> workspaces = new LinkedHashMap<>();
  final Map<String, User> users = new LinkedHashMap<>();
  final Map<String, Token> tokens = new HashMap<>();
  final Map<String, Database> databases = new LinkedHashMap<>();
  final Map<String, DataSource> dataSources = new LinkedHashMap<>();
  final Map<String, Page> pages = new LinkedHashMap<>();
  final Map<String, Block> blocks = new HashMap<>();
  final Map<String, List<String>> children = new HashMap<>();
  private final Consumer<SimEvent> events;
  private long seq;

  SimState(ObjectMapper mapper, Clock clock, Consumer<SimEvent> events) {
    this.mapper = mapper;
    this.clock = clock;
    this.events = events;
  }

  Instant now() {
    return clock.instant();
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  long nextSeq() {
    return ++seq;
  }

  void emit(SimEvent event) {
    events.accept(event);
  }

  Token token(String bearer) {
    Token t = bearer == null ? null : tokens.get(bearer);
    if (t == null || t.revoked || t.expired) {
      throw SimError.unauthorized();
    }
    return t;
  }

  /** The parent object id of any object, or null at the workspace root. */
  String parentOf(String id) {
    Block b = blocks.get(id);
    if (b != null) {
      return b.parentId;
    }
    Page p = pages.get(id);
    if (p != null) {
      return p.dataSourceId != null ? dataSources.get(p.dataSourceId).databaseId : p.parentPageId;
    }
    DataSource ds = dataSources.get(id);
    if (ds != null) {
      return ds.databaseId;
    }
    Database db = databases.get(id);
    return db == null ? null : db.parentPageId;
  }

  /** Whether the token can see this object: it or an ancestor is shared, in the same workspace. */
  boolean canSee(Token token, String id) {
    String current = id;
    for (int depth = 0; current != null && depth < 10_000; depth++) {
      if (token.shared.contains(current)) {
        return workspaceOf(id) == null || token.workspaceId.equals(workspaceOf(id));
      }
      current = parentOf(current);
    }
    return false;
  }

  String workspaceOf(String id) {
    String current = id;
    String last = id;
    while (current != null) {
      last = current;
      current = parentOf(current);
    }
    if (pages.containsKey(last)) {
      return pages.get(last).workspaceId;
    }
    return databases.containsKey(last) ? databases.get(last).workspaceId : null;
  }

  Page page(Token token, String id) {
    Page p = pages.get(normalize(id));
    if (p == null || !canSee(token, p.id)) {
      throw SimError.notFound(id);
    }
    return p;
  }

  Block block(Token token, String id) {
    Block b = blocks.get(normalize(id));
    if (b == null || !canSee(token, b.id)) {
      throw SimError.notFound(id);
    }
    return b;
  }

  DataSource dataSource(Token token, String id) {
    DataSource ds = dataSources.get(normalize(id));
    if (ds == null || !canSee(token, ds.id)) {
      throw SimError.notFound(id);
    }
    return ds;
  }

  Database database(Token token, String id) {
    Database db = databases.get(normalize(id));
    if (db == null || !canSee(token, db.id)) {
      throw SimError.notFound(id);
    }
    return db;
  }

  /** The page an object belongs to (a page itself, or the page holding a block). */
  Page owningPage(String id) {
    String current = id;
    while (current != null && !pages.containsKey(current)) {
      Block b = blocks.get(current);
      current = b == null ? null : b.parentId;
    }
    return current == null ? null : pages.get(current);
  }

  List<String> childrenOf(String id) {
    return children.computeIfAbsent(id, k -> new ArrayList<>());
  }

  boolean hasLiveChildren(String id) {
    return childrenOf(id).stream().anyMatch(c -> !blocks.get(c).inTrash);
  }

  /** Accepts ids with or without dashes, as Notion does. */
  String normalize(String id) {
    if (id != null && id.length() == 32 && !id.contains("-")) {
      return id.substring(0, 8)
          + "-"
          + id.substring(8, 12)
          + "-"
          + id.substring(12, 16)
          + "-"
          + id.substring(16, 20)
          + "-"
          + id.substring(20);
    }
    return id;
  }

  ObjectNode pageParentEvent(Page page) {
    ObjectNode parent = mapper.createObjectNode();
    if (page.dataSourceId != null) {
      parent
          .put("id", dataSources.get(page.dataSourceId).databaseId)
          .put("type", "database")
          .put("data_source_id", page.dataSourceId);
    } else if (page.parentPageId != null) {
      parent.put("id", page.parentPageId).put("type", "page");
    } else {
      parent.put("id", page.workspaceId).put("type", "space");
    }
    return parent;
  }

  void pageEvent(
      String type, Page page, String authorId, List<String> props, List<String> blockIds) {
    User author = users.get(authorId);
    emit(
        new SimEvent(
            type,
            page.workspaceId,
            page.id,
            "page",
            authorId,
            author == null ? "bot" : author.type(),
            pageParentEvent(page),
            props,
            blockIds));
  }
}
