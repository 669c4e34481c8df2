package dev.leanspec.inspector.persistence.runners;

import dev.leanspec.inspector.persistence.Timestamp;

import java.util.Objects;

/**
 * One runner configuration as LeanSpec 0.2.27+ stored it (imported from {@code runners.json}).
 *
 * @param scope       {@code global} or {@code project}, as LeanSpec wrote it; never null
 * @param projectPath the project's folder, empty for global runners; never null
 * @param id          the runner's id, e.g. {@code claude}; never null
 * @param configJson  LeanSpec's {@code RunnerConfig} as JSON text, exactly as stored; never null
 * @param isDefault   whether it is the default runner of its scope and project
 * @param createdAt   when it was stored
 * @param updatedAt   when it last changed
 */
public record Runner(String scope, String projectPath, String id, String configJson, boolean isDefault,
                     Timestamp createdAt, Timestamp updatedAt) {

    /**
     * Checks the required components.
     *
     * @throws NullPointerException when scope, projectPath, id or configJson is null
     */
    public Runner {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(projectPath, "projectPath");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
