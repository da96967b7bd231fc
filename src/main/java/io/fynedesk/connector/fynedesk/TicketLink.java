package io.fynedesk.connector.fynedesk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A link from a FyneDesk ticket to an external object, such as the ticket's Notion page. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketLink(String type, String externalId, String url, String title) {

  /** Link type of a Notion page. */
  public static final String NOTION_PAGE = "notion_page";

  /** A link to the Notion page {@code pageId}. */
  public static TicketLink notionPage(String pageId, String url, String title) {
    return new TicketLink(NOTION_PAGE, pageId, url, title);
  }
}
