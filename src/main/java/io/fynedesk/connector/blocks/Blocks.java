package io.fynedesk.connector.blocks;

import java.util.List;

/** Small structural helpers over {@link Block} trees. */
final class Blocks {

  private Blocks() {}

  /** {@code b} with other children (table rows are not children; see {@link Block.Table}). */
  static Block withChildren(Block b, List<Block> children) {
    if (b instanceof Block.TextBlock t) {
      return new Block.TextBlock(t.id(), t.type(), t.text(), t.color(), children);
    } else if (b instanceof Block.Heading h) {
      return new Block.Heading(h.id(), h.level(), h.text(), h.color(), h.toggleable(), children);
    } else if (b instanceof Block.ToDo t) {
      return new Block.ToDo(t.id(), t.text(), t.checked(), t.color(), children);
    } else if (b instanceof Block.Callout c) {
      return new Block.Callout(c.id(), c.text(), c.icon(), c.color(), children);
    } else if (b instanceof Block.Container c) {
      return new Block.Container(c.id(), c.type(), c.widthRatio(), c.syncedFrom(), children);
    } else if (b instanceof Block.Other o) {
      return new Block.Other(o.id(), o.type(), o.payload(), children);
    }
    return b;
  }

  /** Blocks in the tree, nested ones and table rows included, as Notion counts them. */
  static int count(List<Block> blocks) {
    int n = 0;
    for (Block b : blocks) {
      n++;
      if (b instanceof Block.Table t) {
        n += t.rows().size();
      } else if (!b.children().isEmpty()) {
        n += count(b.children());
      }
    }
    return n;
  }
}
