package io.fynedesk.connector.blocks;

/** Formatting of one rich-text item, mirroring Notion's {@code annotations} object. */
public record Annotations(
    boolean bold,
    boolean italic,
    boolean strikethrough,
    boolean underline,
    boolean code,
    String color) {

  /** No formatting and the default colour. */
  public static final Annotations NONE =
      new Annotations(false, false, false, false, false, "default");

  public Annotations {
    if (color == null || color.isEmpty()) {
      color = "default";
    }
  }

  /** Whether nothing is set, so the object can be left out of written JSON. */
  public boolean isDefault() {
    return !bold && !italic && !strikethrough && !underline && !code && "default".equals(color);
  }

  Annotations withBold() {
    return bold ? this : new Annotations(true, italic, strikethrough, underline, code, color);
  }

  Annotations withItalic() {
    return italic ? this : new Annotations(bold, true, strikethrough, underline, code, color);
  }

  Annotations withStrikethrough() {
    return strikethrough ? this : new Annotations(bold, italic, true, underline, code, color);
  }

  Annotations withUnderline() {
    return underline ? this : new Annotations(bold, italic, strikethrough, true, code, color);
  }

  Annotations withCode() {
    return code ? this : new Annotations(bold, italic, strikethrough, underline, true, color);
  }

  Annotations withColor(String newColor) {
    return new Annotations(bold, italic, strikethrough, underline, code, newColor);
  }
}
