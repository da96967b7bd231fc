package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** Turns one block-level HTML element into blocks. */
final class HtmlBlockReader {

  private final HtmlReader reader;
  private final Warnings warnings;
  private final HtmlTableReader tables;

  HtmlBlockReader(HtmlReader reader, Warnings warnings) {
    this.reader = reader;
    this.warnings = warnings;
    this.tables = new HtmlTableReader(warnings);
  }

  void element(Element e, List<Block> out) {
    String tag = e.normalName();
    switch (tag) {
      case "p" -> paragraph(e, out);
      case "h1", "h2", "h3", "h4", "h5", "h6" -> out.add(heading(e, false, List.of()));
      case "ul", "ol", "menu" -> list(e, out);
      case "li" -> out.add(listItem(e, "bulleted_list_item"));
      case "blockquote" -> {
        HtmlReader.TextAndChildren tc = reader.textAndChildren(e, false);
        out.add(new Block.TextBlock(null, "quote", tc.text(), color(e), tc.children()));
      }
      case "pre" -> out.add(code(e, List.of()));
      case "hr" -> out.add(new Block.Divider(null));
      case "table" -> tables.table(e, out);
      case "figure" -> figure(e, out);
      case "img" -> addIfPresent(HtmlReader.imageBlock(e, warnings), out);
      case "details" -> details(e, out);
      case "aside" -> aside(e, out);
      case "div" -> div(e, out);
      case "iframe", "embed", "object" -> frame(e, out);
      case "video", "audio" -> media(e, tag, out);
      case "script", "style", "template", "noscript", "title", "meta", "link", "base", "head" ->
          warnings.add(Warnings.DROPPED, "<" + tag + "> element was dropped", null);
      default -> generic(e, out);
    }
  }

  private static void addIfPresent(Block b, List<Block> out) {
    if (b != null) {
      out.add(b);
    }
  }

  static String color(Element e) {
    String c = e.attr("data-color");
    return c.isEmpty() ? "default" : c;
  }

  private void paragraph(Element e, List<Block> out) {
    HtmlInlineReader inline = new HtmlInlineReader(warnings, false);
    inline.children(e);
    List<RichText> text = inline.build();
    if (!text.isEmpty() || (inline.images.isEmpty() && e.selectFirst("img") == null)) {
      out.add(new Block.TextBlock(null, "paragraph", text, color(e), List.of()));
    }
    if (!inline.images.isEmpty()) {
      if (!text.isEmpty()) {
        warnings.add(Warnings.FLATTENED, "Inline image moved after its text", null);
      }
      out.addAll(inline.images);
    }
  }

  private Block.Heading heading(Element h, boolean toggleable, List<Block> children) {
    int level = Math.min(h.normalName().charAt(1) - '0', 3);
    HtmlInlineReader inline = new HtmlInlineReader(warnings, false);
    inline.children(h);
    return new Block.Heading(null, level, inline.build(), color(h), toggleable, children);
  }

  private void list(Element list, List<Block> out) {
    String type = list.normalName().equals("ol") ? "numbered_list_item" : "bulleted_list_item";
    if (list.hasClass("notion-to-do")) {
      type = "to_do";
    }
    List<Node> loose = new ArrayList<>();
    for (Node n : list.childNodes()) {
      if (n instanceof Element li && li.normalName().equals("li")) {
        reader.blocks(loose, 0, out);
        loose.clear();
        out.add(listItem(li, type));
      } else {
        loose.add(n);
      }
    }
    reader.blocks(loose, 0, out);
  }

  private Block listItem(Element li, String type) {
    Element checkbox = leadingCheckbox(li);
    HtmlReader.TextAndChildren tc = reader.textAndChildren(li, checkbox != null);
    if (checkbox != null || type.equals("to_do")) {
      boolean checked = checkbox != null && checkbox.hasAttr("checked");
      return new Block.ToDo(null, tc.text(), checked, color(li), tc.children());
    }
    return new Block.TextBlock(null, type, tc.text(), color(li), tc.children());
  }

  private static Element leadingCheckbox(Element li) {
    for (Node n : li.childNodes()) {
      if (n instanceof Element e) {
        boolean box = e.normalName().equals("input") && e.attr("type").equalsIgnoreCase("checkbox");
        return box ? e : null;
      }
      if (n instanceof TextNode t && !HtmlReader.isLayout(t.getWholeText())) {
        return null;
      }
    }
    return null;
  }

  Block code(Element pre, List<RichText> caption) {
    Element code =
        pre.children().size() == 1 && pre.child(0).normalName().equals("code")
            ? pre.child(0)
            : null;
    String lang = pre.attr("data-language");
    if (lang.isEmpty() && code != null) {
      for (String cls : code.classNames()) {
        if (cls.startsWith("language-")) {
          lang = cls.substring(9).replace('-', ' ');
        }
      }
    }
    String notionLang = CodeLanguages.toNotion(lang);
    if (notionLang == null) {
      warnings.add(
          Warnings.FLATTENED,
          "Code language \"" + lang + "\" is unknown to Notion; plain text used",
          null);
      notionLang = CodeLanguages.PLAIN;
    }
    HtmlInlineReader inline = new HtmlInlineReader(warnings, true);
    inline.children(code != null ? code : pre);
    return new Block.Code(null, inline.build(), notionLang, caption);
  }

  private void figure(Element fig, List<Block> out) {
    Element figcaption = fig.selectFirst("> figcaption");
    List<RichText> caption = List.of();
    if (figcaption != null) {
      HtmlInlineReader inline = new HtmlInlineReader(warnings, false);
      inline.children(figcaption);
      caption = inline.build();
    }
    Element img = fig.selectFirst("img");
    Element pre = fig.selectFirst("pre");
    if (img != null) {
      Block image = HtmlReader.imageBlock(img, warnings);
      if (image instanceof Block.Media m && (figcaption != null || fig.hasClass("notion-image"))) {
        image = new Block.Media(null, "image", m.file(), caption, null);
      }
      addIfPresent(image, out);
    } else if (pre != null) {
      out.add(code(pre, caption));
    } else {
      generic(fig, out);
    }
  }

  private void details(Element details, List<Block> out) {
    Element summary = null;
    List<Node> rest = new ArrayList<>();
    for (Node n : details.childNodes()) {
      if (summary == null && n instanceof Element e && e.normalName().equals("summary")) {
        summary = e;
      } else {
        rest.add(n);
      }
    }
    List<Block> children = new ArrayList<>();
    reader.blocks(rest, 0, children);
    Element heading = summary == null ? null : onlyHeading(summary);
    if (heading != null) {
      out.add(heading(heading, true, children));
      return;
    }
    HtmlInlineReader inline = new HtmlInlineReader(warnings, false);
    if (summary != null) {
      inline.children(summary);
    }
    out.add(new Block.TextBlock(null, "toggle", inline.build(), color(details), children));
  }

  private static Element onlyHeading(Element summary) {
    Element found = null;
    for (Node n : summary.childNodes()) {
      if (n instanceof Element e) {
        String tag = e.normalName();
        boolean heading =
            tag.length() == 2
                && tag.charAt(0) == 'h'
                && tag.charAt(1) >= '1'
                && tag.charAt(1) <= '6';
        if (!heading || found != null) {
          return null;
        }
        found = e;
      } else if (n instanceof TextNode t && !HtmlReader.isLayout(t.getWholeText())) {
        return null;
      }
    }
    return found;
  }

  private void aside(Element aside, List<Block> out) {
    if (!aside.hasClass("notion-callout")) {
      generic(aside, out);
      return;
    }
    Block.Icon icon = null;
    if (aside.hasAttr("data-icon")) {
      icon = new Block.Icon("emoji", aside.attr("data-icon"));
    } else if (NotionUrls.isWebUrl(aside.attr("data-icon-url"))) {
      icon = new Block.Icon("external", aside.attr("data-icon-url"));
    }
    HtmlReader.TextAndChildren tc = reader.textAndChildren(aside, false);
    out.add(new Block.Callout(null, tc.text(), icon, color(aside), tc.children()));
  }

  private void div(Element div, List<Block> out) {
    if (div.hasClass("notion-equation")) {
      out.add(new Block.Equation(null, div.wholeText()));
    } else if (div.hasClass("notion-placeholder")) {
      new HtmlPlaceholderReader(warnings).read(div, out);
    } else if (div.hasClass("notion-column-list")) {
      columns(div, out);
    } else if (div.hasClass("notion-indent")) {
      indent(div, out);
    } else if (div.hasClass("notion-synced-block")) {
      reader.blocks(div.childNodes(), 0, out);
    } else {
      generic(div, out);
    }
  }

  private void columns(Element div, List<Block> out) {
    List<Block> columns = new ArrayList<>();
    boolean valid = true;
    for (Element col : div.children()) {
      List<Block> children = new ArrayList<>();
      reader.blocks(col.childNodes(), 0, children);
      valid &= col.hasClass("notion-column") && !children.isEmpty();
      Double ratio = parseRatio(col.attr("data-width-ratio"));
      columns.add(new Block.Container(null, "column", ratio, null, children));
    }
    if (valid && columns.size() >= 2) {
      out.add(new Block.Container(null, "column_list", null, null, columns));
      return;
    }
    warnings.add(Warnings.FLATTENED, "Columns laid out one after another", null);
    for (Block col : columns) {
      out.addAll(col.children());
    }
  }

  private static Double parseRatio(String s) {
    try {
      return s.isEmpty() ? null : Double.valueOf(s);
    } catch (NumberFormatException ex) {
      return null;
    }
  }

  /** Children of the paragraph or heading just before, as {@link HtmlRenderer} writes them. */
  private void indent(Element div, List<Block> out) {
    List<Block> children = new ArrayList<>();
    reader.blocks(div.childNodes(), 0, children);
    Block prev = out.isEmpty() ? null : out.get(out.size() - 1);
    if (prev instanceof Block.TextBlock t
        && t.type().equals("paragraph")
        && t.children().isEmpty()) {
      out.set(
          out.size() - 1, new Block.TextBlock(null, "paragraph", t.text(), t.color(), children));
    } else if (prev instanceof Block.Heading h && h.children().isEmpty()) {
      out.set(
          out.size() - 1,
          new Block.Heading(null, h.level(), h.text(), h.color(), h.toggleable(), children));
    } else {
      out.addAll(children);
    }
  }

  private void frame(Element e, List<Block> out) {
    String url = e.hasAttr("src") ? e.attr("src") : e.attr("data");
    if (NotionUrls.isWebUrl(url)) {
      warnings.add(Warnings.FLATTENED, "<" + e.normalName() + "> became a bookmark", null);
      out.add(new Block.WebLink(null, "bookmark", url, List.of()));
    } else {
      warnings.add(
          Warnings.DROPPED, "<" + e.normalName() + "> without an http(s) URL was dropped", null);
    }
  }

  private void media(Element e, String type, List<Block> out) {
    String url = e.attr("src");
    Element source = e.selectFirst("source[src]");
    if (url.isEmpty() && source != null) {
      url = source.attr("src");
    }
    if (NotionUrls.isWebUrl(url)) {
      out.add(new Block.Media(null, type, Block.FileRef.external(url), List.of(), null));
    } else {
      warnings.add(Warnings.DROPPED, "<" + type + "> without an http(s) URL was dropped", null);
    }
  }

  /** Unknown elements: containers are read through, anything else keeps its text as a paragraph. */
  private void generic(Element e, List<Block> out) {
    for (Element child : e.children()) {
      if (HtmlReader.isBlock(child)) {
        reader.blocks(e.childNodes(), 0, out);
        return;
      }
    }
    HtmlInlineReader inline = new HtmlInlineReader(warnings, false);
    inline.children(e);
    reader.flushParagraph(inline, color(e), out);
  }
}
