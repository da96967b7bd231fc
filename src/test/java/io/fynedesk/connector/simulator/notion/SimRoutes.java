package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.simulator.notion.SimModel.Block;
import io.fynedesk.connector.simulator.notion.SimModel.DataSource;
import io.fynedesk.connector.simulator.notion.SimModel.Page;
import io.fynedesk.connector.simulator.notion.SimModel.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The REST endpoints of the simulated Notion API (everything under /v1 except OAuth). */
final class SimRoutes {

  private record Route(String method, Pattern pattern, Function<SimRequest, JsonNode> handler) {}

  /** A matched route and its path parameters. */
  record Match(Function<SimRequest, JsonNode> handler, List<String> params) {}

  private static final String ID = "([^/]+)";
  private final List<Route> routes = new ArrayList<>();
  private final SimState state;
  private final SimRender render;
  private final SimBlocks blocks;
  private final SimPages pages;

  SimRoutes(SimState state) {
    this.state = state;
    this.render = new SimRender(state);
    this.blocks = new SimBlocks(state);
    this.pages = new SimPages(state, render, blocks);
    add("GET", "/v1/users/me", r -> render.user(state.users.get(r.token().botId)));
    add("GET", "/v1/users", this::listUsers);
    add("GET", "/v1/users/" + ID, this::retrieveUser);
    add("POST", "/v1/search", this::search);
    add("GET", "/v1/databases/" + ID, r -> render.database(state.database(r.token(), r.param(0))));
    add("GET", "/v1/data_sources/" + ID, r -> render.dataSource(dataSource(r)));
    add("POST", "/v1/data_sources/" + ID + "/query", this::query);
    add("POST", "/v1/pages", pages::create);
    add("GET", "/v1/pages/" + ID, r -> render.page(state.page(r.token(), r.param(0)), r.version()));
    add("PATCH", "/v1/pages/" + ID, pages::update);
    add("GET", "/v1/blocks/" + ID, this::retrieveBlock);
    add("GET", "/v1/blocks/" + ID + "/children", this::listChildren);
    add("PATCH", "/v1/blocks/" + ID + "/children", pages::append);
    add("PATCH", "/v1/blocks/" + ID, pages::updateBlock);
    add("DELETE", "/v1/blocks/" + ID, pages::deleteBlock);
  }

  private void add(String method, String path, Function<SimRequest, JsonNode> handler) {
    routes.add(new Route(method, Pattern.compile(path), handler));
  }

  /** The route for a method and path, or null (Notion: 400 invalid_request_url). */
  Match match(String method, String path) {
    for (Route route : routes) {
      Matcher m = route.pattern.matcher(path);
      if (route.method.equals(method) && m.matches()) {
        List<String> params = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
          params.add(m.group(i));
        }
        return new Match(route.handler, params);
      }
    }
    return null;
  }

  private DataSource dataSource(SimRequest r) {
    if (r.version().compareTo("2025-09-03") < 0) {
      throw SimError.invalidUrl(r.method(), r.path());
    }
    return state.dataSource(r.token(), r.param(0));
  }

  private JsonNode listUsers(SimRequest r) {
    List<User> users =
        state.users.values().stream()
            .filter(u -> u.workspaceId().equals(r.token().workspaceId))
            .toList();
    return paginate(r, users, User::id, u -> render.user(u), "user");
  }

  private JsonNode retrieveUser(SimRequest r) {
    User user = state.users.get(r.param(0));
    if (user == null || !user.workspaceId().equals(r.token().workspaceId)) {
      throw SimError.notFound(r.param(0));
    }
    return render.user(user);
  }

  private JsonNode search(SimRequest r) {
    JsonNode filter = r.body().path("filter");
    String kind = filter.isMissingNode() ? null : filter.path("value").asText();
    if (kind != null && !kind.equals("page") && !kind.equals("data_source")) {
      throw SimError.validation(
          "body.filter.value should be `\"page\"` or `\"data_source\"`, instead was `"
              + filter.path("value")
              + "`.");
    }
    String query = r.body().path("query").asText("").toLowerCase(Locale.ROOT);
    List<ObjectNode> hits = new ArrayList<>();
    if (!"data_source".equals(kind)) {
      state.pages.values().stream()
          .filter(p -> !p.inTrash && state.canSee(r.token(), p.id))
          .filter(p -> render.title(p).toLowerCase(Locale.ROOT).contains(query))
          .forEach(p -> hits.add(render.page(p, r.version())));
    }
    if (!"page".equals(kind)) {
      state.dataSources.values().stream()
          .filter(
              ds ->
                  state.canSee(r.token(), ds.id)
                      && ds.name.toLowerCase(Locale.ROOT).contains(query))
          .forEach(ds -> hits.add(render.dataSource(ds)));
    }
    boolean ascending = "ascending".equals(r.body().path("sort").path("direction").asText());
    hits.sort(
        (a, b) ->
            (ascending ? 1 : -1)
                * a.path("last_edited_time")
                    .asText()
                    .compareTo(b.path("last_edited_time").asText()));
    return paginate(r, hits, h -> h.path("id").asText(), h -> h, "page_or_data_source");
  }

  private JsonNode query(SimRequest r) {
    DataSource ds = dataSource(r);
    JsonNode filter = r.body().get("filter");
    List<Page> rows =
        state.pages.values().stream()
            .filter(p -> ds.id.equals(p.dataSourceId) && !p.inTrash)
            .filter(p -> SimQuery.matches(ds, p, filter))
            .sorted(SimQuery.sorts(ds, r.body().get("sorts")))
            .toList();
    boolean capped = rows.size() > SimPages.QUERY_ROW_LIMIT;
    if (capped) {
      rows = rows.subList(0, SimPages.QUERY_ROW_LIMIT);
    }
    ObjectNode list = paginate(r, rows, p -> p.id, p -> render.page(p, r.version()), "page");
    if (capped && !list.path("has_more").asBoolean()) {
      list.putObject("request_status")
          .put("type", "incomplete")
          .put("incomplete_reason", "query_result_limit_reached");
    }
    return list;
  }

  private JsonNode retrieveBlock(SimRequest r) {
    String id = state.normalize(r.param(0));
    Page page = state.pages.get(id);
    if (page != null && state.canSee(r.token(), id)) {
      return render.pageAsBlock(page, r.version());
    }
    return render.block(state.block(r.token(), id), r.version());
  }

  private JsonNode listChildren(SimRequest r) {
    String id = pages.container(r.token(), r.param(0));
    List<Block> children =
        state.childrenOf(id).stream().map(state.blocks::get).filter(b -> !b.inTrash).toList();
    // Sub-pages are child_page blocks of their parent page, as in Notion (after the content here).
    List<JsonNode> all = new ArrayList<>();
    children.forEach(b -> all.add(render.block(b, r.version())));
    state.pages.values().stream()
        .filter(p -> id.equals(p.parentPageId) && !p.inTrash)
        .sorted((a, b) -> Long.compare(a.seq, b.seq))
        .forEach(p -> all.add(render.pageAsBlock(p, r.version())));
    return paginate(r, all, b -> b.path("id").asText(), b -> b, "block");
  }

  /**
   * Cursor pagination as Notion does it: the cursor is the id of the first item of the next page.
   */
  <T> ObjectNode paginate(
      SimRequest r, List<T> items, Function<T, String> id, Function<T, JsonNode> out, String type) {
    int size = r.pageSize();
    String cursor = r.cursor();
    int start = 0;
    if (cursor != null) {
      start = -1;
      for (int i = 0; i < items.size(); i++) {
        if (id.apply(items.get(i)).equals(cursor)) {
          start = i;
        }
      }
      if (start < 0) {
        throw SimError.validation(
            "start_cursor should be a valid cursor, instead was `" + cursor + "`.");
      }
    }
    int end = Math.min(items.size(), start + size);
    ObjectNode list = state.mapper.createObjectNode().put("object", "list");
    ArrayNode results = list.putArray("results");
    items.subList(start, end).forEach(i -> results.add(out.apply(i)));
    if (end < items.size()) {
      list.put("next_cursor", id.apply(items.get(end))).put("has_more", true);
    } else {
      list.putNull("next_cursor").put("has_more", false);
    }
    list.put("type", type).putObject(type);
    return list;
  }
}
