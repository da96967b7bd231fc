package io.fynedesk.connector.fynedesk;

/** Body of {@code POST /api/v1/kb/articles}. */
public record NewArticle(String title, String bodyHtml, String locale, ArticleSync sync) {}
