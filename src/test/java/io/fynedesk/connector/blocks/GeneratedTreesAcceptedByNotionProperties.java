package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Generated trees of clean block types, written by the engine, are accepted by the strict simulator. */
class GeneratedTreesAcceptedByNotionProperties {

  static final BlockEngine ENGINE = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);
  static SimulatorAppend notion;

  @BeforeContainer
  static void start() {
    notion = new SimulatorAppend();
  }

  @AfterContainer
  static void stop() {
    notion.close();
  }

  @Provide
  Arbitrary<List<Block>> trees() {
    return BlockTrees.trees();
  }

  @Property(tries = 60)
  void generatedTreesAreAcceptedByNotion(@ForAll("trees") List<Block> tree) {
    List<JsonNode> created = new ArrayList<>();
    notion.append(ENGINE, tree, "generated", created);
    assertThat(created).hasSize(SimulatorAppend.topLevel(ENGINE, tree));
  }
}
