package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Notion → HTML → Notion gives back the same tree of clean types, and HTML is stable after one pass. */
class BlockRoundTripProperties {

  private final BlockEngine engine = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);

  @Provide
  Arbitrary<List<Block>> trees() {
    return BlockTrees.trees();
  }

  @Property(tries = 400)
  void notionToHtmlToNotionGivesTheSameTree(@ForAll("trees") List<Block> tree) {
    String html = engine.toHtml(tree).content();
    ConversionResult<List<Block>> back = engine.fromHtml(html);
    assertThat(engine.writeNotionNested(back.content()))
        .as("HTML was:%n%s", html)
        .isEqualTo(engine.writeNotionNested(tree));
    assertThat(back.truncated()).isFalse();
  }

  @Property(tries = 400)
  void htmlToNotionToHtmlIsStableAfterOnePass(@ForAll("trees") List<Block> tree) {
    String once = engine.toHtml(engine.fromHtml(engine.toHtml(tree).content()).content()).content();
    String twice = engine.toHtml(engine.fromHtml(once).content()).content();
    assertThat(twice).isEqualTo(once);
  }

  @Property(tries = 200)
  void notionJsonRoundTripsThroughTheReader(@ForAll("trees") List<Block> tree) {
    assertThat(engine.readNotion(engine.writeNotionNested(tree))).isEqualTo(tree);
  }
}
