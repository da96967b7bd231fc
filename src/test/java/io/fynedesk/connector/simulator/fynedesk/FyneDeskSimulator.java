package io.fynedesk.connector.simulator.fynedesk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.fynedesk.Person;
import io.fynedesk.connector.fynedesk.Ticket;
import io.fynedesk.connector.fynedesk.TicketLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory FyneDesk speaking CONTRACT §2 over real HTTP, which also posts signed events (§1) to
 * the connector, records every call and injects faults; used by tests and the sandbox profile.
 */
public final class FyneDeskSimulator implements AutoCloseable {

  /** Bearer token the simulator expects until {@link #token(String)} sets another. */
  public static final String DEFAULT_TOKEN = "fynedesk-simulator-token";

  /** The simulator's own seeding path (not FyneDesk's API, no auth): see {@code TicketApi#seed}. */
  public static final String SEED_TICKETS_PATH = "/_sim/tickets";

  private static final AtomicLong TICKET_NUMBERS = new AtomicLong(1000);

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
  private final Faults faults = new Faults();
  private final EventEmitter emitter = new EventEmitter(json);
  private final TicketApi tickets = new TicketApi(json, this::apiWrite);
  private final ArticleApi articles = new ArticleApi(json, this::apiWrite, this::baseUrl);
  private final ExecutorService httpThreads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "fynedesk-sim-http");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpServer server;
  private volatile String token = DEFAULT_TOKEN;
  private volatile boolean autoEmit;
  // Guarded by itself: events of API writes held back while holdApiEvents is on, in write order.
  private final List<HeldEvent> held = new ArrayList<>();
  private boolean holding;

  private FyneDeskSimulator(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/",
        new SimulatorHttpHandler(json, faults, () -> token, calls::add)
            .route("GET", "/api/v1/tickets/([^/]+)", tickets::get)
            .route("PATCH", "/api/v1/tickets/([^/]+)", tickets::patch)
            .route("POST", "/api/v1/tickets/([^/]+)/actions", tickets::action)
            .route("POST", "/api/v1/tickets/([^/]+)/links", tickets::link)
            .route("POST", "/api/v1/kb/articles", articles::create)
            .route("GET", "/api/v1/kb/articles/([^/]+)", articles::get)
            .route("PUT", "/api/v1/kb/articles/([^/]+)", articles::replace)
            .route("PATCH", "/api/v1/kb/articles/([^/]+)", articles::patch)
            .route("POST", "/api/v1/kb/attachments", articles::upload)
            .route("GET", "/files/([^/]+)", articles::file)
            .route("POST", SEED_TICKETS_PATH, tickets::seed)
            .route("GET", "/_sim/orgs/([^/]+)/tickets/([^/]+)/links", tickets::linksOf));
    server.setExecutor(httpThreads);
    server.start();
  }

  /** Starts a simulator on a free loopback port. */
  public static FyneDeskSimulator start() {
    return start(0);
  }

  /** Starts a simulator on the given loopback port (0: any free port). */
  public static FyneDeskSimulator start(int port) {
    try {
      return new FyneDeskSimulator(port);
    } catch (IOException e) {
      throw new UncheckedIOException("FyneDesk simulator cannot listen on port " + port, e);
    }
  }

  /** Sets the bearer token the REST API accepts (others get 401). */
  public FyneDeskSimulator token(String apiToken) {
    this.token = apiToken;
    return this;
  }

  /** Where events go ({@code …/api/v1/events} of the connector) and the secret that signs them. */
  public FyneDeskSimulator events(String eventsUrl, String eventsSecret) {
    emitter.target(eventsUrl == null ? null : URI.create(eventsUrl), eventsSecret);
    return this;
  }

  /** Whether API writes emit the event FyneDesk would, with the write's origin header copied in. */
  public FyneDeskSimulator autoEmit(boolean enabled) {
    this.autoEmit = enabled;
    return this;
  }

  /**
   * Base URL of the REST API, such as {@code http://127.0.0.1:41234}, for {@code
   * fynedesk.api.base-url}.
   */
  public String baseUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  // ---- seeding and acting as a human in FyneDesk
  // -------------------------------------------------

  /** Stores a ticket for an org without emitting anything. */
  public Ticket addTicket(String org, Ticket ticket) {
    tickets.put(org, ticket);
    return ticket;
  }

  /** Stores an article for an org without emitting anything. */
  public Article addArticle(String org, Article article) {
    return articles.put(org, article);
  }

  /** A complete, valid open ticket with the given id and subject. */
  public static Ticket sampleTicket(String id, String subject) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new Ticket(
        id,
        TICKET_NUMBERS.incrementAndGet(),
        subject,
        "Details of " + subject,
        "open",
        "normal",
        List.of(),
        "general",
        new Person("Ada Lovelace", "ada@example.com"),
        null,
        "https://fynedesk.example/tickets/" + id,
        now,
        now);
  }

  /** An agent creates a ticket: stored, then {@code ticket.created} is emitted. */
  public Ticket createTicket(String org, Ticket ticket) {
    ObjectNode stored = tickets.put(org, ticket);
    emit(org, "ticket.created", tickets.data(stored));
    return ticket;
  }

  /**
   * An agent changes a ticket's status: {@code ticket.status_changed} without origin, if it
   * changed.
   */
  public Ticket changeTicketStatus(String org, String ticketId, String status) {
    tickets
        .changeStatus(org, ticketId, status)
        .ifPresent(t -> emit(org, "ticket.status_changed", tickets.data(t)));
    return ticket(org, ticketId).orElseThrow();
  }

  /** An agent tags a ticket: {@code ticket.tagged} with {@code data.tag}. */
  public Ticket tagTicket(String org, String ticketId, String tag) {
    ObjectNode data = tickets.data(tickets.addTag(org, ticketId, tag)).put("tag", tag);
    emit(org, "ticket.tagged", data);
    return ticket(org, ticketId).orElseThrow();
  }

  /**
   * An agent publishes an article in FyneDesk: stored, then {@code article.published} (no origin).
   */
  public Article publishArticle(String org, Article article) {
    articles.put(org, article);
    emitter.emit(
        org,
        "article.published",
        articles.data(articles.articleJson(org, article.id()).orElseThrow()),
        null);
    return article;
  }

  /** An agent edits an article in FyneDesk: stored, then {@code article.updated} (no origin). */
  public void editArticle(String org, String articleId, String title, String bodyHtml) {
    emitter.emit(
        org,
        "article.updated",
        articles.data(articles.agentEdit(org, articleId, title, bodyHtml, null)),
        null);
  }

  /** An agent unpublishes an article: archived, then {@code article.unpublished} (no origin). */
  public void unpublishArticle(String org, String articleId) {
    emitter.emit(
        org,
        "article.unpublished",
        articles.data(articles.agentEdit(org, articleId, null, null, "archived")),
        null);
  }

  /** An agent publishes an archived article again: {@code article.published} (no origin). */
  public void republishArticle(String org, String articleId) {
    emitter.emit(
        org,
        "article.published",
        articles.data(articles.agentEdit(org, articleId, null, null, "published")),
        null);
  }

  /** Posts a signed event without origin; returns its id. */
  public String emit(String org, String type, JsonNode data) {
    return emit(org, type, data, null);
  }

  /** Posts a signed event, asynchronously and with retries; returns its id. */
  public String emit(String org, String type, JsonNode data, String origin) {
    return emitter.emit(org, type, data, origin);
  }

  private void apiWrite(String org, String type, JsonNode data, String origin) {
    if (!autoEmit) {
      return;
    }
    synchronized (held) {
      if (holding) {
        held.add(new HeldEvent(org, type, data, origin));
        return;
      }
    }
    emitter.emit(org, type, data, origin);
  }

  /**
   * Holds back the events of API writes (the connector's echoes) until {@link #releaseApiEvents}:
   * FyneDesk does not promise to deliver events in order, so an agent's later change can arrive
   * before the echo of the connector's write.
   */
  public FyneDeskSimulator holdApiEvents() {
    synchronized (held) {
      holding = true;
    }
    return this;
  }

  /** Stops holding and emits the held events in the order of their writes; returns how many. */
  public int releaseApiEvents() {
    List<HeldEvent> out;
    synchronized (held) {
      holding = false;
      out = new ArrayList<>(held);
      held.clear();
    }
    for (HeldEvent e : out) {
      emitter.emit(e.org(), e.type(), e.data(), e.origin());
    }
    return out.size();
  }

  private record HeldEvent(String org, String type, JsonNode data, String origin) {}

  // ---- queries for assertions
  // --------------------------------------------------------------------

  public Optional<Ticket> ticket(String org, String ticketId) {
    return tickets.get(org, ticketId);
  }

  public List<TicketLink> links(String org, String ticketId) {
    return tickets.links(org, ticketId);
  }

  /** Actions posted for a ticket, in order. */
  public List<String> actions(String org, String ticketId) {
    return tickets.actions(org, ticketId);
  }

  public Optional<Article> article(String org, String articleId) {
    return articles.get(org, articleId);
  }

  /**
   * The article as stored JSON, including fields the records leave out (such as {@code status}).
   */
  public Optional<ObjectNode> articleJson(String org, String articleId) {
    return articles.articleJson(org, articleId);
  }

  public List<Article> articles(String org) {
    return articles.all(org);
  }

  /** Every call answered, in order. */
  public List<RecordedCall> calls() {
    return List.copyOf(calls);
  }

  /** Calls with this method and exact raw path. */
  public List<RecordedCall> calls(String method, String path) {
    return calls.stream().filter(c -> c.method().equals(method) && c.path().equals(path)).toList();
  }

  /** Event envelopes emitted so far (delivered or not), in order. */
  public List<ObjectNode> emittedEvents() {
    return emitter.emitted();
  }

  /** Every delivery attempt of every event, in order. */
  public List<EventDelivery> deliveries() {
    return emitter.deliveries();
  }

  // ---- fault injection
  // ---------------------------------------------------------------------------

  /** The next {@code times} calls to this exact path (any method) answer {@code status}. */
  public FyneDeskSimulator failNext(String path, int times, int status) {
    faults.failNext(path, times, status);
    return this;
  }

  /** Delay before answering each call. */
  public FyneDeskSimulator latency(Duration latency) {
    faults.latency(latency);
    return this;
  }

  /** Forgets all state, calls, events and faults; keeps token, events target and autoEmit. */
  public void reset() {
    tickets.clear();
    articles.clear();
    calls.clear();
    emitter.clear();
    faults.clear();
    synchronized (held) {
      holding = false;
      held.clear();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    httpThreads.shutdownNow();
    emitter.close();
    faults.shutdown();
  }
}
