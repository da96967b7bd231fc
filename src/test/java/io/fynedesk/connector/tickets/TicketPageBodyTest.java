package io.fynedesk.connector.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.BlockEngine;
import io.fynedesk.connector.fynedesk.Person;
import io.fynedesk.connector.fynedesk.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The ticket's Notion page body: a callout linking back to the ticket, the key fields, the
 * description.
 */
class TicketPageBodyTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final TicketPageBody body =
      new TicketPageBody(MAPPER, new BlockEngine(BlockEngine.DEFAULT_MAX_BLOCKS));

  private static Ticket ticket(String subject, String description, Person assignee) {
    return new Ticket(
        "t-9",
        42L,
        subject,
        description,
        "open",
        "high",
        List.of("billing", "vip"),
        "Hardware",
        new Person("Ada Lovelace", "ada@example.com"),
        assignee,
        "https://desk.example.com/t/42",
        Instant.parse("2026-03-04T05:06:07Z"),
        null);
  }

  private static String plain(JsonNode block) {
    String type = block.path("type").asText();
    return StreamSupport.stream(block.path(type).path("rich_text").spliterator(), false)
        .map(rt -> rt.path("text").path("content").asText())
        .collect(Collectors.joining());
  }

  @Test
  void startsWithACalloutLinkingBackToTheTicket() {
    List<ObjectNode> blocks = body.blocks("org-1", ticket("Printer on fire", null, null));

    JsonNode callout = blocks.get(0);
    assertThat(callout.path("type").asText()).isEqualTo("callout");
    JsonNode link = callout.path("callout").path("rich_text").get(1);
    assertThat(link.path("text").path("content").asText()).isEqualTo("Printer on fire");
    assertThat(link.path("text").path("link").path("url").asText())
        .isEqualTo("https://desk.example.com/t/42");
    assertThat(plain(callout)).startsWith("FyneDesk ticket #42: Printer on fire");
  }

  @Test
  void calloutCarriesTheHandoffReference() {
    JsonNode callout = body.blocks("org-1", ticket("s", null, null)).get(0);

    assertThat(TicketPageBody.reference("org-1", "t-9")).isEqualTo("fynedesk:org-1:t-9");
    assertThat(plain(callout)).contains("fynedesk:org-1:t-9");
    assertThat(TicketPageBody.isHandoffCallout(callout, "org-1", "t-9")).isTrue();
    assertThat(TicketPageBody.isHandoffCallout(callout, "org-2", "t-9")).isFalse();
    assertThat(TicketPageBody.isHandoffCallout(callout, "org-1", "t-10")).isFalse();
  }

  @Test
  void calloutReadBackFromNotionIsRecognisedByItsPlainText() throws Exception {
    JsonNode read =
        MAPPER.readTree(
            "{\"type\":\"callout\",\"callout\":{\"rich_text\":["
                + "{\"type\":\"text\",\"plain_text\":\"FyneDesk ticket #42: s  ·  ref fynedesk:org-1:t-9\"}]}}");
    JsonNode paragraph =
        MAPPER.readTree(
            "{\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":["
                + "{\"type\":\"text\",\"plain_text\":\"ref fynedesk:org-1:t-9\"}]}}");

    assertThat(TicketPageBody.isHandoffCallout(read, "org-1", "t-9")).isTrue();
    assertThat(TicketPageBody.isHandoffCallout(paragraph, "org-1", "t-9")).isFalse();
  }

  @Test
  void ticketWithoutSubjectSaysSo() {
    JsonNode callout = body.blocks("org-1", ticket("  ", null, null)).get(0);

    assertThat(plain(callout)).contains("(no subject)");
  }

  @Test
  void keyFieldsListStatusPriorityPeopleTagsCategoryAndCreatedTime() {
    JsonNode fields =
        body.blocks("org-1", ticket("s", null, new Person("Grace Hopper", "grace@example.com")))
            .get(1);

    assertThat(fields.path("type").asText()).isEqualTo("paragraph");
    assertThat(plain(fields))
        .isEqualTo(
            String.join(
                "\n",
                "Status: open",
                "Priority: high",
                "Requester: Ada Lovelace <ada@example.com>",
                "Assignee: Grace Hopper <grace@example.com>",
                "Tags: billing, vip",
                "Category: Hardware",
                "Created: 2026-03-04T05:06:07Z"));
  }

  @Test
  void ticketWithoutAssigneeSaysUnassigned() {
    JsonNode fields = body.blocks("org-1", ticket("s", null, null)).get(1);

    assertThat(plain(fields)).contains("Assignee: unassigned");
  }

  @Test
  void withoutDescriptionTheBodyIsCalloutAndKeyFieldsOnly() {
    assertThat(body.blocks("org-1", ticket("s", null, null))).hasSize(2);
    assertThat(body.blocks("org-1", ticket("s", "  \n ", null))).hasSize(2);
  }

  @Test
  void plainTextDescriptionKeepsItsParagraphsAfterADivider() {
    List<ObjectNode> blocks =
        body.blocks("org-1", ticket("s", "First line\nsecond line\n\nNext <para> & more", null));

    assertThat(blocks)
        .extracting(b -> b.path("type").asText())
        .containsExactly("callout", "paragraph", "divider", "paragraph", "paragraph");
    assertThat(plain(blocks.get(3))).isEqualTo("First line\nsecond line");
    assertThat(plain(blocks.get(4))).isEqualTo("Next <para> & more");
  }

  @Test
  void htmlDescriptionIsConvertedByTheBlockEngine() {
    List<ObjectNode> blocks =
        body.blocks("org-1", ticket("s", "<h2>Steps</h2><ul><li>Plug in</li></ul>", null));

    assertThat(blocks.subList(2, blocks.size()))
        .extracting(b -> b.path("type").asText())
        .containsExactly("divider", "heading_2", "bulleted_list_item");
    assertThat(plain(blocks.get(3))).isEqualTo("Steps");
  }

  @Test
  void veryLongSubjectIsClippedWithAnEllipsis() {
    JsonNode link =
        body.blocks("org-1", ticket("y".repeat(5000), null, null))
            .get(0)
            .path("callout")
            .path("rich_text")
            .get(1);

    String shown = link.path("text").path("content").asText();
    assertThat(shown).hasSize(1901).endsWith("…");
  }
}
