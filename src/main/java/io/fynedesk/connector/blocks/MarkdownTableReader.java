package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.node.Node;

/** GFM table to Notion table; an all-empty header row means the table has no column header. */
final class MarkdownTableReader {

  private final Warnings warnings;

  MarkdownTableReader(Warnings warnings) {
    this.warnings = warnings;
  }

  Block table(TableBlock table) {
    List<Block.TableRow> rows = new ArrayList<>();
    boolean columnHeader = false;
    int width = 1;
    for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
      for (Node tr = section.getFirstChild(); tr != null; tr = tr.getNext()) {
        List<List<RichText>> cells = new ArrayList<>();
        boolean empty = true;
        for (Node cell = tr.getFirstChild(); cell != null; cell = cell.getNext()) {
          MarkdownInlineReader inline = new MarkdownInlineReader(warnings);
          inline.children(cell);
          List<RichText> text = inline.build();
          empty &= text.isEmpty();
          cells.add(text);
        }
        width = Math.max(width, cells.size());
        if (section instanceof TableHead) {
          columnHeader = !empty;
          if (empty) {
            continue;
          }
        }
        rows.add(new Block.TableRow(null, cells));
      }
    }
    for (Block.TableRow row : rows) {
      while (row.cells().size() < width) {
        row.cells().add(List.of());
      }
    }
    if (rows.isEmpty()) {
      List<List<RichText>> cells = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        cells.add(List.of());
      }
      rows.add(new Block.TableRow(null, cells));
    }
    return new Block.Table(null, width, columnHeader, false, rows);
  }
}
