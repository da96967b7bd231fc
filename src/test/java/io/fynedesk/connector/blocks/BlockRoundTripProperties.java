package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.instancio.junit.Given;
import org.instancio.junit.InstancioExtension;
import org.instancio.junit.InstancioSource;
import org.instancio.junit.Seed;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Notion → HTML → Notion gives back the same tree of clean types, and HTML is stable after one
 * pass.
 */
@ExtendWith(InstancioExtension.class)
class BlockRoundTripProperties {

  private final BlockEngine engine = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);

  @ParameterizedTest
  @InstancioSource(samples = 400)
  @Seed(20260101L)
  void notionToHtmlToNotionGivesTheSameTree(@Given(BlockTrees.Trees.class) List<Block> tree) {
    String html = engine.toHtml(tree).content();
    assertThat(HtmlSafety.isSafe(html)).as("rendered HTML passes the safelist:%n%s", html).isTrue();
    ConversionResult<List<Block>> back = engine.fromHtml(html);
    assertThat(engine.writeNotionNested(back.content()))
        .as("HTML was:%n%s", html)
        .isEqualTo(engine.writeNotionNested(tree));
    assertThat(back.truncated()).isFalse();
  }

  @ParameterizedTest
  @InstancioSource(samples = 400)
  @Seed(20260102L)
  void htmlToNotionToHtmlIsStableAfterOnePass(@Given(BlockTrees.Trees.class) List<Block> tree) {
    String once = engine.toHtml(engine.fromHtml(engine.toHtml(tree).content()).content()).content();
    String twice = engine.toHtml(engine.fromHtml(once).content()).content();
    assertThat(twice).isEqualTo(once);
  }

  @ParameterizedTest
  @InstancioSource(samples = 200)
  @Seed(20260103L)
  void notionJsonRoundTripsThroughTheReader(@Given(BlockTrees.Trees.class) List<Block> tree) {
    assertThat(engine.readNotion(engine.writeNotionNested(tree))).isEqualTo(tree);
  }
}
