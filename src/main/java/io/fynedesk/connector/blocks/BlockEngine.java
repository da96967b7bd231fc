package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Converts content between Notion blocks, HTML and Markdown, within Notion's size limits and a
 * block budget, reporting what did not convert exactly. Thread-safe; construct once per budget.
 *
 * <p><b>Nesting depth.</b> Block trees are at most {@link #MAX_DEPTH} ({@value #MAX_DEPTH}) levels
 * deep, top-level blocks being level 1; real content needs far fewer. The readers never build a
 * deeper tree, and every writer caps the tree it is given the same way: the descendants of a block
 * at level {@value #MAX_DEPTH} follow it as its siblings, in document order, so their text is kept,
 * and a {@code flattened} warning ("Content nested more than 64 levels deep…") says so. HTML
 * elements nested more than 128 deep ({@code HtmlReader.MAX_ELEMENT_DEPTH}) are read as plain text
 * with the same kind of warning, and commonmark-java holds Markdown to 136 open blocks ({@code
 * MarkdownReader.MAX_OPEN_BLOCKS}). So no input, however deeply nested, overflows the stack of the
 * recursive readers and writers, and Notion JSON output stays far below Jackson's nesting limit of
 * 1000.
 */
public final class BlockEngine {

  /** The service default for {@code connector.kb.max-blocks}. */
  public static final int DEFAULT_MAX_BLOCKS = 20_000;

  /** The deepest level a block may sit at (top-level blocks are level 1); see the class comment. */
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FORMATS = List.of("notion", "html", "markdown");

  private final int maxBlocks;

  /** {@code maxBlocks}: most blocks (nested blocks and table rows count) a conversion outputs. */
  public BlockEngine(int maxBlocks) {
    if (maxBlocks < 1) {
      throw new IllegalArgumentException("maxBlocks must be at least 1, was " + maxBlocks);
    }
    this.maxBlocks = maxBlocks;
  }

  public int maxBlocks() {
    return maxBlocks;
  }

  /**
   * Reads a JSON array of Notion blocks (response or request shape, children nested either way).
   */
  public List<Block> readNotion(JsonNode array) {
    return new NotionReader(new Warnings()).readArray(array, "content");
  }

  /**
   * Reads a JSON array of Notion blocks from raw UTF-8 bytes, streaming (see {@link
   * NotionStreamReader}), so a large page never exists as a JSON tree in memory.
   *
   * @throws ConversionInputException when the bytes are not a JSON array of valid blocks
   */
  public List<Block> readNotion(byte[] json) {
    try {
      return new NotionStreamReader(JSON, new NotionReader(new Warnings())).read(json);
    } catch (IOException e) {
      throw new ConversionInputException(
          "content",
          "is not valid JSON: "
              + (e instanceof JsonProcessingException jp
                  ? jp.getOriginalMessage()
                  : e.getMessage()));
    }
  }

  /** Streams {@link #writeNotionNested(List)} output to {@code gen}, without building a tree. */
  public void writeNotionNested(List<Block> blocks, JsonGenerator gen) throws IOException {
    new NotionWriter(gen, false).write(Blocks.capDepth(blocks, new Warnings()));
    gen.flush();
  }

  /** {@link #writeNotionNested(List)} as UTF-8 JSON bytes, without building a tree. */
  public byte[] writeNotionNestedJson(List<Block> blocks) {
    // Grows in segments rather than by copying one ever larger array (large arrays are costly in a
    // small heap).
    ByteArrayBuilder out = new ByteArrayBuilder(64 * 1024);
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      writeNotionNested(blocks, gen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Notion request shape for appending children: limits applied, uncreatable types substituted. */
  public ArrayNode writeNotionRequest(List<Block> blocks) {
    Warnings w = new Warnings();
    return toTree(new LimitFitter(w).fit(Blocks.capDepth(blocks, w)), true);
  }

  /**
   * The same tree with ids and block-level {@code children}, as the convert endpoint returns it.
   */
  public ArrayNode writeNotionNested(List<Block> blocks) {
    return toTree(Blocks.capDepth(blocks, new Warnings()), false);
  }

  private static ArrayNode toTree(List<Block> blocks, boolean request) {
    try (TokenBuffer buffer = new TokenBuffer(JSON, false)) {
      new NotionWriter(buffer, request).write(blocks);
      return (ArrayNode) JSON.readTree(buffer.asParser(JSON));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ConversionResult<String> toHtml(List<Block> blocks) {
    Warnings w = new Warnings();
    Truncator t = new Truncator(maxBlocks);
    List<Block> fitted = t.apply(Blocks.capDepth(blocks, w), w);
    String html = new HtmlRenderer(w, fitted.size() * 64 + 16).render(fitted);
    return new ConversionResult<>(html, w.list(), t.truncated());
  }

  public ConversionResult<String> toMarkdown(List<Block> blocks) {
    Warnings w = new Warnings();
    Truncator t = new Truncator(maxBlocks);
    List<Block> fitted = t.apply(Blocks.capDepth(blocks, w), w);
    String md = new MarkdownWriter(w).render(fitted, markdownSizeHint(t));
    return new ConversionResult<>(md, w.list(), t.truncated());
  }

  /**
   * Notion JSON bytes → Markdown in one pass (the AI source's hot path): each top-level block is
   * rendered as soon as the streaming reader has it, so the page never exists as a block list. The
   * result equals {@code toMarkdown(readNotion(json))}; a page beyond {@code maxBlocks} takes that
   * path (truncation needs the whole page).
   *
   * @throws ConversionInputException when the bytes are not a JSON array of valid blocks
   */
  public ConversionResult<String> notionJsonToMarkdown(byte[] json) {
    Warnings w = new Warnings();
    MarkdownWriter.Sequence md = new MarkdownWriter(w).sequence(json.length / 4 + 256);
    int[] count = {0};
    try {
      new NotionStreamReader(JSON, new NotionReader(new Warnings()))
          .each(
              json,
              b -> {
                count[0] += Blocks.count(List.of(b));
                if (count[0] > maxBlocks) {
                  throw TooLong.INSTANCE;
                }
                md.add(b);
              });
    } catch (TooLong e) {
      return toMarkdown(readNotion(json));
    } catch (IOException e) {
      throw new ConversionInputException(
          "content",
          "is not valid JSON: "
              + (e instanceof JsonProcessingException jp
                  ? jp.getOriginalMessage()
                  : e.getMessage()));
    }
    return new ConversionResult<>(md.result(), w.list(), false);
  }

  /** The fused path met more blocks than it may render: the classic path truncates instead. */
  private static final class TooLong extends RuntimeException {
    static final TooLong INSTANCE = new TooLong();

    private TooLong() {
      super(null, null, false, false);
    }
  }

  /**
   * Initial Markdown buffer size: about 64 characters per block, so a typical page never regrows
   * it.
   */
  private int markdownSizeHint(Truncator t) {
    return Math.min(t.blocksIn(), maxBlocks) * 64 + 256;
  }

  public ConversionResult<List<Block>> fromHtml(String html) {
    Warnings w = new Warnings();
    return toNotionResult(new HtmlReader(w).read(html), w);
  }

  public ConversionResult<List<Block>> fromMarkdown(String markdown) {
    Warnings w = new Warnings();
    return toNotionResult(new MarkdownReader(w).read(markdown), w);
  }

  private ConversionResult<List<Block>> toNotionResult(List<Block> blocks, Warnings w) {
    Truncator t = new Truncator(maxBlocks);
    List<Block> fitted = t.apply(new LimitFitter(w).fit(blocks), w);
    return new ConversionResult<>(fitted, w.list(), t.truncated());
  }

  /**
   * The {@code POST /api/v1/tools/convert} semantics: {@code from}/{@code to} are {@code notion},
   * {@code html} or {@code markdown}; notion content is a JSON array of blocks (nested lists under
   * block-level {@code children}), html and markdown content a JSON string.
   *
   * @throws ConversionInputException for an unknown format, content of the wrong JSON type or a
   *     malformed block
   */
  public ConversionResult<JsonNode> convert(String from, String to, JsonNode content) {
    checkFormat("from", from);
    checkFormat("to", to);
    Warnings w = new Warnings();
    List<Block> blocks =
        switch (from) {
          case "notion" -> new NotionReader(w).readArray(content, "content");
          case "html" -> new HtmlReader(w).read(text(content, from));
          default -> new MarkdownReader(w).read(text(content, from));
        };
    if (to.equals("notion")) {
      blocks = new LimitFitter(w).fit(blocks);
    }
    Truncator t = new Truncator(maxBlocks);
    blocks = t.apply(blocks, w);
    JsonNode out =
        switch (to) {
          case "notion" -> writeNotionNested(blocks);
          case "html" ->
              TextNode.valueOf(
                  HtmlSafety.clean(new HtmlRenderer(w, blocks.size() * 64 + 16).render(blocks)));
          default -> TextNode.valueOf(new MarkdownWriter(w).render(blocks, markdownSizeHint(t)));
        };
    return new ConversionResult<>(out, w.list(), t.truncated());
  }

  private static void checkFormat(String field, String value) {
    if (value == null || !FORMATS.contains(value)) {
      throw new ConversionInputException(field, "must be one of notion, html, markdown");
    }
  }

  private static String text(JsonNode content, String format) {
    if (content == null || !content.isTextual()) {
      throw new ConversionInputException("content", format + " content must be a JSON string");
    }
    return content.asText();
  }
}
