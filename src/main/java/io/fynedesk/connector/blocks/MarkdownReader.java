package io.fynedesk.connector.blocks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * Parses CommonMark with GFM tables and strikethrough (commonmark-java) into {@link Block}s. {@code
 * - [ ]} items become to-dos, {@code ```math} fences equations, {@code <details>} toggles; other
 * raw HTML blocks go through {@link HtmlReader}.
 *
 * <p>Reading recurses over commonmark's tree, which the parser keeps shallow: at most {@link
 * #MAX_OPEN_BLOCKS} open blocks and {@link #MAX_INLINE_NESTING} nested inline nodes, anything
 * deeper parsed as text. The tree read is then capped at {@link BlockEngine#MAX_DEPTH} levels
 * ({@link Blocks#capDepth}, with its warning).
 */
final class MarkdownReader {

  /**
   * commonmark-java's {@code maxOpenBlockParsers}. A block level takes at most two open blocks (a
   * list and its item), so input the parser cuts short is deeper than {@link BlockEngine#MAX_DEPTH}
   * and gets the cap's warning.
   */
  static final int MAX_OPEN_BLOCKS = 2 * BlockEngine.MAX_DEPTH + 8;

  /**
   * commonmark-java's {@code maxInlineNesting} (its default, stated as the reader relies on it).
   */
  static final int MAX_INLINE_NESTING = 100;

  private static final Parser PARSER =
      Parser.builder()
          .extensions(
              List.of(
                  TablesExtension.create(),
                  StrikethroughExtension.builder().requireTwoTildes(true).build()))
          .maxOpenBlockParsers(MAX_OPEN_BLOCKS)
          .maxInlineNesting(MAX_INLINE_NESTING)
          .build();

  private final Warnings warnings;

  MarkdownReader(Warnings warnings) {
    this.warnings = warnings;
  }

  List<Block> read(String markdown) {
    List<Block> out = new ArrayList<>();
    blocks(PARSER.parse(markdown), out);
    return Blocks.capDepth(out, warnings);
  }

  /** An open {@code <details>} whose closing tag is a later HTML block. */
  private record Toggle(List<RichText> summary, List<Block> children, List<Block> parent) {}

  private void blocks(Node parent, List<Block> out) {
    Deque<Toggle> open = new ArrayDeque<>();
    List<Block> target = out;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof HtmlBlock html) {
        String literal = html.getLiteral().trim();
        String lower = literal.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<details") && !lower.contains("</details>")) {
          Toggle t = new Toggle(summary(literal), new ArrayList<>(), target);
          open.push(t);
          target = t.children();
          continue;
        }
        if (lower.equals("</details>") && !open.isEmpty()) {
          target = close(open.pop());
          continue;
        }
        target.addAll(new HtmlReader(warnings).read(literal));
        continue;
      }
      block(n, target);
    }
    while (!open.isEmpty()) {
      close(open.pop());
    }
  }

  private static List<Block> close(Toggle t) {
    t.parent().add(new Block.TextBlock(null, "toggle", t.summary(), "default", t.children()));
    return t.parent();
  }

  private static List<RichText> summary(String literal) {
    int open = literal.indexOf("<summary>");
    int close = literal.indexOf("</summary>");
    String text = "";
    if (open >= 0 && close > open) {
      text = Entities.unescape(literal.substring(open + 9, close)).strip();
    } else if (open >= 0 || literal.contains("<summary")) {
      Element summary = Jsoup.parseBodyFragment(literal).selectFirst("summary");
      text = summary == null ? "" : summary.text();
    }
    return text.isEmpty() ? List.of() : List.of(RichText.text(text));
  }

  private void block(Node n, List<Block> out) {
    if (n instanceof Paragraph p) {
      MarkdownInlineReader inline = inline(p);
      List<RichText> text = inline.build();
      if (!text.isEmpty() || inline.images.isEmpty()) {
        out.add(new Block.TextBlock(null, "paragraph", text, "default", List.of()));
      }
      images(inline, !text.isEmpty(), out);
    } else if (n instanceof Heading h) {
      out.add(
          new Block.Heading(
              null, Math.min(h.getLevel(), 3), inline(h).build(), "default", false, List.of()));
    } else if (n instanceof BulletList || n instanceof OrderedList) {
      String type = n instanceof OrderedList ? "numbered_list_item" : "bulleted_list_item";
      for (Node li = n.getFirstChild(); li != null; li = li.getNext()) {
        listItem((ListItem) li, type, out);
      }
    } else if (n instanceof BlockQuote q) {
      TextAndChildren tc = textAndChildren(q);
      out.add(new Block.TextBlock(null, "quote", tc.text, "default", tc.children));
    } else if (n instanceof FencedCodeBlock f) {
      code(f.getInfo(), f.getLiteral(), out);
    } else if (n instanceof IndentedCodeBlock c) {
      code("", c.getLiteral(), out);
    } else if (n instanceof ThematicBreak) {
      out.add(new Block.Divider(null));
    } else if (n instanceof TableBlock t) {
      out.add(new MarkdownTableReader(warnings).table(t));
    }
  }

  private MarkdownInlineReader inline(Node parent) {
    MarkdownInlineReader inline = new MarkdownInlineReader(warnings);
    inline.children(parent);
    return inline;
  }

  private void images(MarkdownInlineReader inline, boolean afterText, List<Block> out) {
    if (!inline.images.isEmpty()) {
      if (afterText) {
        warnings.add(Warnings.FLATTENED, "Inline image moved after its text", null);
      }
      out.addAll(inline.images);
    }
  }

  private record TextAndChildren(List<RichText> text, List<Block> children) {}

  private TextAndChildren textAndChildren(Node container) {
    List<Block> children = new ArrayList<>();
    List<RichText> text = List.of();
    Node first = container.getFirstChild();
    if (first instanceof Paragraph p) {
      MarkdownInlineReader inline = inline(p);
      text = inline.build();
      images(inline, false, children);
      first = first.getNext();
    }
    Node holder = new Document();
    while (first != null) {
      Node next = first.getNext();
      holder.appendChild(first);
      first = next;
    }
    blocks(holder, children);
    return new TextAndChildren(text, children);
  }

  private void listItem(ListItem li, String type, List<Block> out) {
    TextAndChildren tc = textAndChildren(li);
    List<RichText> text = tc.text;
    if (type.equals("bulleted_list_item")
        && !text.isEmpty()
        && text.get(0).kind() == RichText.Kind.TEXT) {
      String s = text.get(0).text();
      if (s.startsWith("[ ]") || s.startsWith("[x]") || s.startsWith("[X]")) {
        if (s.length() == 3 || s.charAt(3) == ' ') {
          boolean checked = s.charAt(1) != ' ';
          String rest = s.length() <= 4 ? "" : s.substring(4);
          List<RichText> stripped = new ArrayList<>(text);
          if (rest.isEmpty()) {
            stripped.remove(0);
          } else {
            stripped.set(0, text.get(0).withText(rest));
          }
          out.add(new Block.ToDo(null, stripped, checked, "default", tc.children));
          return;
        }
      }
    }
    out.add(new Block.TextBlock(null, type, text, "default", tc.children));
  }

  private void code(String info, String literal, List<Block> out) {
    String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    String lang = info == null ? "" : info.trim();
    int space = lang.indexOf(' ');
    if (space > 0 && CodeLanguages.toNotion(lang) == null) {
      lang = lang.substring(0, space);
    }
    if (lang.equals("math")) {
      out.add(new Block.Equation(null, body));
      return;
    }
    String notion = CodeLanguages.toNotion(lang);
    if (notion == null) {
      warnings.add(
          Warnings.FLATTENED,
          "Code language \"" + lang + "\" is unknown to Notion; plain text used",
          null);
      notion = CodeLanguages.PLAIN;
    }
    List<RichText> text = body.isEmpty() ? List.of() : List.of(RichText.text(body));
    out.add(new Block.Code(null, text, notion, List.of()));
  }
}
