package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of canonical block trees of the clean types: what Notion returns once read, with
 * adjacent same-style text merged and no empty text items (HTML cannot tell those apart).
 */
final class BlockTrees {

  private static final List<String> COLORS = List.of("default", "red", "blue_background", "gray");
  private static final List<String> LINKS = List.of("https://example.com/a?b=1&c=2", "mailto:help@fynedesk.io");
  private static final List<String> LANGUAGES = List.of("java", "plain text", "c++", "python", "sql");

  private BlockTrees() {}

  static Arbitrary<List<Block>> trees() {
    return blocks(2).list().ofMaxSize(5);
  }

  private static Arbitrary<String> text() {
    return Arbitraries.of("a", "Zy", " ", "  ", "\n", "\t", "<", ">", "&", "\"", "'", "*", "_", "#",
            "-", "1.", "\u00a0", "é", "😀", "👨‍👩‍👧", "中文", "x y")
        .list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
  }

  private static Arbitrary<Annotations> annotations(boolean allowCode) {
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
            Arbitraries.of(true, false), Arbitraries.of(true, false),
            Arbitraries.of(true, false).map(c -> c && allowCode), Arbitraries.of(COLORS))
        .as(Annotations::new);
  }

  private static Arbitrary<RichText> item(boolean allowCode) {
    Arbitrary<RichText> plain = Combinators.combine(text(), annotations(allowCode),
            Arbitraries.of(LINKS).injectNull(0.6))
        .as(RichText::text);
    Arbitrary<RichText> mention = Combinators.combine(
            Arbitraries.of(Mention.ofId("page", "59833787-2cf9-4fdf-8782-e53db20768a5"),
                Mention.ofId("user", "0c1f7e9a-4b2d-4d7f-8e1a-abcdefabcdef"),
                Mention.date("2026-01-02", null), Mention.date("2026-01-02", "2026-01-05")),
            Arbitraries.of("Roadmap", "Ada Lovelace", "2026-01-02"), annotations(allowCode))
        .as(RichText::mention);
    Arbitrary<RichText> equation = Combinators.combine(
            Arbitraries.of("E = mc^2", "a<b & c", "\\frac{1}{2}"), annotations(allowCode))
        .as(RichText::equation);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, plain), net.jqwik.api.Tuple.of(1, mention),
        net.jqwik.api.Tuple.of(1, equation));
  }

  static Arbitrary<List<RichText>> richText(boolean allowCode) {
    return item(allowCode).list().ofMaxSize(4).map(LimitFitter::merge);
  }

  private static Arbitrary<String> color() {
    return Arbitraries.of(COLORS);
  }

  static Arbitrary<Block> blocks(int depth) {
    Arbitrary<List<Block>> children = depth == 0
        ? Arbitraries.just(List.of())
        : Arbitraries.lazy(() -> blocks(depth - 1)).list().ofMaxSize(3);
    Arbitrary<Block> textBlock = Combinators.combine(
            Arbitraries.of("paragraph", "bulleted_list_item", "numbered_list_item", "quote", "toggle"),
            richText(true), color(), children)
        .as((type, text, color, kids) -> new Block.TextBlock(null, type, text, color, kids));
    Arbitrary<Block> heading = Combinators.combine(Arbitraries.integers().between(1, 3),
            richText(true), color(), Arbitraries.of(true, false), children)
        .as((level, text, color, toggle, kids) ->
            new Block.Heading(null, level, text, color, toggle, toggle ? kids : List.of()));
    Arbitrary<Block> todo = Combinators.combine(richText(true), Arbitraries.of(true, false), color(), children)
        .as((text, checked, color, kids) -> new Block.ToDo(null, text, checked, color, kids));
    Arbitrary<Block> callout = Combinators.combine(richText(true),
            Arbitraries.of(new Block.Icon("emoji", "💡"), new Block.Icon("external", "https://example.com/i.png"))
                .injectNull(0.3),
            color(), children)
        .as((text, icon, color, kids) -> new Block.Callout(null, text, icon, color, kids));
    Arbitrary<Block> code = Combinators.combine(richText(false), Arbitraries.of(LANGUAGES), richText(true))
        .as((text, lang, caption) -> new Block.Code(null, text, lang, caption));
    Arbitrary<Block> simple = Arbitraries.of(new Block.Divider(null),
        new Block.Equation(null, "\\int_0^1 x\\,dx < 1"),
        new Block.Equation(null, ""));
    Arbitrary<Block> image = Combinators.combine(
            Arbitraries.of("https://images.example.com/cat.png", "https://x.example.com/a b.png?q=1&r=2"),
            richText(true))
        .as((url, caption) -> new Block.Media(null, "image", Block.FileRef.external(url), caption, null));
    return Arbitraries.oneOf(textBlock, heading, todo, callout, code, simple, table(), image);
  }

  private static Arbitrary<Block> table() {
    return Arbitraries.integers().between(1, 3).flatMap(width ->
        Combinators.combine(richText(true).list().ofSize(width).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(true, false), Arbitraries.of(true, false))
            .as((rows, colHeader, rowHeader) -> {
              List<Block.TableRow> tableRows = new ArrayList<>();
              for (List<List<RichText>> cells : rows) {
                tableRows.add(new Block.TableRow(null, cells));
              }
              return new Block.Table(null, width, colHeader, rowHeader, tableRows);
            }));
  }
}
