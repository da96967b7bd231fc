package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads Notion rich-text arrays (response or request shape) into {@link RichText} items. */
final class RichTextReader {

  List<RichText> read(JsonNode array, String path) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new ConversionInputException(path, "must be a rich-text array");
    }
    List<RichText> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isObject()) {
        throw new ConversionInputException(path + "[" + i + "]", "must be a rich-text object");
      }
      out.add(readItem(item, path + "[" + i + "]"));
    }
    return out;
  }

  private RichText readItem(JsonNode item, String path) {
    return readItem(item, annotations(item.get("annotations")), path);
  }

  /** One item whose {@code annotations} were already read into {@code ann}. */
  RichText readItem(JsonNode item, Annotations ann, String path) {
    String type = item.path("type").asText("");
    if (type.isEmpty()) {
      type = item.has("mention") ? "mention" : item.has("equation") ? "equation" : "text";
    }
    return switch (type) {
      case "text" -> text(item, ann, path);
      case "equation" ->
          RichText.equation(item.path("equation").path("expression").asText(""), ann);
      case "mention" -> mention(item, ann);
      default -> RichText.text(item.path("plain_text").asText(""), ann, null);
    };
  }

  private static RichText text(JsonNode item, Annotations ann, String path) {
    JsonNode text = item.get("text");
    if (text == null || !text.isObject()) {
      JsonNode plain = item.get("plain_text");
      if (plain != null && plain.isTextual()) {
        return RichText.text(plain.asText(), ann, NotionReader.textOrNull(item.get("href")));
      }
      throw new ConversionInputException(path + ".text", "must be an object with content");
    }
    JsonNode content = text.get("content");
    if (content != null && !content.isNull() && !content.isTextual()) {
      throw new ConversionInputException(path + ".text.content", "must be a string");
    }
    String link = NotionReader.textOrNull(text.path("link").get("url"));
    return RichText.text(content == null ? "" : content.asText(), ann, link);
  }

  private static RichText mention(JsonNode item, Annotations ann) {
    JsonNode m = item.path("mention");
    String type = m.path("type").asText("");
    JsonNode body = m.path(type);
    String plain = NotionReader.textOrNull(item.get("plain_text"));
    Mention mention =
        switch (type) {
          case "user", "page", "database" -> Mention.ofId(type, body.path("id").asText(""));
          case "date" ->
              Mention.date(body.path("start").asText(""), NotionReader.textOrNull(body.get("end")));
          case "link_preview" -> Mention.linkPreview(body.path("url").asText(""));
          default -> null;
        };
    if (mention == null) {
      // template_mention, link_mention, custom_emoji…: keep what the reader saw.
      String href = NotionReader.textOrNull(item.get("href"));
      return RichText.text(
          plain == null ? "" : plain, ann, NotionUrls.isLinkable(href) ? href : null);
    }
    return RichText.mention(mention, plain == null ? fallbackLabel(mention) : plain, ann);
  }

  private static String fallbackLabel(Mention m) {
    return switch (m.type()) {
      case "date" -> m.end() == null ? m.start() : m.start() + " → " + m.end();
      case "link_preview" -> m.url();
      case "user" -> "@user";
      default -> "Untitled";
    };
  }

  static Annotations annotations(JsonNode a) {
    if (a == null || !a.isObject()) {
      return Annotations.NONE;
    }
    boolean bold = a.path("bold").asBoolean(false);
    boolean italic = a.path("italic").asBoolean(false);
    boolean strike = a.path("strikethrough").asBoolean(false);
    boolean underline = a.path("underline").asBoolean(false);
    boolean code = a.path("code").asBoolean(false);
    String color = a.path("color").asText("default");
    return annotations(bold, italic, strike, underline, code, color);
  }

  /**
   * Annotations in the default colour are shared: 32 immutable instances cover every flag
   * combination.
   */
  private static final Annotations[] PLAIN_COLOR = new Annotations[32];

  static {
    for (int i = 0; i < 32; i++) {
      PLAIN_COLOR[i] =
          i == 0
              ? Annotations.NONE
              : new Annotations(
                  (i & 1) != 0, (i & 2) != 0, (i & 4) != 0, (i & 8) != 0, (i & 16) != 0, "default");
    }
  }

  static Annotations annotations(
      boolean bold, boolean italic, boolean strike, boolean underline, boolean code, String color) {
    if (color == null || color.isEmpty() || "default".equals(color)) {
      return PLAIN_COLOR[
          (bold ? 1 : 0)
              | (italic ? 2 : 0)
              | (strike ? 4 : 0)
              | (underline ? 8 : 0)
              | (code ? 16 : 0)];
    }
    return new Annotations(bold, italic, strike, underline, code, color);
  }
}
