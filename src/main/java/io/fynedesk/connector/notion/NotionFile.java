package io.fynedesk.connector.notion;

/**
 * A file downloaded from a Notion-hosted (pre-signed, expiring) URL.
 *
 * @param bytes the content
 * @param contentType its media type as the file host sent it (parameters removed), or null
 */
public record NotionFile(byte[] bytes, String contentType) {}
