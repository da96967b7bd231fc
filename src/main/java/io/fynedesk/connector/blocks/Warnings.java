package io.fynedesk.connector.blocks;

import java.util.ArrayList;
import java.util.List;

/** Collects the warnings of one conversion. */
final class Warnings {

  static final String PLACEHOLDER = "placeholder";
  static final String FLATTENED = "flattened";
  static final String TRUNCATED = "truncated";
  static final String TEXT_SPLIT = "text_split";
  static final String EXPIRING_URL = "expiring_url";
  static final String LINK_DROPPED = "link_dropped";
  static final String DROPPED = "dropped";

  private final List<ConversionWarning> list = new ArrayList<>();

  void add(String type, String message, String blockId) {
    list.add(new ConversionWarning(type, message, blockId));
  }

  /** Adds the warning unless one of the same type and message is already there. */
  void addOnce(String type, String message, String blockId) {
    for (ConversionWarning w : list) {
      if (w.type().equals(type) && w.message().equals(message)) {
        return;
      }
    }
    add(type, message, blockId);
  }

  List<ConversionWarning> list() {
    return list;
  }
}
