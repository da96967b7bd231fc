package io.fynedesk.connector.blocks.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.blocks.Annotations;
import io.fynedesk.connector.blocks.Block;
import io.fynedesk.connector.blocks.BlockEngine;
import io.fynedesk.connector.blocks.RichText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 20,000-block page of clean types (nested blocks and table rows counted) converted each way,
 * JSON parsing and serialisation included, in a 128 MiB heap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx128m", "-Xms128m"})
public class BlockEngineBenchmark {

  static final int BLOCKS = 20_000;
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final BlockEngine ENGINE = new BlockEngine(BLOCKS);

  /** The page as Notion JSON (UTF-8 bytes, as it arrives over HTTP). */
  @State(Scope.Benchmark)
  public static class NotionInput {
    byte[] json;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      List<Block> page = PageGenerator.page(BLOCKS);
      if (ENGINE.toMarkdown(page).truncated()) {
        throw new IllegalStateException("generated page exceeds " + BLOCKS + " blocks");
      }
      json = MAPPER.writeValueAsBytes(ENGINE.writeNotionNested(page));
      System.out.printf("%npage: %d blocks, Notion JSON %d KiB%n", BLOCKS, json.length / 1024);
    }
  }

  /** The page as HTML. */
  @State(Scope.Benchmark)
  public static class HtmlInput {
    String html;

    @Setup(Level.Trial)
    public void setUp() {
      html = ENGINE.toHtml(PageGenerator.page(BLOCKS)).content();
      System.out.printf("%npage: %d blocks, HTML %d KiB%n", BLOCKS, html.length() / 1024);
    }
  }

  /** The page as Markdown. */
  @State(Scope.Benchmark)
  public static class MarkdownInput {
    String markdown;

    @Setup(Level.Trial)
    public void setUp() {
      markdown = ENGINE.toMarkdown(PageGenerator.page(BLOCKS)).content();
      System.out.printf("%npage: %d blocks, Markdown %d KiB%n", BLOCKS, markdown.length() / 1024);
    }
  }

  @Benchmark
  public String notionJsonToMarkdown(NotionInput in) throws Exception {
    return ENGINE.toMarkdown(ENGINE.readNotion(in.json)).content();
  }

  /**
   * The floor for {@link #notionJsonToMarkdown}: Jackson only tokenizes the same bytes (every token
   * read, string values materialised as the conversion needs them), nothing is built.
   */
  @Benchmark
  public long jsonTokenizeOnly(NotionInput in) throws Exception {
    long n = 0;
    try (JsonParser p = MAPPER.getFactory().createParser(in.json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        n += t == JsonToken.VALUE_STRING ? p.getText().length() : 1;
      }
    }
    return n;
  }

  /** The fused path: each top-level block rendered as soon as it is read, no block list. */
  @Benchmark
  public String notionJsonToMarkdownFused(NotionInput in) throws Exception {
    return ENGINE.notionJsonToMarkdown(in.json).content();
  }

  @Benchmark
  public String notionJsonToHtml(NotionInput in) throws Exception {
    return ENGINE.toHtml(ENGINE.readNotion(in.json)).content();
  }

  @Benchmark
  public byte[] htmlToNotionJson(HtmlInput in) throws Exception {
    return ENGINE.writeNotionNestedJson(ENGINE.fromHtml(in.html).content());
  }

  @Benchmark
  public byte[] markdownToNotionJson(MarkdownInput in) throws Exception {
    return ENGINE.writeNotionNestedJson(ENGINE.fromMarkdown(in.markdown).content());
  }

  /** Builds a deterministic page mixing every clean block type. */
  static final class PageGenerator {

    private static final Annotations BOLD =
        new Annotations(true, false, false, false, false, "default");

    private int count;
    private int serial;

    static List<Block> page(int blocks) {
      PageGenerator g = new PageGenerator();
      List<Block> out = new ArrayList<>();
      while (g.count < blocks) {
        g.section(out, blocks);
      }
      return out;
    }

    private List<RichText> text() {
      int n = serial++;
      return List.of(
          RichText.text("Step " + n + " routes "),
          RichText.text("ticket #" + n, BOLD, null),
          RichText.text(" per the "),
          RichText.text("guide", Annotations.NONE, "https://fynedesk.io/kb/" + n));
    }

    private boolean room(int needed, int max) {
      return count + needed <= max;
    }

    private void add(List<Block> out, Block b, int size) {
      out.add(b);
      count += size;
    }

    private void section(List<Block> out, int max) {
      if (room(1, max)) {
        add(out, new Block.Heading(null, 2, text(), "default", false, List.of()), 1);
      }
      for (int i = 0; i < 3 && room(1, max); i++) {
        add(out, new Block.TextBlock(null, "paragraph", text(), "default", List.of()), 1);
      }
      if (room(3, max)) {
        Block child = new Block.TextBlock(null, "bulleted_list_item", text(), "default", List.of());
        add(
            out,
            new Block.TextBlock(null, "bulleted_list_item", text(), "default", List.of(child)),
            2);
        add(out, new Block.TextBlock(null, "numbered_list_item", text(), "default", List.of()), 1);
      }
      if (room(2, max)) {
        add(out, new Block.ToDo(null, text(), serial % 2 == 0, "default", List.of()), 1);
        add(out, new Block.TextBlock(null, "quote", text(), "default", List.of()), 1);
      }
      if (room(2, max)) {
        Block inner = new Block.TextBlock(null, "paragraph", text(), "default", List.of());
        add(out, new Block.TextBlock(null, "toggle", text(), "default", List.of(inner)), 2);
      }
      if (room(2, max)) {
        add(
            out,
            new Block.Callout(
                null, text(), new Block.Icon("emoji", "💡"), "gray_background", List.of()),
            1);
        add(
            out,
            new Block.Code(
                null,
                List.of(RichText.text("for (int i = 0; i < n; i++) {\n  sync(i);\n}")),
                "java",
                List.of()),
            1);
      }
      if (room(4, max)) {
        List<Block.TableRow> rows =
            List.of(
                new Block.TableRow(
                    null, List.of(List.of(RichText.text("Plan")), List.of(RichText.text("Price")))),
                new Block.TableRow(
                    null, List.of(List.of(RichText.text("Basic")), List.of(RichText.text("$0")))),
                new Block.TableRow(
                    null, List.of(List.of(RichText.text("Pro")), List.of(RichText.text("$49")))));
        add(out, new Block.Table(null, 2, true, false, rows), 4);
      }
      if (room(3, max)) {
        add(out, new Block.Divider(null), 1);
        add(out, new Block.Equation(null, "E = mc^2"), 1);
        add(
            out,
            new Block.Media(
                null,
                "image",
                new Block.FileRef(
                    "external", "https://images.example.com/" + serial + ".png", null, null),
                List.of(RichText.text("Figure")),
                null),
            1);
      }
    }
  }
}
