package io.fynedesk.connector.blocks;

import java.util.List;

/** What a placeholder shows for a block that does not convert: label, link, URL and caption. */
record Placeholder(
    String label,
    String href,
    String url,
    String targetId,
    boolean hosted,
    List<RichText> caption) {

  static Placeholder of(Block b) {
    String blockUrl = NotionUrls.blockUrl(b.id());
    if (b instanceof Block.Media m) {
      String url = m.file().url();
      String name = m.name() != null ? m.name() : url;
      String label = Substitutes.labelOf(b) + (name == null ? "" : ": " + name);
      return new Placeholder(
          label, url != null ? url : blockUrl, url, null, m.file().hosted(), m.caption());
    }
    if (b instanceof Block.WebLink w) {
      String label = Substitutes.labelOf(b) + (w.url() == null ? "" : ": " + w.url());
      return new Placeholder(
          label, w.url() != null ? w.url() : blockUrl, w.url(), null, false, w.caption());
    }
    if (b instanceof Block.PageRef r) {
      String target = r.targetId();
      return new Placeholder(
          Substitutes.labelOf(b), NotionUrls.blockUrl(target), null, target, false, List.of());
    }
    if (b instanceof Block.Container c && c.syncedFrom() != null) {
      return new Placeholder(
          "Synced block",
          NotionUrls.blockUrl(c.syncedFrom()),
          null,
          c.syncedFrom(),
          false,
          List.of());
    }
    return new Placeholder(Substitutes.labelOf(b), blockUrl, null, null, false, List.of());
  }
}
