package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Parses HTML (jsoup) into {@link Block}s: the reverse of {@link HtmlRenderer}, and a best effort
 * for any other HTML. Unknown elements keep their text as paragraphs; h4–h6 become heading_3.
 *
 * <p>Reading recurses over the elements, so block elements nested more than {@link
 * #MAX_ELEMENT_DEPTH} deep (and inline ones more than that inside one block) are read iteratively
 * as plain text, with a {@code flattened} warning; the tree read is then capped at {@link
 * BlockEngine#MAX_DEPTH} levels ({@link Blocks#capDepth}).
 */
final class HtmlReader {

  /**
   * Most elements read inside one another, twice {@link BlockEngine#MAX_DEPTH} (a list level is two
   * elements); deeper ones become plain text. Keeps the recursion far from the stack's limit.
   */
  static final int MAX_ELEMENT_DEPTH = 2 * BlockEngine.MAX_DEPTH;

  /** The warning for elements nested deeper than {@link #MAX_ELEMENT_DEPTH}. */
  static final String TOO_DEEP =
      "HTML nested more than " + MAX_ELEMENT_DEPTH + " elements deep was read as plain text";

  /** Elements whose content is not text: left out when reading plain text. */
  static final Set<String> NOT_TEXT =
      Set.of(
          "script",
          "style",
          "template",
          "noscript",
          "title",
          "meta",
          "link",
          "base",
          "head",
          "input",
          "select",
          "iframe",
          "video",
          "audio",
          "object",
          "embed",
          "svg",
          "canvas");

  private static final Set<String> BLOCK_TAGS =
      Set.of(
          "p",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "ul",
          "ol",
          "menu",
          "li",
          "blockquote",
          "pre",
          "hr",
          "table",
          "figure",
          "img",
          "details",
          "summary",
          "aside",
          "div",
          "section",
          "article",
          "main",
          "header",
          "footer",
          "nav",
          "address",
          "dl",
          "dt",
          "dd",
          "form",
          "fieldset",
          "iframe",
          "video",
          "audio",
          "embed",
          "object",
          "center",
          "hgroup",
          "search",
          "figcaption",
          "caption",
          "thead",
          "tbody",
          "tfoot",
          "tr",
          "td",
          "th",
          "script",
          "style",
          "template",
          "noscript",
          "title",
          "meta",
          "link",
          "base",
          "head",
          "body",
          "html",
          "legend",
          "picture");

  private final Warnings warnings;
  private final HtmlBlockReader typed;

  /** How many block elements enclose the one being read. */
  private int depth;

  HtmlReader(Warnings warnings) {
    this.warnings = warnings;
    this.typed = new HtmlBlockReader(this, warnings);
  }

  List<Block> read(String html) {
    List<Block> out = new ArrayList<>();
    blocks(Jsoup.parse(html).body().childNodes(), 0, out);
    return Blocks.capDepth(out, warnings);
  }

  static boolean isBlock(Element e) {
    return BLOCK_TAGS.contains(e.normalName());
  }

  /** Reads nodes[from..] as blocks; runs of inline content become paragraphs. */
  void blocks(List<Node> nodes, int from, List<Block> out) {
    HtmlInlineReader pending = null;
    for (int i = from, n = nodes.size(); i < n; i++) {
      Node node = nodes.get(i);
      if (node instanceof Element e && isBlock(e)) {
        flushParagraph(pending, "default", out);
        pending = null;
        element(e, out);
      } else if (node instanceof TextNode || node instanceof Element) {
        if (pending == null) {
          if (node instanceof TextNode t && isLayout(t.getWholeText())) {
            continue;
          }
          pending = new HtmlInlineReader(warnings, false);
        }
        pending.node(node, Annotations.NONE, null);
      }
    }
    flushParagraph(pending, "default", out);
  }

  private void element(Element e, List<Block> out) {
    if (depth >= MAX_ELEMENT_DEPTH) {
      warnings.addOnce(Warnings.FLATTENED, TOO_DEEP, null);
      plainText(e, out);
      return;
    }
    depth++;
    try {
      typed.element(e, out);
    } finally {
      depth--;
    }
  }

  /**
   * An element nested too deep, read iteratively: a paragraph for each run of text between block
   * boundaries (formatting and links left out), images as blocks.
   */
  private void plainText(Element e, List<Block> out) {
    PlainText reader = new PlainText(out);
    NodeTraversor.filter(reader, e);
    reader.flush();
  }

  /** The visitor of {@link #plainText}. */
  private final class PlainText implements NodeFilter {
    private final List<Block> out;
    private InlineBuilder text = new InlineBuilder();

    PlainText(List<Block> out) {
      this.out = out;
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode t) {
        text.htmlText(t.getWholeText(), Annotations.NONE, null);
      } else if (node instanceof Element el) {
        String tag = el.normalName();
        if (NOT_TEXT.contains(tag)) {
          return FilterResult.SKIP_ENTIRELY;
        }
        if (tag.equals("br")) {
          text.text("\n", Annotations.NONE, null);
        } else if (tag.equals("img")) {
          flush();
          Block image = imageBlock(el, warnings);
          if (image != null) {
            out.add(image);
          }
        } else if (isBlock(el)) {
          flush();
        }
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element el && isBlock(el)) {
        flush();
      }
      return FilterResult.CONTINUE;
    }

    /** Ends the current paragraph (one with only whitespace is left out). */
    void flush() {
      List<RichText> built = text.build();
      text = new InlineBuilder();
      if (!HtmlRenderer.plain(built).isBlank()) {
        out.add(new Block.TextBlock(null, "paragraph", built, "default", List.of()));
      }
    }
  }

  /** Adds a paragraph for inline content, and any images found in it, when there is something. */
  void flushParagraph(HtmlInlineReader inline, String color, List<Block> out) {
    if (inline == null) {
      return;
    }
    List<RichText> text = inline.build();
    if (!text.isEmpty()) {
      out.add(new Block.TextBlock(null, "paragraph", text, color, List.of()));
    }
    addImages(inline, out);
  }

  void addImages(HtmlInlineReader inline, List<Block> out) {
    if (!inline.images.isEmpty()) {
      warnings.add(Warnings.FLATTENED, "Inline image moved after its text", null);
      out.addAll(inline.images);
    }
  }

  /** Whitespace holding a line break: layout, not content. */
  static boolean isLayout(String s) {
    boolean lineBreak = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\f') {
        lineBreak = true;
      } else if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return lineBreak || s.isEmpty();
  }

  static Block imageBlock(Element img, Warnings warnings) {
    String src = img.attr("src");
    if (!NotionUrls.isWebUrl(src)) {
      warnings.add(
          Warnings.DROPPED,
          "Image without an http(s) URL was dropped: " + HtmlInlineReader.abbreviate(src),
          null);
      return null;
    }
    String alt = img.attr("alt");
    List<RichText> caption = alt.isEmpty() ? List.of() : List.of(RichText.text(alt));
    return new Block.Media(null, "image", Block.FileRef.external(src), caption, null);
  }

  /** Text of an element's inline content, then its block children (li, blockquote, aside). */
  record TextAndChildren(List<RichText> text, List<Block> children) {}

  TextAndChildren textAndChildren(Element el, boolean forceInline) {
    List<Node> nodes = el.childNodes();
    int firstBlock = nodes.size();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) instanceof Element e && isBlock(e)) {
        firstBlock = i;
        break;
      }
    }
    HtmlInlineReader inline = new HtmlInlineReader(warnings, false);
    inline.nodes(nodes, 0, firstBlock);
    List<Block> children = new ArrayList<>();
    int childStart = firstBlock;
    if (!forceInline
        && !inline.builder.isSignificant()
        && firstBlock < nodes.size()
        && ((Element) nodes.get(firstBlock)).normalName().equals("p")) {
      inline = new HtmlInlineReader(warnings, false);
      inline.children((Element) nodes.get(firstBlock));
      childStart = firstBlock + 1;
    }
    List<RichText> text = inline.build();
    addImages(inline, children);
    blocks(nodes, childStart, children);
    return new TextAndChildren(text, children);
  }
}
