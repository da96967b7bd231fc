package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Shared JSON inputs for engine tests. */
final class BlockFixturesTestSupport {

  private BlockFixturesTestSupport() {}

  static JsonNode uncreatable() {
    try {
      return new ObjectMapper()
          .readTree(
              "[{\"id\":\"a\",\"type\":\"child_page\",\"child_page\":{\"title\":\"P\"}},"
                  + "{\"id\":\"b\",\"type\":\"child_database\",\"child_database\":{\"title\":\"D\"}},"
                  + "{\"id\":\"c\",\"type\":\"link_preview\",\"link_preview\":{\"url\":\"https://x.io\"}},"
                  + "{\"id\":\"d\",\"type\":\"unsupported\",\"unsupported\":{}},"
                  + "{\"id\":\"e\",\"type\":\"meeting_notes\",\"meeting_notes\":{}},"
                  + "{\"id\":\"f\",\"type\":\"transcription\",\"transcription\":{}}]");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
