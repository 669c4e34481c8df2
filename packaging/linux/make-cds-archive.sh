#!/bin/sh
# Makes the app image start faster, then tells its launcher to use what it made:
# - on a JDK 25+ runtime, an ahead-of-time cache (JEP 483/514/515) of what the window needs to show
#   (a run of --smoke records which classes load and link), and on top of it a dynamic CDS archive of
#   everything else a user does first (the launcher's --aot-training: the CLI's status, list,
#   validate and query on demo files, then the window opening them). Every class of an AOT cache is
#   loaded and linked at each start, before main: one cache of both took the JVM 0.16 s to start
#   here against 0.09 s for the window's alone; the top archive's classes load when first used
#   (already parsed and verified), which cost an opened file's first rows ~0.15 s more;
# - on an older runtime, an AppCDS archive of the classes the window loads (--smoke);
#   and, beside it, a small cache of the commands run most (cli_commands says why);
# - then bin/leanspec-inspector as a shell launcher (shell_launcher says why), made from the .cfg; it
#   starts those commands with the small cache, everything else with the whole one.
# The cache needs a display: $DISPLAY, or xvfb-run. Without one the image gets no cache (only the
# shell launcher): caches are optimisations, never requirements (see README, Performance).
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
        cached="$option"
        if [ -s "$cli_cache" ]; then
            echo '# The commands run most start with their own, small cache; the window and the rest with its two.'
            echo "case \"\${1:-}\" in $cli_words) cache=\"-XX:AOTCache=\$APPDIR/$name-cli.aot\" ;; *) cache=\"$option\" ;; esac"
            cached='$cache'
        fi
        printf 'exec "$APPDIR/../runtime/bin/java"'
        sed -n 's/^java-options=\(.*\)$/\1/p' "$cfg" | while IFS= read -r line; do
            if [ "$line" = "$option" ]; then printf ' \\\n    "%s"' "$cached"; else printf ' \\\n    "%s"' "$line"; fi
        done
        printf ' \\\n    -cp "%s"' "$(sed -n 's/^app.classpath=\(.*\)$/\1/p' "$cfg" | paste -sd: -)"
        printf ' \\\n    %s "$@"\n' "$(sed -n 's/^app.mainclass=\(.*\)$/\1/p' "$cfg")"
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
    dump() {
        JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$cache -Xlog:disable" run "$image/bin/$name" --smoke >/dev/null 2>&1 && [ -s "$cache" ] \
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
