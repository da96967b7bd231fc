package io.fynedesk.connector.fynedesk;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code PUT /api/v1/kb/articles/{id}}; a null {@code sync} is left out, so FyneDesk keeps
 * the stored one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticleUpdate(String title, String bodyHtml, ArticleSync sync) {}
