package io.fynedesk.connector.blocks;

import java.util.List;

/**
 * Renders {@link Block}s as CommonMark with GFM tables and strikethrough, for the AI index. Toggles
 * become {@code <details>}, callouts quotes with their icon, equations {@code ```math} fences;
 * columns and synced blocks are laid out in sequence; other blocks become placeholder links.
 */
final class MarkdownWriter {

  /** Initial capacity of the buffer a block's text is rendered into (most lines fit). */
  private static final int INLINE_CAPACITY = 128;

  private final Warnings warnings;

  MarkdownWriter(Warnings warnings) {
    this.warnings = warnings;
  }

  String render(List<Block> blocks) {
    return render(blocks, blocks.size() * 64 + 16);
  }

  /** {@code sizeHint}: initial capacity of the output buffer, in characters. */
  String render(List<Block> blocks, int sizeHint) {
    StringBuilder out = new StringBuilder(sizeHint);
    blocks(blocks, out);
    return out.toString();
  }

  private void blocks(List<Block> blocks, StringBuilder out) {
    Sequence sequence = new Sequence(out);
    for (Block b : blocks) {
      sequence.add(b);
    }
  }

  /** A sequence of top-level blocks rendered one at a time into a fresh buffer. */
  Sequence sequence(int sizeHint) {
    return new Sequence(new StringBuilder(sizeHint));
  }

  /**
   * Blocks rendered one by one as they arrive (separators and list numbering carried between them),
   * so a streaming reader can render without a list; the result equals {@link #render}.
   */
  final class Sequence {
    private final StringBuilder out;
    private String prevList;
    private int number;
    private boolean first = true;

    private Sequence(StringBuilder out) {
      this.out = out;
    }

    void add(Block b) {
      if (b instanceof Block.TextBlock t
          && t.type().equals("paragraph")
          && t.text().isEmpty()
          && t.children().isEmpty()) {
        return;
      }
      String kind = listKind(b);
      number = kind != null && kind.equals(prevList) ? number + 1 : 1;
      if (!first) {
        out.append(kind != null && kind.equals(prevList) ? "\n" : "\n\n");
      }
      first = false;
      prevList = kind;
      int mark = out.length();
      block(b, out, number);
      if (out.length() == mark) {
        first = out.length() == 0;
        trimSeparator(out);
      }
    }

    String result() {
      return out.toString();
    }
  }

  private static void trimSeparator(StringBuilder out) {
    while (out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
      out.setLength(out.length() - 1);
    }
  }

  private static String listKind(Block b) {
    return switch (b.type()) {
      case "bulleted_list_item", "to_do" -> "-";
      case "numbered_list_item" -> "1";
      default -> null;
    };
  }

  private void block(Block b, StringBuilder out, int number) {
    if (b instanceof Block.TextBlock t) {
      textBlock(t, out, number);
    } else if (b instanceof Block.Heading h) {
      StringBuilder line = inline(h.text());
      for (int i = 0; i < h.level(); i++) {
        out.append('#');
      }
      out.append(line.length() == 0 ? "" : " ").append(line);
      after(h.children(), out);
    } else if (b instanceof Block.ToDo t) {
      listItem(t.checked() ? "- [x] " : "- [ ] ", t.text(), t.children(), out);
    } else if (b instanceof Block.Callout c) {
      StringBuilder body = new StringBuilder();
      if (c.icon() != null && "emoji".equals(c.icon().type())) {
        body.append(c.icon().value()).append(' ');
      }
      body.append(inline(c.text()));
      nested(c.children(), body);
      prefixed(body, "> ", "> ", out);
    } else if (b instanceof Block.Code c) {
      fence(
          c.language().equals(CodeLanguages.PLAIN) ? "" : c.language(),
          HtmlRenderer.plain(c.text()),
          out);
      if (!c.caption().isEmpty()) {
        out.append("\n\n").append(inline(c.caption()));
      }
    } else if (b instanceof Block.Divider) {
      out.append("---");
    } else if (b instanceof Block.Equation e) {
      fence("math", e.expression(), out);
    } else if (b instanceof Block.Table t) {
      new MarkdownTables().table(t, out);
    } else if (b instanceof Block.Media m && "image".equals(m.type()) && m.file().url() != null) {
      image(m, out);
    } else if (b instanceof Block.Container c
        && (c.children().size() > 0 || c.syncedFrom() == null)) {
      if ("column_list".equals(c.type())) {
        warnings.add(Warnings.FLATTENED, "Columns laid out one after another", c.id());
      }
      blocks(c.children(), out);
    } else {
      placeholder(b, out);
      after(b.children(), out);
    }
  }

  private void textBlock(Block.TextBlock t, StringBuilder out, int number) {
    switch (t.type()) {
      case "bulleted_list_item" -> listItem("- ", t.text(), t.children(), out);
      case "numbered_list_item" -> listItem(number + ". ", t.text(), t.children(), out);
      case "quote" -> {
        StringBuilder body = inline(t.text());
        nested(t.children(), body);
        prefixed(body, "> ", "> ", out);
      }
      case "toggle" -> {
        out.append("<details>\n<summary>");
        Html.escape(out, HtmlRenderer.plain(t.text()).replace('\n', ' '));
        out.append("</summary>\n\n");
        if (!t.children().isEmpty()) {
          blocks(t.children(), out);
          out.append("\n\n");
        }
        out.append("</details>");
      }
      default -> {
        StringBuilder text = inline(t.text());
        out.append(text);
        if (text.length() == 0) {
          blocks(t.children(), out);
        } else {
          after(t.children(), out);
        }
      }
    }
  }

  private StringBuilder inline(List<RichText> text) {
    StringBuilder sb = new StringBuilder(INLINE_CAPACITY);
    MarkdownInline.render(sb, text, false);
    // A hard break cannot end a paragraph: a trailing "\" would read back as a literal backslash.
    while (sb.length() >= 2
        && sb.charAt(sb.length() - 1) == '\n'
        && sb.charAt(sb.length() - 2) == '\\') {
      sb.setLength(sb.length() - 2);
    }
    return sb;
  }

  /** Children Markdown cannot nest under this block, written after it. */
  private void after(List<Block> children, StringBuilder out) {
    if (!children.isEmpty()) {
      out.append("\n\n");
      blocks(children, out);
    }
  }

  private void nested(List<Block> children, StringBuilder body) {
    if (!children.isEmpty()) {
      body.append(listKind(children.get(0)) != null && body.length() > 0 ? "\n" : "\n\n");
      blocks(children, body);
    }
  }

  private void listItem(
      String marker, List<RichText> text, List<Block> children, StringBuilder out) {
    StringBuilder body = inline(text);
    nested(children, body);
    prefixed(body, marker, spaces(marker.startsWith("- [") ? 2 : marker.length()), out);
  }

  private static final String[] SPACES = {"", " ", "  ", "   ", "    ", "     ", "      "};

  private static String spaces(int n) {
    return n < SPACES.length ? SPACES[n] : " ".repeat(n);
  }

  /**
   * Appends {@code body} with {@code first} before its first line and {@code rest} before the
   * others.
   */
  private static void prefixed(StringBuilder body, String first, String rest, StringBuilder out) {
    out.append(first);
    String blankPrefix = null;
    int line = 0;
    for (int i = body.indexOf("\n"), n = body.length(); i >= 0; i = body.indexOf("\n", i + 1)) {
      out.append(body, line, i + 1);
      line = i + 1;
      boolean blank = i + 1 >= n || body.charAt(i + 1) == '\n';
      if (blank && blankPrefix == null) {
        blankPrefix = rest.stripTrailing();
      }
      out.append(blank ? blankPrefix : rest);
    }
    out.append(body, line, body.length());
  }

  private static void fence(String info, String code, StringBuilder out) {
    int longest = MarkdownInline.longestBacktickRun(code);
    String fence = longest < 3 ? "```" : "`".repeat(longest + 1);
    out.append(fence).append(info).append('\n').append(code);
    if (!code.isEmpty() && !code.endsWith("\n")) {
      out.append('\n');
    }
    out.append(fence);
  }

  private void image(Block.Media m, StringBuilder out) {
    if (m.file().hosted()) {
      warnings.add(
          Warnings.EXPIRING_URL,
          "Image is hosted by Notion; its URL expires about an hour after it was read",
          m.id());
    }
    out.append("![");
    MarkdownInline.escape(out, HtmlRenderer.plain(m.caption()).replace('\n', ' '), false);
    out.append("](").append(m.file().url().replace(" ", "%20").replace(")", "%29")).append(')');
  }

  private void placeholder(Block b, StringBuilder out) {
    Placeholder p = Placeholder.of(b);
    warnings.add(Warnings.PLACEHOLDER, b.type() + " block shown as a placeholder link", b.id());
    if (p.hosted()) {
      warnings.add(
          Warnings.EXPIRING_URL,
          b.type() + " is hosted by Notion; its URL expires about an hour after it was read",
          b.id());
    }
    StringBuilder label = new StringBuilder();
    MarkdownInline.escape(label, p.label(), false);
    if (p.href() != null) {
      out.append('[')
          .append(label)
          .append("](")
          .append(p.href().replace(" ", "%20").replace(")", "%29"))
          .append(')');
    } else {
      out.append(label);
    }
    if (!p.caption().isEmpty()) {
      out.append(" — ").append(inline(p.caption()));
    }
  }
}
