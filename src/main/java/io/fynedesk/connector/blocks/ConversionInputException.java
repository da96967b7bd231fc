package io.fynedesk.connector.blocks;

/**
 * Input a conversion cannot accept; {@code field} names where it is wrong (e.g. {@code
 * content[2].type}).
 */
public class ConversionInputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public ConversionInputException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The offending field, as a JSON path relative to the request body. */
  public String field() {
    return field;
  }
}
