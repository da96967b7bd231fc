package io.fynedesk.connector.blocks;

import java.util.Objects;

/**
 * One item of a Notion rich-text array: text (with an optional link), a mention, or an inline
 * equation. {@code text} is the content, the mention's plain text or the equation's expression.
 */
public record RichText(
    Kind kind, String text, String link, Annotations annotations, Mention mention) {

  /** The rich-text item types Notion knows. */
  public enum Kind {
    TEXT,
    MENTION,
    EQUATION
  }

  public RichText {
    if (text == null) {
      text = "";
    }
    if (annotations == null) {
      annotations = Annotations.NONE;
    }
  }

  /** Plain, unformatted text. */
  public static RichText text(String content) {
    return new RichText(Kind.TEXT, content, null, Annotations.NONE, null);
  }

  /** Text with formatting and an optional link. */
  public static RichText text(String content, Annotations annotations, String link) {
    return new RichText(Kind.TEXT, content, link, annotations, null);
  }

  /** An inline equation. */
  public static RichText equation(String expression, Annotations annotations) {
    return new RichText(Kind.EQUATION, expression, null, annotations, null);
  }

  /** A mention showing {@code plainText}. */
  public static RichText mention(Mention mention, String plainText, Annotations annotations) {
    return new RichText(Kind.MENTION, plainText, null, annotations, mention);
  }

  RichText withText(String newText) {
    return new RichText(kind, newText, link, annotations, mention);
  }

  /** Whether this and {@code other} are text with the same formatting and link, so can merge. */
  boolean sameStyle(RichText other) {
    return kind == Kind.TEXT
        && other.kind == Kind.TEXT
        && annotations.equals(other.annotations)
        && Objects.equals(link, other.link);
  }
}
