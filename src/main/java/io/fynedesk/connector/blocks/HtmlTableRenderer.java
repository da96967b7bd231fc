package io.fynedesk.connector.blocks;

import java.util.List;

/**
 * Renders a Notion table: a column header becomes {@code thead}, a row header a leading {@code th}.
 */
final class HtmlTableRenderer {

  private final StringBuilder out;
  private final HtmlInlineRenderer inline;

  HtmlTableRenderer(StringBuilder out, HtmlInlineRenderer inline) {
    this.out = out;
    this.inline = inline;
  }

  void table(Block.Table t) {
    out.append("<table");
    if (t.rowHeader()) {
      out.append(" data-row-header=\"true\"");
    }
    out.append('>');
    List<Block.TableRow> rows = t.rows();
    int first = 0;
    if (t.columnHeader() && !rows.isEmpty()) {
      out.append("<thead>");
      row(rows.get(0), t.width(), true, false);
      out.append("</thead>");
      first = 1;
    }
    out.append("<tbody>");
    for (int i = first; i < rows.size(); i++) {
      row(rows.get(i), t.width(), false, t.rowHeader());
    }
    out.append("</tbody></table>\n");
  }

  private void row(Block.TableRow row, int width, boolean header, boolean rowHeader) {
    out.append("<tr>");
    List<List<RichText>> cells = row.cells();
    for (int c = 0; c < width; c++) {
      boolean th = header || (rowHeader && c == 0);
      out.append(th ? "<th>" : "<td>");
      if (c < cells.size()) {
        inline.render(cells.get(c), false);
      }
      out.append(th ? "</th>" : "</td>");
    }
    out.append("</tr>");
  }
}
