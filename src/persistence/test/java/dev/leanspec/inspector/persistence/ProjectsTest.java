package dev.leanspec.inspector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LeanSpec's project registry: the id a chat names a session's folder by. */
class ProjectsTest {

    @TempDir
    Path home;

    @Test
    void aFolderTheRegistryListsHasItsIdAndAnotherItsNamesSlug() throws Exception {
        Files.createDirectories(home.resolve(".lean-spec"));
        // As LeanSpec 0.2.28 wrote it (serde, camelCase), a second "my-app" registered as my-app-2.
        Files.writeString(home.resolve(".lean-spec/projects.json"), """
                {
                  "projects": [
                    {"id": "my-app", "name": "my-app", "path": "/work/my-app", "specsDir": "/work/my-app/specs",
                     "favorite": false, "lastAccessed": "2026-01-02T03:04:05Z", "addedAt": "2026-01-02T03:04:05Z", "source": "local"},
                    {"id": "my-app-2", "name": "my-app", "path": "/other/my-app", "specsDir": "/other/my-app/specs"}
                  ]
                }
                """);
        Projects projects = Projects.read(LeanSpecPaths.of(home, Map.of(), "Linux"));

        assertThat(projects.idOf("/other/my-app")).isEqualTo("my-app-2");
        assertThat(projects.idOf("/work/my-app")).isEqualTo("my-app");
        assertThat(projects.idOf("/home/me/Lean Spec_UI/")).isEqualTo("lean-spec-ui");
        assertThat(projects.foldersOf("my-app-2", List.of("/work/my-app", "/other/my-app", "/x/proj"))).containsExactly("/other/my-app");
        assertThat(projects.foldersOf("proj", List.of("/work/my-app", "/x/proj", "/y/Proj"))).containsExactly("/x/proj", "/y/Proj");
        assertThat(projects.foldersOf("absent", List.of("/work/my-app"))).isEmpty();
    }

    @Test
    void aRegistryKeyedByIdIsReadToo() throws Exception {
        Files.createDirectories(home.resolve(".lean-spec"));
        Files.writeString(home.resolve(".lean-spec/projects.json"),
                "{\"projects\": {\"app-2\": {\"id\": \"app-2\", \"name\": \"app\", \"path\": \"/srv/app\"}}}");
        assertThat(Projects.read(LeanSpecPaths.of(home, Map.of(), "Linux")).idOf("/srv/app")).isEqualTo("app-2");
    }

    @Test
    void noRegistryOrAnUnreadableOneGivesEveryFolderItsNamesId() throws Exception {
        assertThat(Projects.read(LeanSpecPaths.of(home, Map.of(), "Linux"))).isEqualTo(Projects.NONE);
        Files.createDirectories(home.resolve(".lean-spec"));
        Files.writeString(home.resolve(".lean-spec/projects.json"), "{\"projects\": [");
        Projects projects = Projects.read(LeanSpecPaths.of(home, Map.of(), "Linux"));

        assertThat(projects).isEqualTo(Projects.NONE);
        assertThat(projects.idOf("C:\\Users\\me\\My Project")).isEqualTo("my-project");
    }

    @Test
    void theSlugIsLeanSpecs() {
        // project_registry.rs slugify: ASCII alphanumerics lower-cased, whitespace - _ / \ one dash, never leading or trailing.
        assertThat(Projects.slug("My App")).isEqualTo("my-app");
        assertThat(Projects.slug("--lean__spec--")).isEqualTo("lean-spec");
        assertThat(Projects.slug("a.b+c")).isEqualTo("abc");
        assertThat(Projects.slug("项目")).isEqualTo("project");
        assertThat(Projects.slug("Ünïcode 2")).isEqualTo("ncode-2");
    }
}
