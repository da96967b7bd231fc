package io.fynedesk.connector.config;

import io.fynedesk.connector.ConnectorProperties;
import io.fynedesk.connector.blocks.BlockEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the block engine a bean sized by {@code connector.kb.max-blocks}. */
@Configuration
class BlockEngineConfig {

  @Bean
  BlockEngine blockEngine(ConnectorProperties props) {
    return new BlockEngine(
        props.kb().maxBlocks() > 0 ? props.kb().maxBlocks() : BlockEngine.DEFAULT_MAX_BLOCKS);
  }
}
