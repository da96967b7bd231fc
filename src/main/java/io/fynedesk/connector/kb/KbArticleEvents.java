package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fynedesk.connector.connection.OrgConnection;
import io.fynedesk.connector.connection.OrgConnections;
import io.fynedesk.connector.fynedesk.FyneDeskHeaders;
import io.fynedesk.connector.inbox.InboxHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Reads an {@code article.*} inbox event once and puts what the publish router decides on into
 * headers (connection state, toggles, echo, the link's owner), so {@code kb-publish.camel.yaml}
 * reads as the rules.
 */
@Component("kbArticleEvents")
public class KbArticleEvents {

  private final ObjectMapper mapper;
  private final OrgConnections orgs;
  private final KbLinks links;

  KbArticleEvents(ObjectMapper mapper, OrgConnections orgs, KbLinks links) {
    this.mapper = mapper;
    this.orgs = orgs;
    this.links = links;
  }

  /** The body becomes the {@link ArticleEvent}; a redelivered one is kept as it is. */
  public void classify(Exchange exchange) {
    Message message = exchange.getMessage();
    ArticleEvent event =
        message.getBody() instanceof ArticleEvent e ? e : ArticleEvent.read(message, mapper);
    message.setBody(event);
    OrgConnection c = orgs.of(event.orgId());
    exchange.setProperty(KbHeaders.CONNECTION, c);
    KbSyncSettings kb = c.settings().section(KbSyncSettings.class);
    message.setHeader(InboxHeaders.SUBJECT_ID, event.article().id());
    message.setHeader(InboxHeaders.WORK_KIND, "kb_publish");
    message.setHeader(KbHeaders.CONNECTION_STATE, c.state().wire());
    message.setHeader(KbHeaders.MASTER_ENABLED, c.settings().enabled());
    message.setHeader(KbHeaders.PUBLISH_ENABLED, kb.publishEnabled());
    message.setHeader(KbHeaders.IMPORT_ENABLED, kb.importEnabled());
    message.setHeader(
        KbHeaders.ECHO, FyneDeskHeaders.ORIGIN_NOTION_CONNECTOR.equals(event.origin()));
    message.setHeader(
        KbHeaders.LINK_OWNER,
        links.byArticle(event.orgId(), event.article().id()).map(KbLink::owner).orElse("none"));
  }
}
