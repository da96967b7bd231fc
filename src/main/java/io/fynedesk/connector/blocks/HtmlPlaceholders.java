package io.fynedesk.connector.blocks;

/**
 * Visible stand-ins for blocks HTML cannot show: a {@code div.notion-placeholder} carrying the
 * Notion type, block id and URL as data attributes, with a link to the content or to the block.
 */
final class HtmlPlaceholders {

  private final StringBuilder out;
  private final HtmlInlineRenderer inline;
  private final Warnings warnings;

  HtmlPlaceholders(StringBuilder out, HtmlInlineRenderer inline, Warnings warnings) {
    this.out = out;
    this.inline = inline;
    this.warnings = warnings;
  }

  void placeholder(Block b) {
    Placeholder p = Placeholder.of(b);
    warnings.add(Warnings.PLACEHOLDER, b.type() + " block shown as a placeholder", b.id());
    if (p.hosted()) {
      warnings.add(
          Warnings.EXPIRING_URL,
          b.type() + " is hosted by Notion; its URL expires about an hour after it was read",
          b.id());
    }
    out.append("<div class=\"notion-placeholder\"");
    Html.attr(out, "data-notion-type", b.type());
    if (b.id() != null) {
      Html.attr(out, "data-notion-id", b.id());
    }
    if (p.url() != null) {
      Html.attr(out, "data-url", p.url());
    }
    if (p.hosted()) {
      out.append(" data-hosted=\"true\"");
    }
    if (b instanceof Block.Marker m && !"default".equals(m.color())) {
      Html.attr(out, "data-color", m.color());
    }
    if (p.targetId() != null) {
      Html.attr(out, "data-target-id", p.targetId());
      if (b instanceof Block.PageRef r && r.targetType() != null) {
        Html.attr(out, "data-target-type", r.targetType());
      }
    }
    out.append('>');
    if (p.href() != null && HtmlSafety.safeLink(p.href())) {
      out.append("<a");
      Html.attr(out, "href", p.href());
      out.append('>');
      Html.escape(out, p.label());
      out.append("</a>");
    } else {
      Html.escape(out, p.label());
    }
    if (!p.caption().isEmpty()) {
      out.append(" <span class=\"notion-caption\">");
      inline.render(p.caption(), false);
      out.append("</span>");
    }
    out.append("</div>\n");
  }
}
