package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes {@link Block}s as Notion JSON. In request mode the output is what {@code PATCH
 * /v1/blocks/{id}/children} accepts (no ids, children under {@code <type>.children}, uncreatable
 * types substituted); in nested mode ids are kept and children sit under a block-level {@code
 * children} key, the convert endpoint's format.
 */
final class NotionWriter {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final boolean request;

  NotionWriter(boolean request) {
    this.request = request;
  }

  ArrayNode write(List<Block> blocks) {
    ArrayNode out = JSON.arrayNode(blocks.size());
    for (Block b : blocks) {
      out.add(block(request ? Substitutes.forRequest(b) : b));
    }
    return out;
  }

  private ObjectNode block(Block b) {
    ObjectNode node = JSON.objectNode();
    if (!request && b.id() != null) {
      node.put("id", b.id());
    }
    String type = b.type();
    node.put("type", type);
    ObjectNode payload = node.putObject(type);
    ArrayNode children = payload(b, payload);
    if (children == null && !b.children().isEmpty()) {
      children = write(b.children());
    }
    if (children != null) {
      if (request) {
        payload.set("children", children);
      } else {
        node.set("children", children);
      }
    }
    return node;
  }

  /** Fills the type payload; returns the children array when the type builds it itself. */
  private ArrayNode payload(Block b, ObjectNode p) {
    if (b instanceof Block.TextBlock t) {
      p.set("rich_text", richText(t.text()));
      color(p, t.color());
    } else if (b instanceof Block.Heading h) {
      p.set("rich_text", richText(h.text()));
      color(p, h.color());
      if (h.toggleable()) {
        p.put("is_toggleable", true);
      }
    } else if (b instanceof Block.ToDo t) {
      p.set("rich_text", richText(t.text()));
      p.put("checked", t.checked());
      color(p, t.color());
    } else if (b instanceof Block.Callout c) {
      p.set("rich_text", richText(c.text()));
      icon(p, c.icon());
      color(p, c.color());
    } else if (b instanceof Block.Code c) {
      p.set("rich_text", richText(c.text()));
      p.put("language", c.language());
      caption(p, c.caption());
    } else if (b instanceof Block.Equation e) {
      p.put("expression", e.expression());
    } else if (b instanceof Block.Table t) {
      return table(t, p);
    } else if (b instanceof Block.Media m) {
      media(m, p);
    } else if (b instanceof Block.WebLink w) {
      p.put("url", w.url());
      if (!"link_preview".equals(w.type())) {
        caption(p, w.caption());
      }
    } else if (b instanceof Block.PageRef r) {
      pageRef(r, p);
    } else if (b instanceof Block.Marker m) {
      color(p, m.color());
    } else if (b instanceof Block.Container c) {
      container(c, p);
    } else if (b instanceof Block.Other o) {
      p.setAll(o.payload());
    }
    return null;
  }

  private ArrayNode table(Block.Table t, ObjectNode p) {
    p.put("table_width", t.width());
    p.put("has_column_header", t.columnHeader());
    p.put("has_row_header", t.rowHeader());
    ArrayNode rows = JSON.arrayNode(t.rows().size());
    for (Block.TableRow row : t.rows()) {
      ObjectNode r = rows.addObject();
      if (!request && row.id() != null) {
        r.put("id", row.id());
      }
      r.put("type", "table_row");
      ArrayNode cells = r.putObject("table_row").putArray("cells");
      for (List<RichText> cell : row.cells()) {
        cells.add(richText(cell));
      }
    }
    return rows;
  }

  private void media(Block.Media m, ObjectNode p) {
    Block.FileRef f = m.file();
    if (request && f.hosted()) {
      // Notion-hosted files cannot be re-created by URL; the signed URL is the best we can pass on.
      f = Block.FileRef.external(f.url());
    }
    p.put("type", f.type());
    ObjectNode inner = p.putObject(f.type());
    if ("file_upload".equals(f.type())) {
      inner.put("id", f.uploadId());
    } else {
      inner.put("url", f.url());
      if (f.expiryTime() != null) {
        inner.put("expiry_time", f.expiryTime());
      }
    }
    caption(p, m.caption());
    if (m.name() != null) {
      p.put("name", m.name());
    }
  }

  private static void pageRef(Block.PageRef r, ObjectNode p) {
    if ("link_to_page".equals(r.type())) {
      p.put("type", r.targetType());
      p.put(r.targetType(), r.targetId());
    } else {
      p.put("title", r.title());
    }
  }

  private static void container(Block.Container c, ObjectNode p) {
    if (c.widthRatio() != null) {
      p.put("width_ratio", c.widthRatio());
    }
    if ("synced_block".equals(c.type())) {
      if (c.syncedFrom() == null) {
        p.putNull("synced_from");
      } else {
        ObjectNode from = p.putObject("synced_from");
        from.put("type", "block_id");
        from.put("block_id", c.syncedFrom());
      }
    }
  }

  private void caption(ObjectNode p, List<RichText> caption) {
    if (!caption.isEmpty()) {
      p.set("caption", richText(caption));
    }
  }

  private static void color(ObjectNode p, String color) {
    if (color != null && !"default".equals(color)) {
      p.put("color", color);
    }
  }

  private static void icon(ObjectNode p, Block.Icon icon) {
    if (icon == null) {
      return;
    }
    ObjectNode i = p.putObject("icon");
    i.put("type", icon.type());
    if ("emoji".equals(icon.type())) {
      i.put("emoji", icon.value());
    } else {
      i.putObject(icon.type()).put("url", icon.value());
    }
  }

  ArrayNode richText(List<RichText> items) {
    ArrayNode out = JSON.arrayNode(items.size());
    for (RichText rt : items) {
      ObjectNode o = out.addObject();
      switch (rt.kind()) {
        case TEXT -> {
          o.put("type", "text");
          ObjectNode t = o.putObject("text");
          t.put("content", rt.text());
          if (rt.link() != null) {
            t.putObject("link").put("url", rt.link());
          }
        }
        case EQUATION -> {
          o.put("type", "equation");
          o.putObject("equation").put("expression", rt.text());
        }
        case MENTION -> mention(o, rt);
      }
      annotations(o, rt.annotations());
    }
    return out;
  }

  private void mention(ObjectNode o, RichText rt) {
    Mention m = rt.mention();
    o.put("type", "mention");
    ObjectNode mention = o.putObject("mention");
    mention.put("type", m.type());
    ObjectNode body = mention.putObject(m.type());
    switch (m.type()) {
      case "date" -> {
        body.put("start", m.start());
        if (m.end() != null) {
          body.put("end", m.end());
        }
      }
      case "link_preview" -> body.put("url", m.url());
      default -> body.put("id", m.id());
    }
    if (!request) {
      o.put("plain_text", rt.text());
    }
  }

  private static void annotations(ObjectNode o, Annotations a) {
    if (a.isDefault()) {
      return;
    }
    ObjectNode n = o.putObject("annotations");
    n.put("bold", a.bold());
    n.put("italic", a.italic());
    n.put("strikethrough", a.strikethrough());
    n.put("underline", a.underline());
    n.put("code", a.code());
    n.put("color", a.color());
  }
}
