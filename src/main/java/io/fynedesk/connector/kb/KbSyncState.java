package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.fynedesk.ArticleSync;
import io.fynedesk.connector.fynedesk.FyneDeskClient;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * An article's {@code sync} object (CONTRACT §2 and §6) from its link, written to FyneDesk with the
 * connector's origin, and the {@code GET …/sync} view.
 */
@Component
class KbSyncState {

  private final ObjectMapper mapper;
  private final FyneDeskClient fynedesk;

  KbSyncState(ObjectMapper mapper, FyneDeskClient fynedesk) {
    this.mapper = mapper;
    this.fynedesk = fynedesk;
  }

  /** {@code {owner, readOnly, badge, notionPageId, notionUrl, lastSyncedAt, warnings}}. */
  ObjectNode sync(KbLink link) {
    boolean notion = KbLink.NOTION.equals(link.owner());
    ObjectNode s =
        mapper
            .createObjectNode()
            .put("owner", link.owner())
            .put("readOnly", notion)
            .put("badge", notion ? ArticleSync.BADGE_EDITED_IN_NOTION : null)
            .put("notionPageId", link.pageId())
            .put("notionUrl", link.pageUrl())
            .put("lastSyncedAt", time(link));
    ArrayNode w = s.putArray("warnings");
    link.warnings().forEach(w::add);
    return s;
  }

  /** {@code GET /api/v1/kb/articles/{id}/sync}. */
  ObjectNode view(KbLink link) {
    ObjectNode v =
        mapper
            .createObjectNode()
            .put("owner", link.owner())
            .put("notionPageId", link.pageId())
            .put("notionUrl", link.pageUrl())
            .put("lastSyncedAt", time(link))
            .put("mirrorEdited", link.mirrorEdited());
    ArrayNode w = v.putArray("warnings");
    link.warnings().forEach(w::add);
    return v;
  }

  /** {@code PATCH /api/v1/kb/articles/{id}} with the link's sync. */
  void write(KbLink link) {
    ObjectNode patch = mapper.createObjectNode();
    patch.set("sync", sync(link));
    fynedesk.patchArticle(link.orgId(), link.articleId(), patch);
  }

  private static String time(KbLink link) {
    return link.lastSyncedAt() == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(
            link.lastSyncedAt().toInstant().truncatedTo(ChronoUnit.MILLIS));
  }
}
