package io.fynedesk.connector.fynedesk;

/** Body of {@code PUT /api/v1/kb/articles/{id}}. */
public record ArticleUpdate(String title, String bodyHtml, ArticleSync sync) {}
