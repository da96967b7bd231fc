package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;

/**
 * Notion's documented request size limits, and the text splitting that keeps content inside them.
 *
 * @see <a href="https://developers.notion.com/reference/request-limits">Notion request limits</a>
 */
public final class NotionLimits {

  /** Maximum {@code text.content} length, counted in UTF-16 code units. */
  public static final int MAX_TEXT_LENGTH = 2000;

  /** Maximum {@code text.link.url} and URL property length. */
  public static final int MAX_URL_LENGTH = 2000;

  /** Maximum {@code equation.expression} length. */
  public static final int MAX_EQUATION_LENGTH = 1000;

  /** Maximum elements of any rich-text array. */
  public static final int MAX_RICH_TEXT_ITEMS = 100;

  /** Maximum children in one append (or one create-page) request. */
  public static final int MAX_CHILDREN_PER_REQUEST = 100;

  /** Maximum nesting levels of children in one request. */
  public static final int MAX_NESTING_PER_REQUEST = 2;

  /** Maximum block elements in one request payload. */
  public static final int MAX_BLOCKS_PER_REQUEST = 1000;

  /** Maximum request payload in bytes. */
  public static final int MAX_PAYLOAD_BYTES = 500 * 1000;

  /** Maximum page size of paginated endpoints. */
  public static final int MAX_PAGE_SIZE = 100;

  /** Maximum options of a multi_select value, pages of a relation and users of a people value. */
  public static final int MAX_MULTI_VALUES = 100;

  private NotionLimits() {}

  /**
   * Splits text into pieces of at most {@link #MAX_TEXT_LENGTH} UTF-16 code units without splitting
   * a surrogate pair. Java strings are UTF-16, so {@code length()} counts what Notion counts.
   */
  public static List<String> splitText(String text) {
    return splitText(text, MAX_TEXT_LENGTH);
  }

  /** Splits text into pieces of at most {@code max} UTF-16 units on code-point boundaries. */
  public static List<String> splitText(String text, int max) {
    List<String> parts = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      parts.add(text == null ? "" : text);
      return parts;
    }
    int start = 0;
    int length = text.length();
    while (start < length) {
      int end = Math.min(start + max, length);
      if (end < length
          && Character.isHighSurrogate(text.charAt(end - 1))
          && Character.isLowSurrogate(text.charAt(end))) {
        end--;
      }
      parts.add(text.substring(start, end));
      start = end;
    }
    return parts;
  }
}
