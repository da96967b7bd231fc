package io.fynedesk.connector.blocks;

import java.util.List;

/** GFM tables; a table without a column header gets an empty header row, which GFM requires. */
final class MarkdownTables {

  void table(Block.Table t, StringBuilder out) {
    List<Block.TableRow> rows = t.rows();
    int first = 0;
    if (t.columnHeader() && !rows.isEmpty()) {
      row(rows.get(0), t.width(), out);
      first = 1;
    } else {
      for (int c = 0; c < t.width(); c++) {
        out.append(c == 0 ? "|" : "").append("  |");
      }
    }
    out.append('\n');
    for (int c = 0; c < t.width(); c++) {
      out.append(c == 0 ? "|" : "").append(" --- |");
    }
    for (int r = first; r < rows.size(); r++) {
      out.append('\n');
      row(rows.get(r), t.width(), out);
    }
  }

  private static void row(Block.TableRow row, int width, StringBuilder out) {
    out.append('|');
    for (int c = 0; c < width; c++) {
      out.append(' ');
      if (c < row.cells().size()) {
        MarkdownInline.render(out, row.cells().get(c), true);
      }
      out.append(" |");
    }
  }
}
