package io.fynedesk.connector.fynedesk;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code POST /api/v1/kb/articles}; null fields are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewArticle(String title, String bodyHtml, String locale, ArticleSync sync) {}
