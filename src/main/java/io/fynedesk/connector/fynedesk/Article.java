package io.fynedesk.connector.fynedesk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A FyneDesk knowledge-base article with its sync state ({@code sync} is null when never synced).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Article(
    String id,
    String title,
    String bodyHtml,
    String locale,
    String url,
    Instant updatedAt,
    ArticleSync sync) {}
