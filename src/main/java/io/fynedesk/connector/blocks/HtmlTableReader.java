package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Reads an HTML table into a Notion table; {@code thead} or an all-{@code th} first row is the
 * column header.
 */
final class HtmlTableReader {

  private final Warnings warnings;

  HtmlTableReader(Warnings warnings) {
    this.warnings = warnings;
  }

  void table(Element table, List<Block> out) {
    List<Element> trs = new ArrayList<>();
    boolean thead = false;
    for (Element child : table.children()) {
      switch (child.normalName()) {
        case "tr" -> trs.add(child);
        case "thead", "tbody", "tfoot" -> {
          for (Element tr : child.children()) {
            if (tr.normalName().equals("tr")) {
              thead |= trs.isEmpty() && child.normalName().equals("thead");
              trs.add(tr);
            }
          }
        }
        default -> {}
      }
    }
    if (trs.isEmpty()) {
      warnings.add(Warnings.DROPPED, "Table without rows was dropped", null);
      return;
    }
    int width = 1;
    List<Block.TableRow> rows = new ArrayList<>(trs.size());
    for (Element tr : trs) {
      List<List<RichText>> cells = new ArrayList<>(width);
      for (Element cell : tr.children()) {
        if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
          HtmlInlineReader inline = new HtmlInlineReader(warnings, false);
          inline.children(cell);
          cells.add(inline.build());
        }
      }
      width = Math.max(width, cells.size());
      rows.add(new Block.TableRow(null, cells));
    }
    for (Block.TableRow row : rows) {
      while (row.cells().size() < width) {
        row.cells().add(List.of());
      }
    }
    boolean columnHeader = thead || (width > 1 && allHeaderCells(trs.get(0)));
    boolean rowHeader = table.hasAttr("data-row-header") || firstCellsAreHeaders(trs, columnHeader);
    out.add(new Block.Table(null, width, columnHeader, rowHeader, rows));
  }

  private static boolean allHeaderCells(Element tr) {
    for (Element cell : tr.children()) {
      if (!cell.normalName().equals("th")) {
        return false;
      }
    }
    return tr.childrenSize() > 0;
  }

  private static boolean firstCellsAreHeaders(List<Element> trs, boolean columnHeader) {
    int start = columnHeader ? 1 : 0;
    if (trs.size() <= start) {
      return false;
    }
    for (int i = start; i < trs.size(); i++) {
      Element tr = trs.get(i);
      if (tr.childrenSize() == 0 || !tr.child(0).normalName().equals("th")) {
        return false;
      }
    }
    return true;
  }
}
