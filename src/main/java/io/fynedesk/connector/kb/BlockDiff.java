package io.fynedesk.connector.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fynedesk.connector.kb.BlockMap.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Publishes a new block tree over the one the connector last wrote by writing only what changed: a
 * sequence diff over subtree hashes per level (common prefix and suffix, then a longest common
 * subsequence), changed blocks of the same type updated in place, their children diffed
 * recursively, removed blocks deleted, inserted runs appended after the block before them. Pure:
 * the Notion calls go through {@link Ops}.
 */
final class BlockDiff {

  /** The Notion writes (and the one read) the diff needs. */
  interface Ops {
    /** {@code PATCH /v1/blocks/{id}} with the block's own content (no children). */
    void update(String id, ObjectNode block);

    /** {@code DELETE /v1/blocks/{id}}. */
    void delete(String id);

    /** Appends {@code blocks} under {@code parentId} after {@code afterId} (null: at the end). */
    List<String> insert(String parentId, String afterId, List<ObjectNode> blocks);

    /** Ids of the live children of a block, in order (to learn ids not yet known). */
    List<String> children(String parentId);
  }

  /** The stored map no longer matches the page (someone edited the mirror): rewrite it whole. */
  static final class StaleMapException extends RuntimeException {
    StaleMapException(String message) {
      super(message);
    }
  }

  // PATCH cannot change these in place (table_width is fixed; layout blocks carry no content).
  private static final Set<String> REPLACE_ONLY =
      Set.of("table", "column_list", "column", "synced_block", "child_page", "child_database");

  /** LCS tables above this many cells are skipped: the changed run is paired by position. */
  private static final long MAX_LCS_CELLS = 4_000_000L;

  private final Ops ops;

  BlockDiff(Ops ops) {
    this.ops = ops;
  }

  /**
   * Applies the diff of one level and returns the new map of that level. {@code startAnchor} is the
   * block before the first entry (the page's mirror callout at the top level), or null.
   */
  List<Entry> apply(String parentId, String startAnchor, List<Entry> old, List<ObjectNode> blocks) {
    List<Entry> fresh = BlockMap.of(blocks);
    int n = old.size();
    int m = fresh.size();
    int pre = 0;
    while (pre < n && pre < m && old.get(pre).tree().equals(fresh.get(pre).tree())) {
      pre++;
    }
    int suf = 0;
    while (suf < n - pre
        && suf < m - pre
        && old.get(n - 1 - suf).tree().equals(fresh.get(m - 1 - suf).tree())) {
      suf++;
    }
    if (pre == n && pre == m) {
      return old;
    }
    old = resolveIds(parentId, old);
    List<Entry> out = new ArrayList<>(old.subList(0, pre));
    int[][] pairs = matches(old.subList(pre, n - suf), fresh.subList(pre, m - suf));
    String anchor = pre > 0 ? old.get(pre - 1).id() : startAnchor;
    if (anchor == null && needsLeadingInsert(pairs, old, fresh, pre)) {
      return rewriteLevel(parentId, old, blocks);
    }
    int oi = pre;
    int ni = pre;
    for (int[] p : pairs) {
      anchor = run(parentId, anchor, old.subList(oi, pre + p[0]), blocks, ni, pre + p[1], out);
      out.add(old.get(pre + p[0]));
      anchor = old.get(pre + p[0]).id();
      oi = pre + p[0] + 1;
      ni = pre + p[1] + 1;
    }
    run(parentId, anchor, old.subList(oi, n - suf), blocks, ni, m - suf, out);
    out.addAll(old.subList(n - suf, n));
    return out;
  }

  /**
   * One unmatched run: pairs by position (same type: update in place and recurse), deletes the rest
   * of the old run, inserts the rest of the new one. Returns the last block id written.
   */
  private String run(
      String parentId,
      String anchor,
      List<Entry> oldRun,
      List<ObjectNode> blocks,
      int from,
      int to,
      List<Entry> out) {
    int k = 0;
    List<ObjectNode> pending = new ArrayList<>();
    for (int j = from; j < to; j++) {
      ObjectNode block = blocks.get(j);
      Entry fresh = BlockMap.entry(block);
      Entry old = k < oldRun.size() ? oldRun.get(k) : null;
      if (old != null && updatable(old, fresh)) {
        anchor = flush(parentId, anchor, pending, out);
        k++;
        if (!old.own().equals(fresh.own())) {
          ops.update(old.id(), BlockMap.withoutChildren(block));
        }
        List<Entry> kids =
            old.tree().equals(fresh.tree())
                ? old.children()
                : apply(old.id(), null, old.children(), BlockMap.children(block));
        out.add(new Entry(old.id(), fresh.type(), fresh.own(), fresh.tree(), kids));
        anchor = old.id();
      } else {
        if (old != null) {
          ops.delete(old.id());
          k++;
        }
        pending.add(block);
      }
    }
    for (; k < oldRun.size(); k++) {
      ops.delete(oldRun.get(k).id());
    }
    return flush(parentId, anchor, pending, out);
  }

  /** Inserts the pending run after {@code anchor}; returns the new anchor. */
  private String flush(String parentId, String anchor, List<ObjectNode> pending, List<Entry> out) {
    if (pending.isEmpty()) {
      return anchor;
    }
    List<String> ids = ops.insert(parentId, anchor, List.copyOf(pending));
    if (ids.size() != pending.size()) {
      throw new StaleMapException(
          "Notion created " + ids.size() + " blocks for " + pending.size() + " (split)");
    }
    for (int i = 0; i < ids.size(); i++) {
      out.add(BlockMap.entry(pending.get(i)).withId(ids.get(i)));
    }
    pending.clear();
    return ids.get(ids.size() - 1);
  }

  /**
   * Without an anchor (a nested level; 2025-09-03 has no "start" position) a block inserted before
   * the first existing one cannot be placed: the level is rewritten.
   */
  private static boolean needsLeadingInsert(
      int[][] pairs, List<Entry> old, List<Entry> fresh, int pre) {
    int firstOld = pairs.length > 0 ? pairs[0][0] : old.size() - pre;
    int firstNew = pairs.length > 0 ? pairs[0][1] : fresh.size() - pre;
    if (old.isEmpty() || firstNew == 0) {
      return false;
    }
    return firstOld == 0 || !updatable(old.get(pre), fresh.get(pre));
  }

  private static boolean updatable(Entry old, Entry fresh) {
    return old.type().equals(fresh.type()) && !REPLACE_ONLY.contains(old.type());
  }

  private List<Entry> rewriteLevel(String parentId, List<Entry> old, List<ObjectNode> blocks) {
    for (Entry e : old) {
      ops.delete(e.id());
    }
    List<Entry> out = new ArrayList<>();
    flush(parentId, null, new ArrayList<>(blocks), out);
    return out;
  }

  /** Fills in ids not known yet (children appended inline) with one read of the level. */
  private List<Entry> resolveIds(String parentId, List<Entry> old) {
    if (old.stream().allMatch(e -> e.id() != null)) {
      return old;
    }
    List<String> ids = ops.children(parentId);
    if (ids.size() != old.size()) {
      throw new StaleMapException(
          "block " + parentId + " has " + ids.size() + " children, the map " + old.size());
    }
    List<Entry> out = new ArrayList<>(old.size());
    for (int i = 0; i < old.size(); i++) {
      out.add(old.get(i).withId(ids.get(i)));
    }
    return out;
  }

  /** Index pairs (old, new) of a longest common subsequence by subtree hash, in order. */
  private static int[][] matches(List<Entry> a, List<Entry> b) {
    int n = a.size();
    int m = b.size();
    if (n == 0 || m == 0 || (long) n * m > MAX_LCS_CELLS) {
      return new int[0][];
    }
    int[][] len = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        len[i][j] =
            a.get(i).tree().equals(b.get(j).tree())
                ? len[i + 1][j + 1] + 1
                : Math.max(len[i + 1][j], len[i][j + 1]);
      }
    }
    List<int[]> pairs = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).tree().equals(b.get(j).tree())) {
        pairs.add(new int[] {i, j});
        i++;
        j++;
      } else if (len[i + 1][j] >= len[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return pairs.toArray(new int[0][]);
  }
}
