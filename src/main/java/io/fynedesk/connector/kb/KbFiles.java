package io.fynedesk.connector.kb;

import io.fynedesk.connector.fynedesk.FyneDeskClient;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.NotionFile;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rehosts Notion-hosted files (pre-signed URLs that expire after about an hour) in FyneDesk: each
 * file is downloaded once (keyed by its URL without the expiring signature), bounded in size and
 * checked for its content type, and uploaded once per content hash ({@code POST
 * /api/v1/kb/attachments}); the article's HTML carries the stable URL FyneDesk returns.
 */
@Component
class KbFiles {

  private static final Set<String> DOCUMENTS =
      Set.of(
          "application/pdf",
          "application/zip",
          "text/plain",
          "text/csv",
          "application/msword",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation");

  private final NotionClient notion;
  private final FyneDeskClient fynedesk;
  private final JdbcTemplate jdbc;
  private final long maxBytes;

  KbFiles(
      NotionClient notion,
      FyneDeskClient fynedesk,
      JdbcTemplate jdbc,
      @Value("${connector.kb.max-file-bytes:20971520}") long maxBytes) {
    this.notion = notion;
    this.fynedesk = fynedesk;
    this.jdbc = jdbc;
    this.maxBytes = maxBytes;
  }

  /** The stable FyneDesk URL of a Notion-hosted file of a block of this type. */
  String rehost(String org, String url, String blockType) {
    String key = key(url);
    List<String> known =
        jdbc.queryForList(
            "SELECT url FROM kb_attachment WHERE org_id = ? AND file_key = ?",
            String.class,
            org,
            key);
    if (!known.isEmpty()) {
      return known.get(0);
    }
    NotionFile file = notion.downloadFile(url, maxBytes);
    String type = file.contentType();
    if (!allowed(blockType, type)) {
      throw new KbException(
          "unsupported_file", "a " + blockType + " block's file has content type " + type, false);
    }
    String hash = sha256(file.bytes());
    List<String> same =
        jdbc.queryForList(
            "SELECT url FROM kb_attachment WHERE org_id = ? AND content_hash = ?",
            String.class,
            org,
            hash);
    String stable =
        same.isEmpty() ? fynedesk.uploadAttachment(org, file.bytes(), type) : same.get(0);
    jdbc.update(
        "INSERT INTO kb_attachment (org_id, file_key, content_hash, url, created_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        org,
        key,
        hash,
        stable,
        KbLinks.now());
    return stable;
  }

  /** Images must be images, videos videos, audio audio; files and PDFs a known document type. */
  static boolean allowed(String blockType, String type) {
    if (type == null) {
      return false;
    }
    return switch (blockType) {
      case "image" -> type.startsWith("image/") && !type.equals("image/svg+xml");
      case "video" -> type.startsWith("video/");
      case "audio" -> type.startsWith("audio/");
      case "pdf" -> type.equals("application/pdf");
      default -> DOCUMENTS.contains(type) || type.startsWith("image/") && !type.contains("svg");
    };
  }

  /** The file's identity: its URL without the query (the pre-signature changes on every read). */
  static String key(String url) {
    URI u = URI.create(url);
    String key = u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath();
    return key.length() > 1900 ? key.substring(0, 1900) : key;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
