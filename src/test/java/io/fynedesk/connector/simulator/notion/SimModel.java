package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The simulator's in-memory objects; guarded by the {@link SimState} lock. */
final class SimModel {

  private SimModel() {}

  record Workspace(String id, String name) {}

  record User(String id, String workspaceId, String name, String type, String email) {}

  static final class Token {
    final String token;
    final String workspaceId;
    final String botId;
    final Set<String> shared = new HashSet<>();
    boolean revoked;

    /** An OAuth access token past its (undocumented) lifetime: 401, but its refresh token works. */
    boolean expired;

    String refreshToken;

    Token(String token, String workspaceId, String botId) {
      this.token = token;
      this.workspaceId = workspaceId;
      this.botId = botId;
    }
  }

  static final class Database {
    final String id;
    final String workspaceId;
    String title;
    String parentPageId;
    final List<String> dataSourceIds = new ArrayList<>();
    Instant created;
    Instant edited;
    boolean inTrash;

    Database(String id, String workspaceId, String title, Instant now) {
      this.id = id;
      this.workspaceId = workspaceId;
      this.title = title;
      this.created = now;
      this.edited = now;
    }
  }

  static final class Property {
    final String id;
    final String name;
    final String type;
    final ObjectNode config;

    Property(String id, String name, String type, ObjectNode config) {
      this.id = id;
      this.name = name;
      this.type = type;
      this.config = config;
    }
  }

  static final class DataSource {
    final String id;
    final String databaseId;
    String name;
    final Map<String, Property> properties = new LinkedHashMap<>();
    Instant created;
    Instant edited;

    DataSource(String id, String databaseId, String name, Instant now) {
      this.id = id;
      this.databaseId = databaseId;
      this.name = name;
      this.created = now;
      this.edited = now;
    }

    Property property(String nameOrId) {
      Property byName = properties.get(nameOrId);
      if (byName != null) {
        return byName;
      }
      return properties.values().stream()
          .filter(p -> p.id.equals(nameOrId))
          .findFirst()
          .orElse(null);
    }

    Property titleProperty() {
      return properties.values().stream()
          .filter(p -> p.type.equals("title"))
          .findFirst()
          .orElse(null);
    }
  }

  static final class Page {
    final String id;
    final String workspaceId;
    final String parentPageId;
    final String dataSourceId;
    final long seq;

    /** Property values in response shape, keyed by property name. */
    final Map<String, ObjectNode> values = new LinkedHashMap<>();

    Instant created;
    Instant edited;
    String createdBy;
    String editedBy;
    boolean inTrash;

    Page(
        String id,
        String workspaceId,
        String parentPageId,
        String dataSourceId,
        long seq,
        Instant now,
        String author) {
      this.id = id;
      this.workspaceId = workspaceId;
      this.parentPageId = parentPageId;
      this.dataSourceId = dataSourceId;
      this.seq = seq;
      this.created = now;
      this.edited = now;
      this.createdBy = author;
      this.editedBy = author;
    }
  }

  static final class Block {
    final String id;
    final String parentId;
    final boolean parentIsPage;
    final String type;
    ObjectNode payload;
    Instant created;
    Instant edited;
    String createdBy;
    String editedBy;
    boolean inTrash;

    Block(
        String id,
        String parentId,
        boolean parentIsPage,
        String type,
        ObjectNode payload,
        Instant now,
        String author) {
      this.id = id;
      this.parentId = parentId;
      this.parentIsPage = parentIsPage;
      this.type = type;
      this.payload = payload;
      this.created = now;
      this.edited = now;
      this.createdBy = author;
      this.editedBy = author;
    }
  }
}
