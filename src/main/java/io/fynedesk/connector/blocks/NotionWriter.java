package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.List;

/**
 * Writes {@link Block}s as Notion JSON to a streaming generator. In request mode the output is what
 * {@code PATCH /v1/blocks/{id}/children} accepts (no ids, children under {@code <type>.children},
 * uncreatable types substituted); in nested mode ids are kept and children sit under a block-level
 * {@code children} key, the convert endpoint's format.
 */
final class NotionWriter {

  // Field names pre-encoded once: the generator copies their UTF-8 bytes instead of re-encoding.
  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString TEXT = new SerializedString("text");
  private static final SerializedString CONTENT = new SerializedString("content");
  private static final SerializedString RICH_TEXT = new SerializedString("rich_text");
  private static final SerializedString ANNOTATIONS = new SerializedString("annotations");
  private static final SerializedString BOLD = new SerializedString("bold");
  private static final SerializedString ITALIC = new SerializedString("italic");
  private static final SerializedString STRIKETHROUGH = new SerializedString("strikethrough");
  private static final SerializedString UNDERLINE = new SerializedString("underline");
  private static final SerializedString CODE = new SerializedString("code");
  private static final SerializedString COLOR = new SerializedString("color");
  private static final SerializedString ID = new SerializedString("id");
  private static final SerializedString LINK = new SerializedString("link");
  private static final SerializedString URL = new SerializedString("url");
  private static final SerializedString CHILDREN = new SerializedString("children");
  private static final SerializedString CELLS = new SerializedString("cells");
  private static final SerializedString TABLE_ROW = new SerializedString("table_row");
  private static final SerializedString PLAIN_TEXT = new SerializedString("plain_text");
  private static final SerializedString CAPTION = new SerializedString("caption");
  private static final SerializedString LANGUAGE = new SerializedString("language");
  private static final SerializedString CHECKED = new SerializedString("checked");

  private final JsonGenerator g;
  private final boolean request;

  NotionWriter(JsonGenerator g, boolean request) {
    this.g = g;
    this.request = request;
  }

  void write(List<Block> blocks) throws IOException {
    g.writeStartArray();
    for (Block b : blocks) {
      block(request ? Substitutes.forRequest(b) : b);
    }
    g.writeEndArray();
  }

  private void block(Block b) throws IOException {
    g.writeStartObject();
    if (!request && b.id() != null) {
      field(ID, b.id());
    }
    String type = b.type();
    field(TYPE, type);
    g.writeObjectFieldStart(type);
    payload(b);
    boolean hasChildren = b instanceof Block.Table || !b.children().isEmpty();
    if (request && hasChildren) {
      g.writeFieldName(CHILDREN);
      children(b);
    }
    g.writeEndObject();
    if (!request && hasChildren) {
      g.writeFieldName(CHILDREN);
      children(b);
    }
    g.writeEndObject();
  }

  private void children(Block b) throws IOException {
    if (b instanceof Block.Table t) {
      rows(t);
    } else {
      write(b.children());
    }
  }

  private void payload(Block b) throws IOException {
    if (b instanceof Block.TextBlock t) {
      richText(RICH_TEXT, t.text());
      color(t.color());
    } else if (b instanceof Block.Heading h) {
      richText(RICH_TEXT, h.text());
      color(h.color());
      if (h.toggleable()) {
        g.writeBooleanField("is_toggleable", true);
      }
    } else if (b instanceof Block.ToDo t) {
      richText(RICH_TEXT, t.text());
      flag(CHECKED, t.checked());
      color(t.color());
    } else if (b instanceof Block.Callout c) {
      richText(RICH_TEXT, c.text());
      icon(c.icon());
      color(c.color());
    } else if (b instanceof Block.Code c) {
      richText(RICH_TEXT, c.text());
      field(LANGUAGE, c.language());
      caption(c.caption());
    } else if (b instanceof Block.Equation e) {
      g.writeStringField("expression", e.expression());
    } else if (b instanceof Block.Table t) {
      g.writeNumberField("table_width", t.width());
      g.writeBooleanField("has_column_header", t.columnHeader());
      g.writeBooleanField("has_row_header", t.rowHeader());
    } else if (b instanceof Block.Media m) {
      media(m);
    } else if (b instanceof Block.WebLink w) {
      field(URL, w.url());
      if (!"link_preview".equals(w.type())) {
        caption(w.caption());
      }
    } else if (b instanceof Block.PageRef r) {
      if ("link_to_page".equals(r.type())) {
        field(TYPE, r.targetType());
        g.writeStringField(r.targetType(), r.targetId());
      } else {
        g.writeStringField("title", r.title());
      }
    } else if (b instanceof Block.Marker m) {
      color(m.color());
    } else if (b instanceof Block.Container c) {
      container(c);
    } else if (b instanceof Block.Other o) {
      var fields = o.payload().fields();
      while (fields.hasNext()) {
        var e = fields.next();
        g.writeFieldName(e.getKey());
        g.writeTree(e.getValue());
      }
    }
  }

  private void rows(Block.Table t) throws IOException {
    g.writeStartArray();
    for (Block.TableRow row : t.rows()) {
      g.writeStartObject();
      if (!request && row.id() != null) {
        field(ID, row.id());
      }
      field(TYPE, "table_row");
      g.writeFieldName(TABLE_ROW);
      g.writeStartObject();
      g.writeFieldName(CELLS);
      g.writeStartArray();
      for (List<RichText> cell : row.cells()) {
        richTextArray(cell);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void media(Block.Media m) throws IOException {
    Block.FileRef f = m.file();
    if (request && f.hosted()) {
      // Notion-hosted files cannot be re-created by URL; the signed URL is the best we can pass on.
      f = Block.FileRef.external(f.url());
    }
    field(TYPE, f.type());
    g.writeObjectFieldStart(f.type());
    if ("file_upload".equals(f.type())) {
      field(ID, f.uploadId());
    } else {
      field(URL, f.url());
      if (f.expiryTime() != null) {
        g.writeStringField("expiry_time", f.expiryTime());
      }
    }
    g.writeEndObject();
    caption(m.caption());
    if (m.name() != null) {
      g.writeStringField("name", m.name());
    }
  }

  private void container(Block.Container c) throws IOException {
    if (c.widthRatio() != null) {
      g.writeNumberField("width_ratio", c.widthRatio());
    }
    if ("synced_block".equals(c.type())) {
      if (c.syncedFrom() == null) {
        g.writeNullField("synced_from");
      } else {
        g.writeObjectFieldStart("synced_from");
        field(TYPE, "block_id");
        g.writeStringField("block_id", c.syncedFrom());
        g.writeEndObject();
      }
    }
  }

  private void caption(List<RichText> caption) throws IOException {
    if (!caption.isEmpty()) {
      richText(CAPTION, caption);
    }
  }

  private void color(String color) throws IOException {
    if (color != null && !"default".equals(color)) {
      field(COLOR, color);
    }
  }

  private void icon(Block.Icon icon) throws IOException {
    if (icon == null) {
      return;
    }
    g.writeObjectFieldStart("icon");
    field(TYPE, icon.type());
    if ("emoji".equals(icon.type())) {
      g.writeStringField("emoji", icon.value());
    } else {
      g.writeObjectFieldStart(icon.type());
      field(URL, icon.value());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private void richText(SerializedString field, List<RichText> items) throws IOException {
    g.writeFieldName(field);
    richTextArray(items);
  }

  private void richTextArray(List<RichText> items) throws IOException {
    g.writeStartArray();
    for (RichText rt : items) {
      g.writeStartObject();
      switch (rt.kind()) {
        case TEXT -> {
          field(TYPE, "text");
          g.writeFieldName(TEXT);
          g.writeStartObject();
          field(CONTENT, rt.text());
          if (rt.link() != null) {
            g.writeFieldName(LINK);
            g.writeStartObject();
            field(URL, rt.link());
            g.writeEndObject();
          }
          g.writeEndObject();
        }
        case EQUATION -> {
          field(TYPE, "equation");
          g.writeObjectFieldStart("equation");
          g.writeStringField("expression", rt.text());
          g.writeEndObject();
        }
        case MENTION -> mention(rt);
      }
      annotations(rt.annotations());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void mention(RichText rt) throws IOException {
    Mention m = rt.mention();
    field(TYPE, "mention");
    g.writeObjectFieldStart("mention");
    field(TYPE, m.type());
    g.writeObjectFieldStart(m.type());
    switch (m.type()) {
      case "date" -> {
        g.writeStringField("start", m.start());
        if (m.end() != null) {
          g.writeStringField("end", m.end());
        }
      }
      case "link_preview" -> field(URL, m.url());
      default -> field(ID, m.id());
    }
    g.writeEndObject();
    g.writeEndObject();
    if (!request) {
      field(PLAIN_TEXT, rt.text());
    }
  }

  private void annotations(Annotations a) throws IOException {
    if (a.isDefault()) {
      return;
    }
    g.writeFieldName(ANNOTATIONS);
    g.writeStartObject();
    flag(BOLD, a.bold());
    flag(ITALIC, a.italic());
    flag(STRIKETHROUGH, a.strikethrough());
    flag(UNDERLINE, a.underline());
    flag(CODE, a.code());
    field(COLOR, a.color());
    g.writeEndObject();
  }

  private void field(SerializedString name, String value) throws IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }

  private void flag(SerializedString name, boolean value) throws IOException {
    g.writeFieldName(name);
    g.writeBoolean(value);
  }
}
