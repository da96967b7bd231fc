package io.fynedesk.connector.blocks;

/**
 * Input a conversion cannot accept; {@code field} names where it is wrong (e.g. {@code
 * content[2].type}).
 */
public class ConversionInputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  public ConversionInputException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
    this.reason = message;
  }

  /** The same problem with {@code prefix} before the field (a path read relative to a block). */
  ConversionInputException under(String prefix) {
    return new ConversionInputException(prefix + field, reason);
  }

  /** The offending field, as a JSON path relative to the request body. */
  public String field() {
    return field;
  }
}
