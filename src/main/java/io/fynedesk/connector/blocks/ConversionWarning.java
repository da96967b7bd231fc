package io.fynedesk.connector.blocks;

/**
 * Something a conversion could not carry over exactly. {@code type} is one of {@code placeholder},
 * {@code flattened}, {@code truncated}, {@code text_split}, {@code expiring_url}, {@code
 * link_dropped}, {@code dropped}; {@code blockId} is the Notion block concerned, or null.
 */
public record ConversionWarning(String type, String message, String blockId) {}
