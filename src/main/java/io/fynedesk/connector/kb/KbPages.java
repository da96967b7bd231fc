package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.blocks.Block;
import io.fynedesk.connector.blocks.BlockEngine;
import io.fynedesk.connector.blocks.ConversionResult;
import io.fynedesk.connector.blocks.ConversionWarning;
import io.fynedesk.connector.notion.NotionApiException;
import io.fynedesk.connector.notion.NotionAuth;
import io.fynedesk.connector.notion.NotionClient;
import io.fynedesk.connector.notion.Priority;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Notion side of publishing: a mirror page's title, its mirror callout and its body, written by
 * block diff against the stored {@link BlockMap} (or rewritten whole when the map no longer matches
 * the page). Every call runs on the client's bulk lane.
 */
@Component
class KbPages {

  private static final Logger LOG = LoggerFactory.getLogger(KbPages.class);

  /** A page as written: ids and hashes to store, and the lossy report of the conversion. */
  record Written(
      String pageId, String pageUrl, String calloutId, String blockMap, List<String> warnings) {}

  /** An article converted to Notion request blocks. */
  record Body(List<ObjectNode> blocks, List<String> warnings) {}

  private final NotionClient notion;
  private final BlockEngine engine;
  private final ObjectMapper mapper;

  KbPages(NotionClient notion, BlockEngine engine, ObjectMapper mapper) {
    this.notion = notion.withPriority(Priority.BULK);
    this.engine = engine;
    this.mapper = mapper;
  }

  /** Converts an article's HTML; warnings are the block engine's lossy report, as sentences. */
  Body convert(String html) {
    ConversionResult<List<Block>> read = engine.fromHtml(html == null ? "" : html);
    ArrayNode request = engine.writeNotionRequest(read.content());
    List<ObjectNode> blocks = new ArrayList<>();
    request.forEach(b -> blocks.add((ObjectNode) b));
    return new Body(blocks, sentences(read.warnings(), read.truncated()));
  }

  static List<String> sentences(List<ConversionWarning> warnings, boolean truncated) {
    List<String> out = new ArrayList<>();
    for (ConversionWarning w : warnings) {
      String s = w.type() + ": " + w.message();
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    if (truncated && out.stream().noneMatch(s -> s.startsWith("truncated"))) {
      out.add("truncated: the content was cut at connector.kb.max-blocks blocks");
    }
    return out;
  }

  /**
   * Creates the mirror page under the parent with its callout (so the page names its article from
   * the start, and a retry after a crash can find it); returns {@code [id, url]}.
   */
  String[] createPage(
      NotionAuth auth, String parentPageId, String title, String owner, String articleUrl) {
    ObjectNode parent =
        mapper.createObjectNode().put("type", "page_id").put("page_id", parentPageId);
    JsonNode page =
        notion.createPage(auth, parent, titleProperty(title), List.of(callout(owner, articleUrl)));
    return new String[] {page.path("id").asText(), page.path("url").asText(null)};
  }

  /**
   * The first write of a new page: the callout's id (the create answer carries none), then the body
   * appended after it (one request per 100 blocks; the answers carry the ids).
   */
  Written firstWrite(NotionAuth auth, KbLink link, Body body) {
    List<JsonNode> existing = notion.listBlockChildren(auth, link.pageId(), null).results();
    if (existing.size() != 1 || !"callout".equals(existing.get(0).path("type").asText())) {
      return rewriteWhole(auth, link, body);
    }
    String calloutId = existing.get(0).path("id").asText();
    List<JsonNode> created = notion.appendBlockChildren(auth, link.pageId(), body.blocks());
    return new Written(
        link.pageId(), link.pageUrl(), calloutId, mapOf(created, body.blocks()), body.warnings());
  }

  /**
   * After a taken-over claim: the page an earlier attempt created under the parent (same title, a
   * callout naming the article's URL), as {@code [id, url, calloutId]}, or null.
   */
  String[] findMirror(NotionAuth auth, String parentPageId, String title, String articleUrl) {
    for (JsonNode child : notion.listAllBlockChildren(auth, parentPageId)) {
      if (!"child_page".equals(child.path("type").asText())
          || !String.valueOf(title).equals(child.path("child_page").path("title").asText())) {
        continue;
      }
      String id = child.path("id").asText();
      List<JsonNode> first = notion.listBlockChildren(auth, id, null).results();
      if (!first.isEmpty()
          && "callout".equals(first.get(0).path("type").asText())
          && articleUrl != null
          && first.get(0).path("callout").toString().contains(articleUrl)) {
        JsonNode page = notion.retrievePage(auth, id);
        return new String[] {id, page.path("url").asText(null), first.get(0).path("id").asText()};
      }
    }
    return null;
  }

  /**
   * Writes a changed body by block diff; returns the new map. A map that no longer matches the page
   * (a person edited the mirror, a block is gone) falls back to a full rewrite, logged.
   */
  Written update(NotionAuth auth, KbLink link, Body body) {
    if (link.blockMap() == null || link.calloutId() == null) {
      return rewriteWhole(auth, link, body);
    }
    BlockDiff diff = new BlockDiff(ops(auth));
    try {
      String map =
          BlockMap.write(
              mapper,
              diff.apply(
                  link.pageId(),
                  link.calloutId(),
                  BlockMap.read(mapper, link.blockMap()),
                  body.blocks()));
      return new Written(link.pageId(), link.pageUrl(), link.calloutId(), map, body.warnings());
    } catch (BlockDiff.StaleMapException e) {
      LOG.warn(
          "Page {} no longer matches its block map ({}): rewriting it",
          link.pageId(),
          e.getMessage());
      return rewriteWhole(auth, link, body);
    } catch (NotionApiException e) {
      if (e.status() == 404 || (e.status() == 400 && "validation_error".equals(e.code()))) {
        LOG.warn(
            "Page {} no longer matches its block map ({}): rewriting it",
            link.pageId(),
            e.getMessage());
        return rewriteWhole(auth, link, body);
      }
      throw e;
    }
  }

  /**
   * Rewrites the page whole: every top-level block but the callout deleted, the body appended after
   * the callout (which is recreated if missing). Returns the map; the callout id may change.
   */
  Written rewriteWhole(NotionAuth auth, KbLink link, Body body) {
    String calloutId = null;
    for (JsonNode block : notion.listAllBlockChildren(auth, link.pageId())) {
      String id = block.path("id").asText();
      if (id.equals(link.calloutId())) {
        calloutId = id;
      } else if (!"child_page".equals(block.path("type").asText())
          && !"child_database".equals(block.path("type").asText())) {
        notion.deleteBlock(auth, id);
      }
    }
    List<JsonNode> created;
    if (calloutId == null) {
      List<ObjectNode> all = new ArrayList<>();
      all.add(callout(link.owner(), link.articleUrl()));
      all.addAll(body.blocks());
      created = notion.appendBlockChildren(auth, link.pageId(), all);
      calloutId = created.get(0).path("id").asText();
      created = created.subList(1, created.size());
    } else {
      notion.updateBlock(auth, calloutId, calloutPatch(link.owner(), link.articleUrl()));
      created = notion.insertBlockChildrenAfter(auth, link.pageId(), calloutId, body.blocks());
    }
    return new Written(
        link.pageId(), link.pageUrl(), calloutId, mapOf(created, body.blocks()), body.warnings());
  }

  /** {@code PATCH /v1/pages/{id}} with the title. */
  void retitle(NotionAuth auth, String pageId, String title) {
    ObjectNode patch = mapper.createObjectNode();
    patch.set("properties", titleProperty(title));
    notion.updatePage(auth, pageId, patch);
  }

  void trash(NotionAuth auth, String pageId, boolean trash) {
    notion.updatePage(auth, pageId, mapper.createObjectNode().put("in_trash", trash));
  }

  /** Says in the page's callout which side is the source of truth now. */
  void updateCallout(NotionAuth auth, String calloutId, String owner, String articleUrl) {
    notion.updateBlock(auth, calloutId, calloutPatch(owner, articleUrl));
  }

  /** The page's current state, or null when Notion no longer shows it (404). */
  JsonNode page(NotionAuth auth, String pageId) {
    try {
      return notion.retrievePage(auth, pageId);
    } catch (NotionApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  // ---- blocks
  // ------------------------------------------------------------------------------------

  private BlockDiff.Ops ops(NotionAuth auth) {
    return new BlockDiff.Ops() {
      @Override
      public void update(String id, ObjectNode block) {
        ObjectNode patch = mapper.createObjectNode();
        String type = block.path("type").asText();
        patch.set(type, block.get(type));
        notion.updateBlock(auth, id, patch);
      }

      @Override
      public void delete(String id) {
        notion.deleteBlock(auth, id);
      }

      @Override
      public List<String> insert(String parentId, String afterId, List<ObjectNode> blocks) {
        List<JsonNode> created =
            afterId == null
                ? notion.appendBlockChildren(auth, parentId, blocks)
                : notion.insertBlockChildrenAfter(auth, parentId, afterId, blocks);
        return created.stream().map(b -> b.path("id").asText()).toList();
      }

      @Override
      public List<String> children(String parentId) {
        return notion.listAllBlockChildren(auth, parentId).stream()
            .map(b -> b.path("id").asText())
            .toList();
      }
    };
  }

  /**
   * The map of freshly appended blocks: top-level ids from Notion's answer, nested ones unknown.
   */
  private String mapOf(List<JsonNode> created, List<ObjectNode> sent) {
    if (created.size() != sent.size()) {
      return null; // the client split a block: the next change rewrites the page
    }
    List<BlockMap.Entry> entries = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      entries.add(BlockMap.entry(sent.get(i)).withId(created.get(i).path("id").asText()));
    }
    return BlockMap.write(mapper, entries);
  }

  ObjectNode titleProperty(String title) {
    ObjectNode props = mapper.createObjectNode();
    ArrayNode t = props.putObject("title").putArray("title");
    t.addObject().putObject("text").put("content", title == null ? "" : title);
    return props;
  }

  ObjectNode callout(String owner, String articleUrl) {
    ObjectNode block = mapper.createObjectNode().put("object", "block").put("type", "callout");
    block.set("callout", calloutPayload(owner, articleUrl));
    return block;
  }

  private ObjectNode calloutPatch(String owner, String articleUrl) {
    ObjectNode patch = mapper.createObjectNode();
    patch.set("callout", calloutPayload(owner, articleUrl));
    return patch;
  }

  private ObjectNode calloutPayload(String owner, String articleUrl) {
    ObjectNode c = mapper.createObjectNode();
    boolean fynedesk = KbLink.FYNEDESK.equals(owner);
    c.putObject("icon").put("type", "emoji").put("emoji", fynedesk ? "🔒" : "✏️");
    c.put("color", fynedesk ? "gray_background" : "blue_background");
    ArrayNode rt = c.putArray("rich_text");
    rt.addObject()
        .putObject("text")
        .put(
            "content",
            fynedesk
                ? "This page mirrors a FyneDesk article and is read-only here: edit it in FyneDesk. "
                : "This page is the source of truth of a FyneDesk article: edit it here. ");
    if (articleUrl != null && articleUrl.startsWith("http") && articleUrl.length() <= 2000) {
      ObjectNode link = rt.addObject();
      link.putObject("text")
          .put("content", "Open the article")
          .putObject("link")
          .put("url", articleUrl);
    }
    return c;
  }
}
