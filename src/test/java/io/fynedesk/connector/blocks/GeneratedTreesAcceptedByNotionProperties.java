package io.fynedesk.connector.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.instancio.junit.Given;
import org.instancio.junit.InstancioExtension;
import org.instancio.junit.InstancioSource;
import org.instancio.junit.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Generated trees of clean block types, written by the engine, are accepted by the strict
 * simulator.
 */
@ExtendWith(InstancioExtension.class)
class GeneratedTreesAcceptedByNotionProperties {

  static final BlockEngine ENGINE = new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS);
  static SimulatorAppend notion;

  @BeforeAll
  static void start() {
    notion = new SimulatorAppend();
  }

  @AfterAll
  static void stop() {
    notion.close();
  }

  @ParameterizedTest
  @InstancioSource(samples = 60)
  @Seed(20260104L)
  void generatedTreesAreAcceptedByNotion(@Given(BlockTrees.Trees.class) List<Block> tree) {
    List<JsonNode> created = new ArrayList<>();
    notion.append(ENGINE, tree, "generated", created);
    assertThat(created).hasSize(SimulatorAppend.topLevel(ENGINE, tree));
  }
}
