package io.fynedesk.connector.blocks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * The keys a Notion object usually has, in the order Notion (and {@link NotionWriter}) writes them.
 * {@link #next} asks Jackson first for the key expected at that position, which it compares as raw
 * bytes without a symbol-table lookup; any other key is read as usual, so order never matters for
 * the result.
 */
final class JsonKeys {

  private final SerializedString[] keys;

  JsonKeys(String... keys) {
    this.keys = new SerializedString[keys.length];
    for (int i = 0; i < keys.length; i++) {
      this.keys[i] = new SerializedString(keys[i]);
    }
  }

  /**
   * The name of the next field (the {@code index}-th of its object), or null at the object's end.
   */
  String next(JsonParser p, int index) throws IOException {
    if (index >= keys.length) {
      return p.nextFieldName();
    }
    return next(p, keys[index]);
  }

  /**
   * The name of the next field, expected to be {@code expected} (if any), or null at the object's
   * end.
   */
  static String next(JsonParser p, SerializedString expected) throws IOException {
    if (expected == null) {
      return p.nextFieldName();
    }
    if (p.nextFieldName(expected)) {
      return expected.getValue();
    }
    return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
  }
}
