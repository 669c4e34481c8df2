package dev.leanspec.inspector.persistence.sessions;

import dev.leanspec.inspector.persistence.Timestamp;

/**
 * One row of {@code sessions}: an agent run on a project.
 *
 * @param id          the session id; never null
 * @param projectPath the project folder; never null
 * @param specId      the spec it worked on as older LeanSpec builds record it, or null; the full
 *                    list is {@link SessionDetail#specs()}
 * @param runner      the agent that ran it ({@code claude}, {@code codex}, ...; free text)
 * @param mode        how it ran
 * @param status      where it is
 * @param exitCode    the runner's exit code, or null while running or when unknown
 * @param startedAt   when it started
 * @param endedAt     when it ended, or null
 * @param durationMs  its run time in milliseconds, or null
 * @param tokenCount  tokens used, or null
 * @param createdAt   when the row was created
 * @param updatedAt   when the row last changed
 * @param prompt      the prompt it was started with, or null (older sessions have none)
 */
public record Session(String id, String projectPath, String specId, String runner, SessionMode mode,
                      SessionStatus status, Long exitCode, Timestamp startedAt, Timestamp endedAt,
                      Long durationMs, Long tokenCount, Timestamp createdAt, Timestamp updatedAt,
                      String prompt) {
    /**
     * Checks the required components.
     *
     * @throws IllegalArgumentException when id, projectPath, runner, mode, status, startedAt, createdAt or updatedAt is null
     */
    public Session {
        requireText(id, "id");
        requireText(projectPath, "projectPath");
        requireText(runner, "runner");
        if (mode == null || status == null || startedAt == null || createdAt == null || updatedAt == null) {
            throw new IllegalArgumentException("session " + id + ": mode, status, startedAt, createdAt and updatedAt are required");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("session " + name + " must not be null");
        }
    }
}
