package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a block tree to at most {@code max} blocks (nested blocks and table rows count) in document
 * order, and appends a visible notice paragraph when it did.
 */
final class Truncator {

  private final int max;
  private int count;
  private boolean truncated;
  private String firstCutId;
  private int blocksIn;

  Truncator(int max) {
    this.max = max;
  }

  boolean truncated() {
    return truncated;
  }

  /** How many blocks (nested blocks and table rows included) the last {@link #apply} was given. */
  int blocksIn() {
    return blocksIn;
  }

  List<Block> apply(List<Block> blocks, Warnings warnings) {
    blocksIn = Blocks.count(blocks);
    if (blocksIn <= max) {
      return blocks;
    }
    List<Block> out = take(blocks);
    truncated = true;
    warnings.add(
        Warnings.TRUNCATED,
        "Content has more than "
            + max
            + " blocks; everything after the first "
            + max
            + " was left out",
        firstCutId);
    out.add(notice(max));
    return out;
  }

  static Block notice(int max) {
    Annotations italic = new Annotations(false, true, false, false, false, "default");
    String text = "Content truncated: only the first " + max + " blocks were converted.";
    return new Block.TextBlock(
        null, "paragraph", List.of(RichText.text(text, italic, null)), "default", List.of());
  }

  private List<Block> take(List<Block> blocks) {
    List<Block> out = new ArrayList<>();
    for (Block b : blocks) {
      if (count >= max) {
        cut(b.id());
        break;
      }
      count++;
      if (b instanceof Block.Table t) {
        int room = max - count;
        if (t.rows().size() <= room) {
          count += t.rows().size();
          out.add(b);
        } else if (room > 0) {
          count += room;
          cut(t.rows().get(room).id());
          out.add(
              new Block.Table(
                  t.id(), t.width(), t.columnHeader(), t.rowHeader(), t.rows().subList(0, room)));
        } else {
          count--;
          cut(b.id());
        }
      } else if (b.children().isEmpty()) {
        out.add(b);
      } else {
        out.add(Blocks.withChildren(b, take(b.children())));
      }
    }
    return out;
  }

  private void cut(String id) {
    if (firstCutId == null) {
      firstCutId = id;
    }
    truncated = true;
  }
}
