package io.fynedesk.connector.simulator.notion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Notion-hosted files: served under pre-signed URLs that expire an hour after they were handed out
 * and answer 403 afterwards, as S3 does (notion-api.md §6 "File objects"). Downloads are logged,
 * with whether an {@code Authorization} header came along (it must not: the URL is the credential).
 */
public final class SimFiles {

  static final String PATH = "/_files/";
  static final Duration LIFETIME = Duration.ofHours(1);

  /** One download attempt. */
  public record Download(String fileId, int status, boolean sentAuthorization) {}

  private record StoredFile(byte[] bytes, String contentType, String name) {}

  private final ObjectMapper mapper;
  private final Clock clock;
  private final String secret = UUID.randomUUID().toString();
  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
  final List<Download> downloads = new CopyOnWriteArrayList<>();

  SimFiles(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /** Stores a file; returns its id. */
  String store(byte[] bytes, String contentType, String name) {
    String id = UUID.randomUUID().toString();
    files.put(id, new StoredFile(bytes.clone(), contentType, name));
    return id;
  }

  /** A Notion {@code file} object for the file: a URL signed now, valid for an hour. */
  ObjectNode fileObject(String baseUrl, String id) {
    Instant expires = clock.instant().plus(LIFETIME);
    String name = files.get(id).name();
    String url =
        baseUrl
            + PATH
            + id
            + "/"
            + name
            + "?X-Amz-Expires="
            + LIFETIME.toSeconds()
            + "&X-Amz-Date="
            + expires.getEpochSecond()
            + "&X-Amz-Signature="
            + signature(id, expires.getEpochSecond());
    ObjectNode file = mapper.createObjectNode().put("type", "file");
    file.putObject("file").put("url", url).put("expiry_time", expires.toString());
    return file;
  }

  void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String[] parts = exchange.getRequestURI().getRawPath().substring(PATH.length()).split("/");
    String id = parts[0];
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    StoredFile file = files.get(id);
    int status;
    if (file == null || !exchange.getRequestMethod().equals("GET")) {
      status = 404;
    } else if (!valid(id, query)) {
      status = 403;
    } else {
      status = 200;
    }
    downloads.add(
        new Download(id, status, exchange.getRequestHeaders().containsKey("Authorization")));
    if (status != 200) {
      byte[] body =
          ("<Error><Code>" + (status == 403 ? "AccessDenied" : "NoSuchKey") + "</Code></Error>")
              .getBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/xml");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", file.contentType());
    exchange.sendResponseHeaders(200, file.bytes().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(file.bytes());
    }
  }

  private boolean valid(String id, Map<String, String> query) {
    try {
      long expires = Long.parseLong(query.getOrDefault("X-Amz-Date", ""));
      return signature(id, expires).equals(query.get("X-Amz-Signature"))
          && clock.instant().getEpochSecond() < expires;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private String signature(String id, long expires) {
    return Integer.toHexString((secret + id + expires).hashCode());
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new ConcurrentHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return out;
  }
}
