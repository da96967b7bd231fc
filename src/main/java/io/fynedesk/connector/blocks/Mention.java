package io.fynedesk.connector.blocks;

/**
 * A rich-text mention reduced to what Notion accepts when creating one: {@code user}, {@code page}
 * and {@code database} carry an id, {@code date} a start and optional end, {@code link_preview} a
 * url.
 */
public record Mention(String type, String id, String url, String start, String end) {

  static Mention ofId(String type, String id) {
    return new Mention(type, id, null, null, null);
  }

  static Mention date(String start, String end) {
    return new Mention("date", null, null, start, end);
  }

  static Mention linkPreview(String url) {
    return new Mention("link_preview", null, url, null, null);
  }

  /** Where a reader can follow the mention, or null (users and dates have no public URL). */
  String href() {
    return switch (type) {
      case "page", "database" -> NotionUrls.blockUrl(id);
      case "link_preview" -> url;
      default -> null;
    };
  }
}
