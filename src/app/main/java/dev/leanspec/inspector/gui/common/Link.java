package dev.leanspec.inspector.gui.common;

import dev.leanspec.inspector.persistence.Location;
import dev.leanspec.inspector.persistence.search.SearchHit;

import java.util.List;

/**
 * A place in an open file the window can be taken to: what a search's hit, a session's runner,
 * spec or project, a chat's project, or a Tables row's session points at. Following one is remembered, so Back and Forward
 * walk what was followed. The links are the data's own (ids LeanSpec wrote), so they work on
 * every shape and on PostgreSQL, whether or not the schema declares a foreign key.
 */
public sealed interface Link {

    /** {@return the database the place is in} */
    Location location();

    /**
     * A search's hit: its session at the matching entry, its conversation or its runner.
     *
     * @param terms the words searched for (lower-cased), which find the line of an output block
     */
    record Hit(SearchHit hit, List<String> terms) implements Link {
        public Hit {
            terms = List.copyOf(terms);
        }

        @Override
        public Location location() {
            return hit.location();
        }
    }

    /** One session, on its Details tab. */
    record Session(Location location, String id) implements Link {
    }

    /** One conversation, with its transcript. */
    record Conversation(Location location, String id) implements Link {
    }

    /**
     * A runner in the Runners tab.
     *
     * @param project the project of the session that named it: a runner of that project's scope
     *                is the one LeanSpec ran, before a global one of the same id; null for any
     */
    record Runner(Location location, String id, String project) implements Link {
    }

    /**
     * The sessions list narrowed to one spec, project or runner (each null for any).
     *
     * @param spec    a spec's id ({@code 001-first})
     * @param project a project's path, as the sessions store it
     * @param runner  a runner's id
     */
    record Sessions(Location location, String spec, String project, String runner) implements Link {
    }

    /**
     * The chats of the project a session ran in. A session names its project by folder and a
     * chat by LeanSpec's project id ({@code Projects}); a sessions.db's chats are in another file,
     * so the window takes this to whichever open file holds conversations.
     *
     * @param folder the session's project path
     */
    record ProjectChats(Location location, String folder) implements Link {
    }

    /**
     * The sessions run in a chat's project; in a chat.db they are in another file, so the window
     * takes this to whichever open file holds sessions.
     *
     * @param project the conversation's project id ({@code lean-spec})
     */
    record ProjectSessions(Location location, String project) implements Link {
    }

    /** A file as a whole, in its own tab: opened when it is not open yet (a {@code (postgres)} file Health found). */
    record File(Location location) implements Link {
    }

    /**
     * Rows no id can name, listed by a read-only query run in the file's SQL tab (the orphan rows
     * a Health finding counts).
     *
     * @param sql the query, shown in the editor
     */
    record Query(Location location, String sql) implements Link {
    }
}
