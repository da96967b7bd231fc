package io.fynedesk.connector.blocks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** Small structural helpers over {@link Block} trees. */
final class Blocks {

  /** The {@code flattened} warning of {@link #capDepth}, and of readers that cap as they read. */
  static final String TOO_DEEP =
      "Content nested more than "
          + BlockEngine.MAX_DEPTH
          + " levels deep was flattened into level "
          + BlockEngine.MAX_DEPTH;

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

  /**
   * The tree with no block deeper than {@link BlockEngine#MAX_DEPTH} (top-level blocks are level
   * 1): the descendants of a block at that level follow it as its siblings, in document order and
   * without children, and a {@code flattened} warning says so. The same list when nothing is that
   * deep. Iterative, so any depth is safe.
   */
  static List<Block> capDepth(List<Block> blocks, Warnings warnings) {
    Block deep = deeperThan(blocks, BlockEngine.MAX_DEPTH);
    if (deep == null) {
      return blocks;
    }
    warnings.addOnce(Warnings.FLATTENED, TOO_DEEP, deep.id());
    return capped(blocks, 1);
  }

  /** The first block below level {@code max}, or null when there is none; iterative. */
  private static Block deeperThan(List<Block> blocks, int max) {
    Deque<Iterator<Block>> stack = new ArrayDeque<>();
    stack.push(blocks.iterator());
    while (!stack.isEmpty()) {
      Iterator<Block> level = stack.peek();
      if (!level.hasNext()) {
        stack.pop();
        continue;
      }
      Block b = level.next();
      if (stack.size() > max) {
        return b;
      }
      if (!b.children().isEmpty()) {
        stack.push(b.children().iterator());
      }
    }
    return null;
  }

  /** {@link #capDepth} from {@code level}; recursion stops at {@link BlockEngine#MAX_DEPTH}. */
  private static List<Block> capped(List<Block> blocks, int level) {
    List<Block> out = new ArrayList<>(blocks.size());
    for (Block b : blocks) {
      if (b.children().isEmpty()) {
        out.add(b);
      } else if (level < BlockEngine.MAX_DEPTH) {
        out.add(withChildren(b, capped(b.children(), level + 1)));
      } else {
        out.add(withChildren(b, List.of()));
        flattenInto(b.children(), out);
      }
    }
    return out;
  }

  /** Every block of the trees in document order, without children, added to {@code out}. */
  private static void flattenInto(List<Block> blocks, List<Block> out) {
    Deque<Iterator<Block>> stack = new ArrayDeque<>();
    stack.push(blocks.iterator());
    while (!stack.isEmpty()) {
      Iterator<Block> level = stack.peek();
      if (!level.hasNext()) {
        stack.pop();
        continue;
      }
      Block b = level.next();
      if (b.children().isEmpty()) {
        out.add(b);
      } else {
        out.add(withChildren(b, List.of()));
        stack.push(b.children().iterator());
      }
    }
  }
}
