package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.fynedesk.connector.simulator.notion.SimModel.Block;
import io.fynedesk.connector.simulator.notion.SimModel.DataSource;
import io.fynedesk.connector.simulator.notion.SimModel.Database;
import io.fynedesk.connector.simulator.notion.SimModel.Page;
import io.fynedesk.connector.simulator.notion.SimModel.Token;
import io.fynedesk.connector.simulator.notion.SimModel.User;
import io.fynedesk.connector.simulator.notion.SimModel.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process, stateful, strict fake of Notion's REST API (2025-09-03 and 2026-03-11) over real
 * HTTP, with OAuth, webhooks, a per-token rate limit, fault injection and a call log.
 *
 * <p>Strict means it rejects what Notion rejects (notion-api.md §3, §4, §6) with Notion's error
 * shape. Defaults: rate limit on, 3 requests/s per token with a burst of 9; webhook aggregation
 * window 1 s, first retry after 200 ms (doubling, 8 attempts).
 */
public final class NotionSimulator implements AutoCloseable {

  private final ObjectMapper mapper = new ObjectMapper();
  private final SimState state;
  private final SimWebhooks webhooks;
  private final SimFaults faults;
  private final SimRateLimiter limiter = new SimRateLimiter();
  private final SimOAuth oauth;
  private final SimServer server;
  private final SimPages pages;
  private final SimRender render;
  private final HttpServer http;
  private final SimFiles files;
  private final SimPersonEdits personEdits;
  private final ExecutorService executor;

  private NotionSimulator(int port, Clock clock) {
    this.webhooks = new SimWebhooks(mapper, clock, this::workspaceName);
    this.state = new SimState(mapper, clock, webhooks);
    this.faults = new SimFaults(clock);
    this.oauth = new SimOAuth(state);
    this.render = new SimRender(state);
    this.pages = new SimPages(state, render, new SimBlocks(state));
    this.server = new SimServer(state, new SimRoutes(state), oauth, faults, limiter);
    this.files = new SimFiles(mapper, clock);
    this.personEdits = new SimPersonEdits(state);
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "notion-sim-http");
              t.setDaemon(true);
              return t;
            });
    try {
      this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext("/", server::handle);
    http.createContext(SimFiles.PATH, files::handle);
    http.setExecutor(executor);
    http.start();
  }

  /** Starts on a random free port. */
  public static NotionSimulator start() {
    return start(0);
  }

  public static NotionSimulator start(int port) {
    return start(port, Clock.systemUTC());
  }

  /**
   * Starts with a clock for object timestamps and time-based faults (the call log uses real time).
   */
  public static NotionSimulator start(int port, Clock clock) {
    return new NotionSimulator(port, clock);
  }

  /** E.g. {@code http://127.0.0.1:54321}: what {@code notion.api.base-url} should be. */
  public String baseUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    server.shutdown();
    executor.shutdownNow();
    webhooks.close();
  }

  // ---- seeding ---------------------------------------------------------------------------------

  public NotionSimulator workspace(String id, String name) {
    synchronized (state) {
      state.workspaces.put(id, new Workspace(id, name));
    }
    return this;
  }

  public NotionSimulator person(String workspaceId, String userId, String name, String email) {
    return user(new User(userId, workspaceId, name, "person", email));
  }

  public NotionSimulator bot(String workspaceId, String userId, String name) {
    return user(new User(userId, workspaceId, name, "bot", null));
  }

  private NotionSimulator user(User user) {
    synchronized (state) {
      requireWorkspace(user.workspaceId());
      state.users.put(user.id(), user);
    }
    return this;
  }

  /**
   * A bearer token of a bot user, with the objects shared with it (descendants are visible too).
   */
  public NotionSimulator token(
      String token, String workspaceId, String botUserId, String... sharedIds) {
    synchronized (state) {
      requireWorkspace(workspaceId);
      if (!state.users.containsKey(botUserId)) {
        state.users.put(botUserId, new User(botUserId, workspaceId, "Bot", "bot", null));
      }
      Token t = new Token(token, workspaceId, botUserId);
      t.shared.addAll(List.of(sharedIds));
      state.tokens.put(token, t);
    }
    return this;
  }

  public NotionSimulator share(String token, String... objectIds) {
    synchronized (state) {
      state.tokens.get(token).shared.addAll(List.of(objectIds));
    }
    return this;
  }

  /** Revokes a token: every request with it gets 401 {@code unauthorized}. */
  public NotionSimulator revokeToken(String token) {
    synchronized (state) {
      state.tokens.get(token).revoked = true;
    }
    return this;
  }

  /** A database (without data source yet) under a page, or at the workspace root if null. */
  public NotionSimulator database(
      String workspaceId, String databaseId, String title, String parentPageId) {
    synchronized (state) {
      requireWorkspace(workspaceId);
      Database db = new Database(databaseId, workspaceId, title, state.now());
      db.parentPageId = parentPageId;
      state.databases.put(databaseId, db);
    }
    return this;
  }

  /** Adds a data source to a database; define its properties on the returned seed. */
  public DataSourceSeed dataSource(String databaseId, String dataSourceId, String name) {
    synchronized (state) {
      Database db = state.databases.get(databaseId);
      DataSource ds = new DataSource(dataSourceId, databaseId, name, state.now());
      state.dataSources.put(dataSourceId, ds);
      db.dataSourceIds.add(dataSourceId);
      return new DataSourceSeed(state, ds);
    }
  }

  /** A page under another page (or at the workspace root if null); returns its id. */
  public String seedPage(String workspaceId, String parentPageId, String title) {
    synchronized (state) {
      requireWorkspace(workspaceId);
      Page page =
          new Page(
              SimState.newId(),
              workspaceId,
              parentPageId,
              null,
              state.nextSeq(),
              state.now(),
              anyUser(workspaceId));
      ObjectNode value = mapper.createObjectNode().put("id", "title").put("type", "title");
      ArrayNode titleArray = value.putArray("title");
      ObjectNode item = mapper.createObjectNode();
      item.putObject("text").put("content", title);
      titleArray.add(SimRender.richTextItem(item));
      page.values.put("title", value);
      state.pages.put(page.id, page);
      return page.id;
    }
  }

  /**
   * A row of a data source from plain values (strings for title/select/status, numbers, booleans,
   * lists).
   */
  public String seedRow(String dataSourceId, Map<String, Object> values) {
    synchronized (state) {
      DataSource ds = state.dataSources.get(dataSourceId);
      Database db = state.databases.get(ds.databaseId);
      Page page =
          new Page(
              SimState.newId(),
              db.workspaceId,
              null,
              ds.id,
              state.nextSeq(),
              state.now(),
              anyUser(db.workspaceId));
      SimProperties properties = new SimProperties(state);
      page.values.putAll(properties.defaults(ds));
      ObjectNode request = mapper.createObjectNode();
      values.forEach((name, v) -> request.set(name, SimProperties.simple(ds.property(name), v)));
      page.values.putAll(properties.apply(ds, request));
      state.pages.put(page.id, page);
      return page.id;
    }
  }

  /**
   * Stores blocks (request shape, any depth and count: seeding skips request limits); returns
   * top-level ids.
   */
  public List<String> seedBlocks(String parentId, List<ObjectNode> blocks) {
    synchronized (state) {
      boolean isPage = state.pages.containsKey(parentId);
      ArrayNode array = mapper.createArrayNode();
      blocks.forEach(array::add);
      return new SimBlocks(state)
          .create(parentId, isPage, array, -1, anyUser(state.workspaceOf(parentId))).stream()
              .map(b -> b.id)
              .toList();
    }
  }

  /** Changes a property as a person in Notion's UI would (webhook author type "person"). */
  public void editPageProperty(String pageId, String property, Object value) {
    synchronized (state) {
      Page page = state.pages.get(pageId);
      String person =
          state.users.values().stream()
              .filter(u -> u.workspaceId().equals(page.workspaceId) && u.type().equals("person"))
              .map(User::id)
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("seed a person first"));
      pages.editAsUser(pageId, property, value, person);
    }
  }

  public void editPageProperty(String pageId, String property, Object value, String userId) {
    synchronized (state) {
      pages.editAsUser(pageId, property, value, userId);
    }
  }

  // ---- hosted files and edits as a person (KB sync) ------------------------------------------

  /**
   * Stores a Notion-hosted file and returns its {@code file} object ({@code {type:"file",
   * file:{url, expiry_time}}}): the pre-signed URL answers 403 an hour after this call.
   */
  public ObjectNode hostedFile(byte[] bytes, String contentType, String name) {
    return files.fileObject(baseUrl(), files.store(bytes, contentType, name));
  }

  /** Every download of a hosted file: file id, status, whether an Authorization header came. */
  public List<SimFiles.Download> fileDownloads() {
    return List.copyOf(files.downloads);
  }

  /** Replaces a text block's text as a person would (webhook page.content_updated, person). */
  public void editBlockTextAsPerson(String blockId, String text) {
    synchronized (state) {
      personEdits.editText(blockId, text);
    }
  }

  /** Appends blocks (request shape) to a page as a person; returns their ids. */
  public List<String> appendAsPerson(String pageId, List<ObjectNode> blocks) {
    synchronized (state) {
      return personEdits.append(pageId, blocks);
    }
  }

  /** Deletes a block as a person. */
  public void deleteBlockAsPerson(String blockId) {
    synchronized (state) {
      personEdits.deleteBlock(blockId);
    }
  }

  /** Moves a page to the trash ({@code true}) or restores it, as a person. */
  public void trashPageAsPerson(String pageId, boolean trash) {
    synchronized (state) {
      personEdits.trash(pageId, trash);
    }
  }

  /** Renames a (non-row) page as a person. */
  public void retitlePageAsPerson(String pageId, String title) {
    synchronized (state) {
      personEdits.retitle(pageId, title);
    }
  }

  // ---- OAuth -----------------------------------------------------------------------------------

  public NotionSimulator oauthClient(String clientId, String clientSecret) {
    return oauthClient(clientId, clientSecret, List.of());
  }

  /** FyneDesk's public app with the redirect URIs registered for it. */
  public NotionSimulator oauthClient(
      String clientId, String clientSecret, List<String> redirectUris) {
    synchronized (state) {
      oauth.client(clientId, clientSecret, redirectUris);
    }
    return this;
  }

  /** The next consent on {@code GET /v1/oauth/authorize}: the person approves for a workspace. */
  public NotionSimulator consent(String workspaceId, String ownerUserId, String... sharedIds) {
    synchronized (state) {
      oauth.consent(new SimOAuth.Consent(workspaceId, ownerUserId, Set.of(sharedIds), false));
    }
    return this;
  }

  /** The next consent is declined: the browser comes back with {@code error=access_denied}. */
  public NotionSimulator denyConsent() {
    synchronized (state) {
      oauth.consent(new SimOAuth.Consent(null, null, Set.of(), true));
    }
    return this;
  }

  /** The workspace's OAuth access tokens expire: 401 until refreshed. */
  public NotionSimulator expireAccessTokens(String workspaceId) {
    synchronized (state) {
      oauth.expireAccessTokens(workspaceId);
    }
    return this;
  }

  /** Whether an access or refresh token is still valid (what introspect would say). */
  public boolean tokenActive(String token) {
    synchronized (state) {
      return oauth.active(token);
    }
  }

  /**
   * A single-use authorization code: the user consents for the workspace and shares these objects.
   */
  public NotionSimulator authorizationCode(
      String code,
      String workspaceId,
      String ownerUserId,
      String redirectUri,
      String... sharedIds) {
    synchronized (state) {
      oauth.code(
          code, new SimOAuth.Grant(workspaceId, ownerUserId, redirectUri, Set.of(sharedIds)));
    }
    return this;
  }

  // ---- rate limit, faults ----------------------------------------------------------------------

  /** Per-token budget: {@code perSecond} sustained, {@code burst} at once. */
  public NotionSimulator rateLimit(double perSecond, int burst) {
    limiter.configure(perSecond, burst, true);
    return this;
  }

  public NotionSimulator rateLimitOff() {
    limiter.configure(3, 9, false);
    return this;
  }

  public NotionSimulator inject(Fault fault) {
    faults.add(fault);
    return this;
  }

  /** Faults still waiting for their requests (0: every counted fault was taken). */
  public int armedFaults() {
    return faults.armed();
  }

  public NotionSimulator clearFaults() {
    faults.clear();
    return this;
  }

  // ---- webhooks --------------------------------------------------------------------------------

  /**
   * Posts the unsigned verification handshake to {@code url}; returns the verification token sent.
   */
  public String sendHandshake(String url) {
    return webhooks.sendHandshake(url);
  }

  /** Subscribes a URL (API version 2025-09-03); events are signed with the verification token. */
  public String subscribe(String url, String verificationToken) {
    return webhooks.subscribe(url, verificationToken, "2025-09-03");
  }

  public String subscribe(String url, String verificationToken, String apiVersion) {
    return webhooks.subscribe(url, verificationToken, apiVersion);
  }

  /** Removes every subscription (tests that subscribe clean up after themselves with this). */
  public NotionSimulator unsubscribeAll() {
    webhooks.unsubscribeAll();
    return this;
  }

  public NotionSimulator webhookTiming(Duration aggregationWindow, Duration firstRetryDelay) {
    webhooks.configure(aggregationWindow, firstRetryDelay);
    return this;
  }

  /** When on, events are produced but never delivered (Notion drops some under load). */
  public NotionSimulator dropWebhooks(boolean drop) {
    webhooks.drop(drop);
    return this;
  }

  /**
   * The next {@code n} events of a type (e.g. {@code page.properties_updated}; null: any) are
   * produced but never delivered (a drop Notion does not retry).
   */
  public NotionSimulator dropNextWebhooks(String type, int n) {
    webhooks.faults.dropNext(type, n);
    return this;
  }

  /**
   * Every event is delivered {@code times} times (attempt_number 1…times) even when answered 200.
   */
  public NotionSimulator deliverEachWebhook(int times) {
    webhooks.faults.deliverEach(times);
    return this;
  }

  /**
   * Events of a type (null: any) wait from now on, until {@link #releaseWebhooksNewestFirst()}
   * (out-of-order delivery).
   */
  public NotionSimulator holdWebhooks(String type) {
    webhooks.faults.hold(type);
    return this;
  }

  /** How many events are held. */
  public int heldWebhooks() {
    return webhooks.faults.heldCount();
  }

  /** Delivers the held events, newest first. */
  public NotionSimulator releaseWebhooksNewestFirst() {
    webhooks.releaseNewestFirst();
    return this;
  }

  /** Back to plain delivery: no drops, repeats or holding. */
  public NotionSimulator clearWebhookFaults() {
    webhooks.faults.clear();
    return this;
  }

  public List<WebhookDelivery> webhookDeliveries() {
    return webhooks.deliveries();
  }

  // ---- call log and reads ----------------------------------------------------------------------

  public List<RecordedCall> calls() {
    return List.copyOf(server.calls);
  }

  /**
   * Figures of the call log and rows, as {@code GET /_sim/stats} serves them (that path is the
   * simulator's own: not logged, not rate limited): requests, rateLimited, pagesCreated, times,
   * rows.
   */
  public JsonNode stats() {
    return server.stats();
  }

  /** Calls with this method (null: any) whose path matches the regex. */
  public List<RecordedCall> calls(String method, String pathRegex) {
    return server.calls.stream().filter(c -> c.matches(method, pathRegex)).toList();
  }

  /** Forgets the call log, injected faults and webhook deliveries; data stays. */
  public void reset() {
    server.calls.clear();
    faults.clear();
    webhooks.clearDeliveries();
  }

  /** A page as the API would return it (version 2025-09-03), or null. */
  public JsonNode page(String id) {
    synchronized (state) {
      Page page = state.pages.get(id);
      return page == null ? null : render.page(page, "2025-09-03");
    }
  }

  /** Ids of the pages directly under a page, trashed ones included, oldest first. */
  public List<String> childPages(String parentPageId) {
    synchronized (state) {
      return state.pages.values().stream()
          .filter(p -> parentPageId.equals(p.parentPageId))
          .sorted((a, b) -> Long.compare(a.seq, b.seq))
          .map(p -> p.id)
          .toList();
    }
  }

  /** The live (not trashed) children of a page or block, rendered. */
  public List<JsonNode> children(String parentId) {
    synchronized (state) {
      return state.childrenOf(parentId).stream()
          .map(state.blocks::get)
          .filter(b -> !b.inTrash)
          .map(b -> (JsonNode) render.block(b, "2025-09-03"))
          .toList();
    }
  }

  /**
   * The live block tree under a page or block as {@code [{type, text, children:[…]}]}, for
   * comparisons.
   */
  public ArrayNode outline(String parentId) {
    synchronized (state) {
      ArrayNode out = mapper.createArrayNode();
      for (String id : state.childrenOf(parentId)) {
        Block b = state.blocks.get(id);
        if (!b.inTrash) {
          ObjectNode node =
              out.addObject()
                  .put("type", b.type)
                  .put("text", SimRender.plainText(b.payload.path("rich_text")));
          node.set("children", outline(id));
        }
      }
      return out;
    }
  }

  /** Rows (pages not in trash) of a data source. */
  public List<String> rows(String dataSourceId) {
    synchronized (state) {
      return state.pages.values().stream()
          .filter(p -> dataSourceId.equals(p.dataSourceId) && !p.inTrash)
          .map(p -> p.id)
          .toList();
    }
  }

  /** Refresh tokens currently valid for a workspace. */
  public List<String> refreshTokens(String workspaceId) {
    synchronized (state) {
      return oauth.refreshTokensOf(workspaceId);
    }
  }

  private String workspaceName(String workspaceId) {
    synchronized (state) {
      Workspace w = state.workspaces.get(workspaceId);
      return w == null ? null : w.name();
    }
  }

  private void requireWorkspace(String id) {
    if (!state.workspaces.containsKey(id)) {
      throw new IllegalArgumentException("seed workspace " + id + " first");
    }
  }

  private String anyUser(String workspaceId) {
    return state.users.values().stream()
        .filter(u -> u.workspaceId().equals(workspaceId))
        .map(User::id)
        .findFirst()
        .orElse("00000000-0000-0000-0000-000000000000");
  }
}
