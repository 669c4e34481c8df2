#!/bin/sh
# Makes the app image start faster, then tells its launcher to use what it made:
# - on a JDK 25+ runtime, an ahead-of-time cache (JEP 483) of what the window draws with, and on top
#   of it a dynamic CDS archive of the rest a user does first, both from the classes a training run
#   loads (the launcher's --aot-training: the CLI's status, list, validate and query on demo files,
#   then the window opening them and the leanspec.db they are consolidated into). Every class of an AOT cache is loaded and linked at each start,
#   before main: one cache of everything took the JVM 0.16 s to start here against 0.10 s for the
#   window's; the top archive's classes load when first used (already parsed and verified);
# - on an older runtime, an AppCDS archive of the classes the window loads (--smoke);
#   and, beside it, a small cache of the commands run most (cli_commands says why);
# - then bin/leanspec-inspector as a shell launcher (shell_launcher says why), made from the .cfg; it
#   starts those commands with the small cache, everything else with the window's two.
# The cache needs a display: $DISPLAY, or xvfb-run. Without one the image gets no cache (only the
# shell launcher): caches are optimisations, never requirements (see docs/performance.md).
set -eu
image="$1"
name=leanspec-inspector
archive="$image/lib/app/$name.jsa"
cache="$image/lib/app/$name.aot"
rest="$image/lib/app/$name-rest.jsa"
cli_cache="$image/lib/app/$name-cli.aot"
cfg="$image/lib/app/$name.cfg"
# The commands the small cache is trained on, and the first words that start with it. Every class of
# an AOT cache is loaded at each start: the whole cache (window, jOOQ, Jackson) made `status` of the
# bench's scale-1 pair take 0.46 s against 0.34 s with this one, while `list` needs jOOQ's classes and
# took 1.8 s with this one against 1.1 s with the whole one: so only these start with it.
cli_commands="status|status --json|validate"
cli_words="status|validate|-V|--version|-h|--help|help"

# The values of KEY in the launcher's .cfg (java-options, app.classpath, app.mainclass), one a line.
cfg_values() {
    sed -n "s/^$1=\\(.*\\)\$/\\1/p" "$cfg"
}

run() {
    if [ -n "${DISPLAY:-}" ]; then "$@"; elif command -v xvfb-run >/dev/null 2>&1; then xvfb-run -a "$@"; else return 1; fi
}

# The launcher as a shell script doing what jpackage's does with the .cfg (the same JVM, options and
# class path, so the cache stays valid): jpackage's Linux launcher asks rpm and dpkg which package
# holds it on every start, ~140 ms of a 0.5 s CLI command here. The native one stays beside it.
shell_launcher() {
    launcher="$image/bin/$name"
    if [ ! -e "$launcher-native" ]; then
        mv "$launcher" "$launcher-native"
    fi
    # jpackage's launcher reads the .cfg named after itself.
    cp "$cfg" "$image/lib/app/$name-native.cfg"
    {
        echo '#!/bin/sh'
        echo "# Starts LeanSpec Inspector as $name-native would (lib/app/$name.cfg), without its package-manager queries."
        echo 'APPDIR=$(CDPATH= cd -- "$(dirname -- "$(readlink -f -- "$0")")/../lib/app" && pwd) || exit 1'
        echo '# Emoji newer than the system'"'"'s fonts draw with the app'"'"'s Noto Emoji (fonts/fonts.conf says why).'
        echo '[ -n "${FONTCONFIG_FILE:-}" ] || export FONTCONFIG_FILE="$APPDIR/fonts/fonts.conf"'
        cached="$option"
        if [ -s "$cli_cache" ]; then
            echo '# The commands run most start with their own, small cache; the window and the rest with its two.'
            echo "case \"\${1:-}\" in $cli_words) cache=\"-XX:AOTCache=\$APPDIR/$name-cli.aot\" ;; *) cache=\"$option\" ;; esac"
            cached='$cache'
        fi
        printf 'exec "$APPDIR/../runtime/bin/java"'
        cfg_values java-options | while IFS= read -r line; do
            if [ "$line" = "$option" ]; then printf ' \\\n    "%s"' "$cached"; else printf ' \\\n    "%s"' "$line"; fi
        done
        printf ' \\\n    -cp "%s"' "$(cfg_values app.classpath | paste -sd: -)"
        printf ' \\\n    %s "$@"\n' "$(cfg_values app.mainclass)"
    } > "$launcher"
    chmod 755 "$launcher"
    echo "[cds] $launcher: a shell launcher (jpackage's is $name-native)"
}

rm -f "$archive" "$cache" "$rest" "$cli_cache"
# CDS and AOT caches check each jar's modification time; packaging copies the files and changes it.
# A fixed time, set here and again by the .deb's postinst, keeps them valid wherever the image lands.
find "$image/lib/app" -name '*.jar' -exec touch -d '2000-01-01 00:00:00 UTC' {} +
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$image/lib/runtime/release")
if [ "${feature:-0}" -ge 25 ]; then
    made="$cache"
    option="-XX:SharedArchiveFile=\$APPDIR/$name.aot:\$APPDIR/$name-rest.jsa"
    # The classes a first session loads, from the training run; of them, what the window draws with
    # (the JDK, JavaFX, ControlsFX, the app's views) goes into the cache, loaded and linked at start;
    # the database work's libraries (and the app's code behind them, the console's editor, the
    # dashboard's charts) into the archive on top, loaded when first used. Only the window's in the
    # cache (a run of --smoke): mapped ~5 ms sooner, an opened file's first rows ~0.2 s later.
    later='org/flywaydb/|org/jooq/|com/fasterxml/|org/postgresql/|com/zaxxer/|org/sqlite/|picocli/|org/commonmark/|org/slf4j/'
    later="$later|org/reactivestreams/|io/r2dbc/|org/fxmisc/|org/reactfx/|javafx/scene/chart/|dev/leanspec/inspector/(persistence|cli|demo|export)/"
    lists=$(mktemp -d)
    trap 'rm -rf "$lists"' EXIT
    # A static dump, by the image's JVM with the launcher's options and class path (through the
    # launcher, the JVM would dump, then run the app).
    dump_window() {
        app="$image/lib/app"
        cfg_values java-options | sed "s|\\\$APPDIR|$app|g" > "$lists/options"
        set --
        while IFS= read -r option_line; do set -- "$@" "$option_line"; done < "$lists/options"
        "$image/lib/runtime/bin/java" "$@" -Xshare:dump -XX:SharedClassListFile="$lists/window" -XX:SharedArchiveFile="$cache" \
            -XX:+AOTClassLinking -cp "$(cfg_values app.classpath | sed "s|\\\$APPDIR|$app|g" | paste -sd: -)"
    }
    dump() {
        JAVA_TOOL_OPTIONS="-Xshare:off -XX:DumpLoadedClassList=$lists/all -Xlog:disable" run "$image/bin/$name" --aot-training >/dev/null 2>&1 \
            && grep -vE "$later" "$lists/all" > "$lists/window" \
            && dump_window >/dev/null 2>&1 && [ -s "$cache" ] \
            && JAVA_TOOL_OPTIONS="-XX:SharedArchiveFile=$cache -XX:ArchiveClassesAtExit=$rest -Xlog:disable" \
                run "$image/bin/$name" --aot-training >/dev/null 2>&1 && [ -s "$rest" ]
    }
else
    made="$archive"
    option="-XX:SharedArchiveFile=\$APPDIR/$name.jsa"
    dump() {
        JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$archive -Xlog:disable" run "$image/bin/$name" --smoke >/dev/null 2>&1 && [ -s "$archive" ]
    }
fi
# xvfb-run -a now and then fails to start its server (a race for a free display number): retry once.
if ! dump && ! dump; then
    echo "[cds] no display to start the window on: app image left without a start-up cache" >&2
    rm -f "$archive" "$cache" "$rest"
    option=
    shell_launcher
    exit 0
fi
if [ "$made" = "$cache" ]; then
    # No display needed: the CLI never opens a window. Its files are made by a run of their own,
    # so that the demo generator stays out of the cache.
    demo=$(mktemp -d)
    if "$image/bin/$name" demo "$demo" >/dev/null 2>&1 && JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$cli_cache -Xlog:disable" \
            sh -c 'IFS="|"; exec "$0" --aot-training-cli "$1" "$2" $3' "$image/bin/$name" "$demo/sessions.db" "$demo/chat.db" "$cli_commands" \
            >/dev/null 2>&1 && [ -s "$cli_cache" ]; then
        echo "[cds] $(basename "$cli_cache") ($(du -h "$cli_cache" | cut -f1)) written to $cli_cache"
    else
        rm -f "$cli_cache"
        echo "[cds] no CLI cache: commands use the whole one" >&2
    fi
    rm -rf "$demo"
fi
# -Xlog:disable: a mismatched or missing cache must never print into the CLI's output.
sed -i "s|^\[JavaOptions\]\$|[JavaOptions]\njava-options=$option\njava-options=-Xlog:disable|" "$cfg"
echo "[cds] $(basename "$made") ($(du -h "$made" | cut -f1)) written to $made"
if [ -s "$rest" ]; then
    echo "[cds] $(basename "$rest") ($(du -h "$rest" | cut -f1)) written to $rest"
fi

shell_launcher
