package org.deq.feedback;

import java.time.Instant;

/**
 * One saved session as {@code deq feedback list} and {@code GET /api/feedback/sessions} show it.
 *
 * @param name         the session's name
 * @param round        rounds of marks so far; null when the file cannot be read
 * @param marks        images marked; null when the file cannot be read
 * @param lastModified when the file was last written (started or marked)
 * @param error        why the file cannot be read (damaged), else null
 */
public record SessionSummary(String name, Integer round, Integer marks, Instant lastModified, String error) {
}
