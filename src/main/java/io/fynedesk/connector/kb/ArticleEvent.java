package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.fynedesk.Article;
import io.fynedesk.connector.inbox.InboxHeaders;
import org.apache.camel.Message;

/**
 * An {@code article.*} event read from an inbox message.
 *
 * @param orgId organization
 * @param type {@code article.published}, {@code .updated}, {@code .unpublished} or {@code .deleted}
 * @param article the article as the event carries it
 * @param origin who caused the write behind the event ({@code notion-connector} for an echo), or
 *     null
 */
public record ArticleEvent(String orgId, String type, Article article, String origin) {

  /** Reads the envelope in the message body and the inbox headers. */
  static ArticleEvent read(Message message, ObjectMapper mapper) {
    try {
      JsonNode envelope = mapper.readTree(message.getBody(String.class));
      Article article = mapper.treeToValue(envelope.path("data").path("article"), Article.class);
      return new ArticleEvent(
          message.getHeader(InboxHeaders.ORG_ID, String.class),
          message.getHeader(InboxHeaders.EVENT_TYPE, String.class),
          article,
          message.getHeader(InboxHeaders.ORIGIN, String.class));
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable article event: " + e.getMessage(), e);
    }
  }

  /** Whether the article left the knowledge base (its mirror page goes to Notion's trash). */
  boolean removal() {
    return "article.unpublished".equals(type) || "article.deleted".equals(type);
  }
}
