package io.fynedesk.connector.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.web.Problem;
import io.fynedesk.connector.web.Problem.FieldError;
import io.fynedesk.connector.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What an id a setting names is for the org's Notion connection: a shared page, a shared data
 * source (a database id resolves to its data source), or nothing it can see. Sections check their
 * ids with it when the org is connected; Notion out of reach is 503 {@code notion_unavailable}
 * (retry later), never "not shared".
 */
@Component
public class SharedResources {

  /** A shared page, or a data source with its resolved id. */
  public record Shared(boolean page, String dataSourceId) {}

  private final NotionClient notion;

  SharedResources(NotionClient notion) {
    this.notion = notion;
  }

  /** Whether {@code id} is a page shared with the connection. */
  public boolean isPage(OrgConnection connection, String id) {
    try {
      notion.retrievePage(connection.auth(), id);
      return true;
    } catch (NotionApiException e) {
      requireReachable(e);
      return false;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The page or data source {@code id} names, empty when the connection cannot see it; {@link
   * IllegalArgumentException} when it is not a Notion id at all.
   */
  public Optional<Shared> pageOrDataSource(OrgConnection connection, String id) {
    if (isPage(connection, id)) {
      return Optional.of(new Shared(true, null));
    }
    try {
      return Optional.of(new Shared(false, notion.resolveDataSourceId(connection.auth(), id)));
    } catch (NotionApiException e) {
      requireReachable(e);
      return Optional.empty();
    }
  }

  /**
   * Each of {@code ids} (the setting at {@code field}, a JSON array) must be a page or data source
   * shared with the connection: what is not adds a field error ({@code field[i]}); returns the
   * resolved ids of the data sources among them.
   */
  public List<String> checkPagesOrDataSources(
      OrgConnection connection, String field, JsonNode ids, List<FieldError> errors) {
    List<String> dataSources = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String at = field + "[" + i + "]";
      try {
        Optional<Shared> found = pageOrDataSource(connection, ids.get(i).asText());
        if (found.isEmpty()) {
          errors.add(
              new FieldError(at, "not a page or data source shared with the Notion connection"));
        } else if (!found.get().page()) {
          dataSources.add(found.get().dataSourceId());
        }
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(at, "not a Notion id"));
      }
    }
    return dataSources;
  }

  /**
   * Notion's refusal of an id (400, 403, 404) means "not shared"; anything else is Notion out of
   * reach, a 503 {@code notion_unavailable} the admin retries, thrown here.
   */
  public static void requireReachable(NotionApiException e) {
    if (e.status() != 404 && e.status() != 400 && e.status() != 403) {
      throw new ProblemException(
          Problem.of(
              503, "notion_unavailable", "Notion could not be reached to check the settings."),
          5);
    }
  }
}
