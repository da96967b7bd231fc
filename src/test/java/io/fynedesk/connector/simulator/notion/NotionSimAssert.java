package io.fynedesk.connector.simulator.notion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fluent assertions on the simulator's state: {@code
 * assertThatNotion(sim).page(id).hasProperty("Status", "Done")}.
 */
public final class NotionSimAssert {

  private final NotionSimulator sim;

  private NotionSimAssert(NotionSimulator sim) {
    this.sim = sim;
  }

  public static NotionSimAssert assertThatNotion(NotionSimulator sim) {
    return new NotionSimAssert(sim);
  }

  public PageAssert page(String id) {
    JsonNode page = sim.page(id);
    assertThat(page).as("page %s exists in the simulator", id).isNotNull();
    return new PageAssert(page);
  }

  /** Asserts on a page's properties, compared by their display text. */
  public static final class PageAssert {
    private final JsonNode page;

    PageAssert(JsonNode page) {
      this.page = page;
    }

    /**
     * Title, rich text, select/status name, number, checkbox, url, email or date start, as text.
     */
    public PageAssert hasProperty(String name, String expected) {
      JsonNode property = page.path("properties").path(name);
      assertThat(property.isMissingNode()).as("page has property %s", name).isFalse();
      assertThat(text(property))
          .as("property %s of page %s", name, page.path("id").asText())
          .isEqualTo(expected);
      return this;
    }

    public PageAssert isInTrash() {
      assertThat(page.path("in_trash").asBoolean()).as("page in trash").isTrue();
      return this;
    }

    public PageAssert isNotInTrash() {
      assertThat(page.path("in_trash").asBoolean()).as("page in trash").isFalse();
      return this;
    }

    public JsonNode json() {
      return page;
    }

    private static String text(JsonNode property) {
      String type = property.path("type").asText();
      JsonNode value = property.path(type);
      return switch (type) {
        case "title", "rich_text" -> SimRender.plainText(value);
        case "select", "status" -> value.isNull() ? null : value.path("name").asText();
        case "date" -> value.isNull() ? null : value.path("start").asText();
        default -> value.isNull() ? null : value.asText();
      };
    }
  }
}
