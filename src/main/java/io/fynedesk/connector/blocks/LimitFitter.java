package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes blocks fit Notion's request limits: text over 2000 UTF-16 units is split on code-point
 * boundaries, arrays over 100 items spill into continuation blocks of the same type (or merge where
 * a block cannot repeat, as in table cells), equations over 1000 become code, links over 2000 are
 * dropped with their text kept.
 *
 * @see <a href="https://developers.notion.com/reference/request-limits">Notion request limits</a>
 */
final class LimitFitter {

  private final Warnings warnings;

  LimitFitter(Warnings warnings) {
    this.warnings = warnings;
  }

  List<Block> fit(List<Block> blocks) {
    List<Block> out = new ArrayList<>(blocks.size());
    for (Block b : blocks) {
      fitBlock(b, out);
    }
    return out;
  }

  private void fitBlock(Block b, List<Block> out) {
    List<Block> children = b.children().isEmpty() ? b.children() : fit(b.children());
    if (b instanceof Block.TextBlock t) {
      spill(
          items(t.text(), t.id()),
          t.id(),
          children,
          out,
          (text, kids) -> new Block.TextBlock(t.id(), t.type(), text, t.color(), kids));
    } else if (b instanceof Block.Heading h) {
      spill(
          items(h.text(), h.id()),
          h.id(),
          children,
          out,
          (text, kids) ->
              new Block.Heading(h.id(), h.level(), text, h.color(), h.toggleable(), kids));
    } else if (b instanceof Block.ToDo t) {
      spill(
          items(t.text(), t.id()),
          t.id(),
          children,
          out,
          (text, kids) -> new Block.ToDo(t.id(), text, t.checked(), t.color(), kids));
    } else if (b instanceof Block.Callout c) {
      spill(
          items(c.text(), c.id()),
          c.id(),
          children,
          out,
          (text, kids) -> new Block.Callout(c.id(), text, c.icon(), c.color(), kids));
    } else if (b instanceof Block.Code c) {
      List<RichText> caption = capped(c.caption(), c.id());
      List<Block> pieces = new ArrayList<>();
      spill(
          items(c.text(), c.id()),
          c.id(),
          List.of(),
          pieces,
          (text, kids) -> new Block.Code(c.id(), text, c.language(), List.of()));
      Block.Code last = (Block.Code) pieces.remove(pieces.size() - 1);
      pieces.add(new Block.Code(last.id(), last.text(), last.language(), caption));
      out.addAll(pieces);
    } else if (b instanceof Block.Equation e
        && e.expression().length() > NotionLimits.MAX_EQUATION_LENGTH) {
      warnings.add(
          Warnings.FLATTENED,
          "Equation longer than 1000 characters became a LaTeX code block",
          e.id());
      fitBlock(
          new Block.Code(e.id(), List.of(RichText.text(e.expression())), "latex", List.of()), out);
    } else if (b instanceof Block.Table t) {
      out.add(table(t));
    } else if (b instanceof Block.Media m) {
      out.add(
          url(m, m.file().url())
              ? new Block.Media(m.id(), m.type(), m.file(), capped(m.caption(), m.id()), m.name())
              : tooLong(m));
    } else if (b instanceof Block.WebLink w) {
      out.add(
          url(w, w.url())
              ? new Block.WebLink(w.id(), w.type(), w.url(), capped(w.caption(), w.id()))
              : tooLong(w));
    } else {
      out.add(children == b.children() ? b : Blocks.withChildren(b, children));
    }
  }

  private boolean url(Block b, String url) {
    return url == null || url.length() <= NotionLimits.MAX_URL_LENGTH;
  }

  private Block tooLong(Block b) {
    warnings.add(Warnings.LINK_DROPPED, b.type() + " URL is longer than 2000 characters", b.id());
    return new Block.TextBlock(
        b.id(), "paragraph", List.of(RichText.text(Substitutes.labelOf(b))), "default", List.of());
  }

  private Block table(Block.Table t) {
    List<Block.TableRow> rows = new ArrayList<>(t.rows().size());
    for (Block.TableRow row : t.rows()) {
      List<List<RichText>> cells = new ArrayList<>(row.cells().size());
      for (List<RichText> cell : row.cells()) {
        cells.add(capped(cell, t.id()));
      }
      rows.add(new Block.TableRow(row.id(), cells));
    }
    return new Block.Table(t.id(), t.width(), t.columnHeader(), t.rowHeader(), rows);
  }

  interface Maker {
    Block make(List<RichText> text, List<Block> children);
  }

  /** Blocks of at most 100 items each; children go with the last, after all the text. */
  private void spill(
      List<RichText> items, String id, List<Block> children, List<Block> out, Maker maker) {
    int max = NotionLimits.MAX_RICH_TEXT_ITEMS;
    if (items.size() <= max) {
      out.add(maker.make(items, children));
      return;
    }
    warnings.add(
        Warnings.TEXT_SPLIT, "More than 100 rich-text items; continued in further blocks", id);
    for (int from = 0; from < items.size(); from += max) {
      int to = Math.min(items.size(), from + max);
      out.add(
          maker.make(
              List.copyOf(items.subList(from, to)), to == items.size() ? children : List.of()));
    }
  }

  /** Items within the per-item limits, merged back to canonical form when over 100. */
  List<RichText> items(List<RichText> in, String id) {
    boolean ok = in.size() <= NotionLimits.MAX_RICH_TEXT_ITEMS;
    for (int i = 0; ok && i < in.size(); i++) {
      ok = withinLimits(in.get(i));
    }
    if (ok) {
      return in;
    }
    List<RichText> merged = in.size() > NotionLimits.MAX_RICH_TEXT_ITEMS ? merge(in) : in;
    List<RichText> out = new ArrayList<>(merged.size() + 4);
    boolean split = false;
    for (RichText rt : merged) {
      rt = fitItem(rt, id);
      if (rt.kind() != RichText.Kind.MENTION && rt.text().length() > NotionLimits.MAX_TEXT_LENGTH) {
        split = true;
        for (String piece : NotionLimits.splitText(rt.text())) {
          out.add(rt.withText(piece));
        }
      } else {
        out.add(rt);
      }
    }
    if (split) {
      warnings.add(
          Warnings.TEXT_SPLIT, "Text longer than 2000 characters split into several items", id);
    }
    return out;
  }

  private static boolean withinLimits(RichText rt) {
    return switch (rt.kind()) {
      case TEXT ->
          rt.text().length() <= NotionLimits.MAX_TEXT_LENGTH
              && (rt.link() == null || rt.link().length() <= NotionLimits.MAX_URL_LENGTH);
      case EQUATION -> rt.text().length() <= NotionLimits.MAX_EQUATION_LENGTH;
      case MENTION -> true;
    };
  }

  private RichText fitItem(RichText rt, String id) {
    if (rt.kind() == RichText.Kind.EQUATION
        && rt.text().length() > NotionLimits.MAX_EQUATION_LENGTH) {
      warnings.add(
          Warnings.FLATTENED, "Inline equation longer than 1000 characters kept as code text", id);
      return RichText.text(rt.text(), rt.annotations().withCode(), null);
    }
    if (rt.link() != null && rt.link().length() > NotionLimits.MAX_URL_LENGTH) {
      warnings.add(
          Warnings.LINK_DROPPED, "Link longer than 2000 characters dropped; text kept", id);
      return RichText.text(rt.text(), rt.annotations(), null);
    }
    return rt;
  }

  /** Adjacent text items with the same formatting and link joined. */
  static List<RichText> merge(List<RichText> in) {
    List<RichText> out = new ArrayList<>(in.size());
    StringBuilder sb = null;
    RichText run = null;
    for (RichText rt : in) {
      if (run != null && run.sameStyle(rt)) {
        sb.append(rt.text());
        continue;
      }
      if (run != null) {
        out.add(sb == null ? run : run.withText(sb.toString()));
      }
      run = rt;
      sb = new StringBuilder(rt.text());
    }
    if (run != null) {
      out.add(run.withText(sb.toString()));
    }
    return out;
  }

  /**
   * For arrays that cannot spill (table cells, captions): the overflow is flattened to plain text.
   */
  private List<RichText> capped(List<RichText> in, String id) {
    List<RichText> items = items(in, id);
    int max = NotionLimits.MAX_RICH_TEXT_ITEMS;
    if (items.size() <= max) {
      return items;
    }
    warnings.add(
        Warnings.FLATTENED,
        "More than 100 rich-text items in a cell or caption; the rest kept as plain text",
        id);
    List<RichText> out = new ArrayList<>(items.subList(0, max - 10));
    StringBuilder rest = new StringBuilder();
    for (RichText rt : items.subList(max - 10, items.size())) {
      rest.append(rt.text());
    }
    for (String piece : NotionLimits.splitText(rest.toString())) {
      if (out.size() == max) {
        warnings.add(Warnings.TRUNCATED, "Cell or caption text beyond Notion's limits was cut", id);
        break;
      }
      out.add(RichText.text(piece));
    }
    return out;
  }
}
