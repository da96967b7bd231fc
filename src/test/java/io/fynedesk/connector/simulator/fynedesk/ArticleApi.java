package io.fynedesk.connector.simulator.fynedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.fynedesk.Article;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Knowledge-base articles and attachments per organization, and the KB calls of CONTRACT §2. */
final class ArticleApi {

  private static final Set<String> STATUSES = Set.of("published", "draft", "archived");
  private static final Set<String> PATCHABLE = Set.of("status", "sync");
  private static final int MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

  private final ObjectMapper json;
  private final ApiEvents events;
  private final Supplier<String> baseUrl;
  private final AtomicLong ids = new AtomicLong();
  // Guarded by this: org -> article id -> article JSON; attachment id -> file.
  private final Map<String, Map<String, ObjectNode>> articles = new HashMap<>();
  private final Map<String, Attachment> attachments = new HashMap<>();

  private record Attachment(String org, String contentType, byte[] bytes) {}

  ArticleApi(ObjectMapper json, ApiEvents events, Supplier<String> baseUrl) {
    this.json = json;
    this.events = events;
    this.baseUrl = baseUrl;
  }

  synchronized Article put(String org, Article article) {
    ObjectNode node = json.valueToTree(article);
    node.put("status", "published");
    articles.computeIfAbsent(org, o -> new HashMap<>()).put(article.id(), node);
    return article;
  }

  /** An agent's change in FyneDesk (no API call): title and body, or the status; the new JSON. */
  synchronized ObjectNode agentEdit(
      String org, String id, String title, String bodyHtml, String status) {
    ObjectNode article = find(org, id);
    if (title != null) {
      article.put("title", title);
    }
    if (bodyHtml != null) {
      article.put("bodyHtml", bodyHtml);
    }
    if (status != null) {
      article.put("status", status);
    }
    article.put("updatedAt", Instant.now().toString());
    return article.deepCopy();
  }

  synchronized Optional<Article> get(String org, String id) {
    return Optional.ofNullable(articles.getOrDefault(org, Map.of()).get(id))
        .map(node -> json.convertValue(node, Article.class));
  }

  synchronized List<Article> all(String org) {
    return articles.getOrDefault(org, Map.of()).values().stream()
        .map(node -> json.convertValue(node, Article.class))
        .toList();
  }

  synchronized Optional<ObjectNode> articleJson(String org, String id) {
    return Optional.ofNullable(articles.getOrDefault(org, Map.of()).get(id))
        .map(ObjectNode::deepCopy);
  }

  synchronized SimResponse get(SimRequest request) {
    return SimResponse.json(json, 200, find(request.org(), request.param(1)));
  }

  synchronized SimResponse create(SimRequest request) {
    ObjectNode body = request.jsonObject(json);
    String id = "art_" + ids.incrementAndGet();
    ObjectNode article = json.createObjectNode().put("id", id);
    article
        .put("title", requiredText(body, "title"))
        .put("bodyHtml", requiredText(body, "bodyHtml"));
    article.put("locale", body.hasNonNull("locale") ? requiredText(body, "locale") : "en");
    article.put("url", baseUrl.get() + "/help/articles/" + id).put("status", "published");
    article.set("sync", SyncValidator.valid(body.get("sync")));
    article.put("updatedAt", Instant.now().toString());
    articles.computeIfAbsent(request.org(), o -> new HashMap<>()).put(id, article);
    events.written(request.org(), "article.updated", data(article.deepCopy()), request.origin());
    return SimResponse.json(json, 201, article);
  }

  synchronized SimResponse replace(SimRequest request) {
    ObjectNode body = request.jsonObject(json);
    ObjectNode article = find(request.org(), request.param(1));
    String title = requiredText(body, "title");
    String bodyHtml = requiredText(body, "bodyHtml");
    JsonNode sync = body.has("sync") ? SyncValidator.valid(body.get("sync")) : article.get("sync");
    article.put("title", title).put("bodyHtml", bodyHtml).set("sync", sync);
    return written(request, article, "article.updated");
  }

  synchronized SimResponse patch(SimRequest request) {
    ObjectNode body = request.jsonObject(json);
    if (body.isEmpty() || !PATCHABLE.containsAll(fieldNames(body))) {
      throw ProblemException.invalid("only status and sync can be patched");
    }
    ObjectNode article = find(request.org(), request.param(1));
    JsonNode sync = body.has("sync") ? SyncValidator.valid(body.get("sync")) : article.get("sync");
    String type = "article.updated";
    if (body.has("status")) {
      String status = body.path("status").asText("");
      if (!STATUSES.contains(status)) {
        throw ProblemException.invalid("status must be one of " + STATUSES);
      }
      type = status.equals("archived") ? "article.unpublished" : type;
      article.put("status", status);
    }
    article.set("sync", sync);
    return written(request, article, type);
  }

  synchronized SimResponse upload(SimRequest request) {
    if (request.contentType() == null || request.contentType().isBlank()) {
      throw new ProblemException(415, "unsupported_media_type", "Content-Type is required");
    }
    if (request.body().length == 0) {
      throw ProblemException.invalid("file is empty");
    }
    if (request.body().length > MAX_ATTACHMENT_BYTES) {
      throw new ProblemException(413, "payload_too_large", "attachments are limited to 20 MiB");
    }
    String id = "att_" + ids.incrementAndGet();
    attachments.put(
        id, new Attachment(request.org(), request.contentType(), request.body().clone()));
    return SimResponse.json(
        json, 201, json.createObjectNode().put("url", baseUrl.get() + "/files/" + id));
  }

  /** {@code GET /files/{id}}: public, as the URL ends up in an article's HTML. */
  synchronized SimResponse file(SimRequest request) {
    Attachment attachment = attachments.get(request.param(1));
    if (attachment == null) {
      throw ProblemException.notFound("file " + request.param(1));
    }
    return SimResponse.bytes(attachment.contentType(), attachment.bytes().clone());
  }

  ObjectNode data(JsonNode article) {
    ObjectNode data = json.createObjectNode();
    data.set("article", article);
    return data;
  }

  private SimResponse written(SimRequest request, ObjectNode article, String eventType) {
    article.put("updatedAt", Instant.now().toString());
    events.written(request.org(), eventType, data(article.deepCopy()), request.origin());
    return SimResponse.json(json, 200, article);
  }

  private ObjectNode find(String org, String id) {
    ObjectNode article = articles.getOrDefault(org, Map.of()).get(id);
    if (article == null) {
      throw ProblemException.notFound("article " + id);
    }
    return article;
  }

  private static String requiredText(ObjectNode body, String field) {
    if (!body.path(field).isTextual() || body.get(field).asText().isBlank()) {
      throw ProblemException.invalid(field + " is required and must be a non-empty string");
    }
    return body.get(field).asText();
  }

  private static Set<String> fieldNames(ObjectNode body) {
    Set<String> names = new HashSet<>();
    body.fieldNames().forEachRemaining(names::add);
    return names;
  }

  synchronized void clear() {
    articles.clear();
    attachments.clear();
  }
}
