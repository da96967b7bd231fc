package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.instancio.Random;
import org.instancio.junit.GivenProvider;

/**
 * Instancio generators of canonical block trees of the clean types: what Notion returns once read,
 * with adjacent same-style text merged and no empty text items (HTML cannot tell those apart).
 * Every choice draws from Instancio's {@link Random}, so a test's {@code @Seed} makes its samples
 * repeatable.
 */
final class BlockTrees {

  private static final List<String> COLORS = List.of("default", "red", "blue_background", "gray");
  private static final List<String> LINKS =
      List.of("https://example.com/a?b=1&c=2", "mailto:help@fynedesk.io");
  private static final List<String> LANGUAGES =
      List.of("java", "plain text", "c++", "python", "sql");
  private static final List<String> TEXT_PARTS =
      List.of(
          "a",
          "Zy",
          " ",
          "  ",
          "\n",
          "\t",
          "<",
          ">",
          "&",
          "\"",
          "'",
          "*",
          "_",
          "#",
          "-",
          "1.",
          "\u00a0",
          "é",
          "😀",
          "👨‍👩‍👧",
          "中文",
          "x y");
  private static final List<Mention> MENTIONS =
      List.of(
          Mention.ofId("page", "59833787-2cf9-4fdf-8782-e53db20768a5"),
          Mention.ofId("user", "0c1f7e9a-4b2d-4d7f-8e1a-abcdefabcdef"),
          Mention.date("2026-01-02", null),
          Mention.date("2026-01-02", "2026-01-05"));
  private static final List<String> MENTION_TEXTS =
      List.of("Roadmap", "Ada Lovelace", "2026-01-02");
  private static final List<String> EQUATIONS = List.of("E = mc^2", "a<b & c", "\\frac{1}{2}");
  private static final List<String> TEXT_BLOCK_TYPES =
      List.of("paragraph", "bulleted_list_item", "numbered_list_item", "quote", "toggle");
  private static final List<String> IMAGE_URLS =
      List.of("https://images.example.com/cat.png", "https://x.example.com/a b.png?q=1&r=2");

  private BlockTrees() {}

  /** Supplies a generated tree to a parameter annotated {@code @Given(BlockTrees.Trees.class)}. */
  static final class Trees implements GivenProvider {
    @Override
    public Object provide(ElementContext context) {
      return trees(context.random());
    }
  }

  static List<Block> trees(Random random) {
    return listOf(random, 0, 5, () -> block(random, 2));
  }

  private static <T> List<T> listOf(Random random, int min, int max, Supplier<T> element) {
    int size = random.intRange(min, max);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  private static <T> T orNull(Random random, double nullProbability, T value) {
    return random.doubleRange(0, 1) < nullProbability ? null : value;
  }

  private static String text(Random random) {
    return String.join("", listOf(random, 1, 6, () -> random.oneOf(TEXT_PARTS)));
  }

  private static String color(Random random) {
    return random.oneOf(COLORS);
  }

  private static Annotations annotations(Random random, boolean allowCode) {
    boolean bold = random.trueOrFalse();
    boolean italic = random.trueOrFalse();
    boolean strikethrough = random.trueOrFalse();
    boolean underline = random.trueOrFalse();
    boolean code = random.trueOrFalse() && allowCode;
    return new Annotations(bold, italic, strikethrough, underline, code, color(random));
  }

  private static RichText item(Random random, boolean allowCode) {
    int pick = random.intRange(1, 10);
    if (pick <= 8) {
      return RichText.text(
          text(random), annotations(random, allowCode), orNull(random, 0.6, random.oneOf(LINKS)));
    }
    if (pick == 9) {
      return RichText.mention(
          random.oneOf(MENTIONS), random.oneOf(MENTION_TEXTS), annotations(random, allowCode));
    }
    return RichText.equation(random.oneOf(EQUATIONS), annotations(random, allowCode));
  }

  static List<RichText> richText(Random random, boolean allowCode) {
    return LimitFitter.merge(listOf(random, 0, 4, () -> item(random, allowCode)));
  }

  static Block block(Random random, int depth) {
    Supplier<List<Block>> children =
        () -> depth == 0 ? List.of() : listOf(random, 0, 3, () -> block(random, depth - 1));
    switch (random.intRange(0, 7)) {
      case 0:
        return new Block.TextBlock(
            null,
            random.oneOf(TEXT_BLOCK_TYPES),
            richText(random, true),
            color(random),
            children.get());
      case 1:
        {
          int level = random.intRange(1, 3);
          List<RichText> text = richText(random, true);
          String color = color(random);
          boolean toggle = random.trueOrFalse();
          List<Block> kids = children.get();
          return new Block.Heading(null, level, text, color, toggle, toggle ? kids : List.of());
        }
      case 2:
        return new Block.ToDo(
            null, richText(random, true), random.trueOrFalse(), color(random), children.get());
      case 3:
        return new Block.Callout(
            null,
            richText(random, true),
            orNull(
                random,
                0.3,
                random.oneOf(
                    new Block.Icon("emoji", "💡"),
                    new Block.Icon("external", "https://example.com/i.png"))),
            color(random),
            children.get());
      case 4:
        return new Block.Code(
            null, richText(random, false), random.oneOf(LANGUAGES), richText(random, true));
      case 5:
        return random.oneOf(
            new Block.Divider(null),
            new Block.Equation(null, "\\int_0^1 x\\,dx < 1"),
            new Block.Equation(null, ""));
      case 6:
        return table(random);
      default:
        return new Block.Media(
            null,
            "image",
            Block.FileRef.external(random.oneOf(IMAGE_URLS)),
            richText(random, true),
            null);
    }
  }

  private static Block table(Random random) {
    int width = random.intRange(1, 3);
    List<Block.TableRow> rows =
        listOf(
            random,
            1,
            3,
            () ->
                new Block.TableRow(
                    null, listOf(random, width, width, () -> richText(random, true))));
    return new Block.Table(null, width, random.trueOrFalse(), random.trueOrFalse(), rows);
  }
}
