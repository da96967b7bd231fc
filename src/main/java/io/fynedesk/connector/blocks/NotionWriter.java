package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * Writes {@link Block}s as Notion JSON to a streaming generator. In request mode the output is what
 * {@code PATCH /v1/blocks/{id}/children} accepts (no ids, children under {@code <type>.children},
 * uncreatable types substituted); in nested mode ids are kept and children sit under a block-level
 * {@code children} key, the convert endpoint's format.
 */
final class NotionWriter {

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
      g.writeStringField("id", b.id());
    }
    String type = b.type();
    g.writeStringField("type", type);
    g.writeObjectFieldStart(type);
    payload(b);
    boolean hasChildren = b instanceof Block.Table || !b.children().isEmpty();
    if (request && hasChildren) {
      g.writeFieldName("children");
      children(b);
    }
    g.writeEndObject();
    if (!request && hasChildren) {
      g.writeFieldName("children");
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
      richText("rich_text", t.text());
      color(t.color());
    } else if (b instanceof Block.Heading h) {
      richText("rich_text", h.text());
      color(h.color());
      if (h.toggleable()) {
        g.writeBooleanField("is_toggleable", true);
      }
    } else if (b instanceof Block.ToDo t) {
      richText("rich_text", t.text());
      g.writeBooleanField("checked", t.checked());
      color(t.color());
    } else if (b instanceof Block.Callout c) {
      richText("rich_text", c.text());
      icon(c.icon());
      color(c.color());
    } else if (b instanceof Block.Code c) {
      richText("rich_text", c.text());
      g.writeStringField("language", c.language());
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
      g.writeStringField("url", w.url());
      if (!"link_preview".equals(w.type())) {
        caption(w.caption());
      }
    } else if (b instanceof Block.PageRef r) {
      if ("link_to_page".equals(r.type())) {
        g.writeStringField("type", r.targetType());
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
        g.writeStringField("id", row.id());
      }
      g.writeStringField("type", "table_row");
      g.writeObjectFieldStart("table_row");
      g.writeArrayFieldStart("cells");
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
    g.writeStringField("type", f.type());
    g.writeObjectFieldStart(f.type());
    if ("file_upload".equals(f.type())) {
      g.writeStringField("id", f.uploadId());
    } else {
      g.writeStringField("url", f.url());
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
        g.writeStringField("type", "block_id");
        g.writeStringField("block_id", c.syncedFrom());
        g.writeEndObject();
      }
    }
  }

  private void caption(List<RichText> caption) throws IOException {
    if (!caption.isEmpty()) {
      richText("caption", caption);
    }
  }

  private void color(String color) throws IOException {
    if (color != null && !"default".equals(color)) {
      g.writeStringField("color", color);
    }
  }

  private void icon(Block.Icon icon) throws IOException {
    if (icon == null) {
      return;
    }
    g.writeObjectFieldStart("icon");
    g.writeStringField("type", icon.type());
    if ("emoji".equals(icon.type())) {
      g.writeStringField("emoji", icon.value());
    } else {
      g.writeObjectFieldStart(icon.type());
      g.writeStringField("url", icon.value());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private void richText(String field, List<RichText> items) throws IOException {
    g.writeFieldName(field);
    richTextArray(items);
  }

  private void richTextArray(List<RichText> items) throws IOException {
    g.writeStartArray();
    for (RichText rt : items) {
      g.writeStartObject();
      switch (rt.kind()) {
        case TEXT -> {
          g.writeStringField("type", "text");
          g.writeObjectFieldStart("text");
          g.writeStringField("content", rt.text());
          if (rt.link() != null) {
            g.writeObjectFieldStart("link");
            g.writeStringField("url", rt.link());
            g.writeEndObject();
          }
          g.writeEndObject();
        }
        case EQUATION -> {
          g.writeStringField("type", "equation");
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
    g.writeStringField("type", "mention");
    g.writeObjectFieldStart("mention");
    g.writeStringField("type", m.type());
    g.writeObjectFieldStart(m.type());
    switch (m.type()) {
      case "date" -> {
        g.writeStringField("start", m.start());
        if (m.end() != null) {
          g.writeStringField("end", m.end());
        }
      }
      case "link_preview" -> g.writeStringField("url", m.url());
      default -> g.writeStringField("id", m.id());
    }
    g.writeEndObject();
    g.writeEndObject();
    if (!request) {
      g.writeStringField("plain_text", rt.text());
    }
  }

  private void annotations(Annotations a) throws IOException {
    if (a.isDefault()) {
      return;
    }
    g.writeObjectFieldStart("annotations");
    g.writeBooleanField("bold", a.bold());
    g.writeBooleanField("italic", a.italic());
    g.writeBooleanField("strikethrough", a.strikethrough());
    g.writeBooleanField("underline", a.underline());
    g.writeBooleanField("code", a.code());
    g.writeStringField("color", a.color());
    g.writeEndObject();
  }
}
