package io.fynedesk.connector.blocks;

import java.util.List;

/** Converted content, what was lost on the way, and whether the block limit cut it short. */
public record ConversionResult<T>(T content, List<ConversionWarning> warnings, boolean truncated) {

  public ConversionResult {
    warnings = List.copyOf(warnings);
  }
}
