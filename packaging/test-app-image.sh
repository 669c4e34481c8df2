#!/bin/sh
# Checks a built app image the way a user meets it: the launcher runs the CLI headless and opens
# the window (--smoke shows it, then exits 0). Usage: packaging/test-app-image.sh target/dist/leanspec-inspector
set -u
image="${1:-target/dist/leanspec-inspector}"
launcher="$image/bin/leanspec-inspector"
work=$(mktemp -d)
# A leanspec.db that LeanSpec 0.2.28 wrote, for the window's checks.
cp "$(dirname "$0")/../src/fixtures/real/leanspec-0.2.28/leanspec.db" "$work/leanspec.db"
passed=0
failed=0

check() {
    name="$1"
    shift
    if "$@" >"$work/out" 2>"$work/err"; then
        passed=$((passed + 1))
        echo "ok      $name"
    else
        failed=$((failed + 1))
        echo "FAILED  $name"
        sed 's/^/        /' "$work/out" "$work/err" | tail -20
    fi
}

# Runs a window command on the display, or on a virtual one when there is none.
on_display() {
    if [ -n "${DISPLAY:-}" ]; then "$@"; else xvfb-run -a "$@"; fi
}

version_is_printed() { "$launcher" --version | grep -q '^LeanSpec Inspector [0-9]'; }
demo_is_written() { "$launcher" demo "$work/demo" && test -s "$work/demo/sessions.db" && test -s "$work/demo/chat.db"; }
status_json_reads_the_demo() {
    "$launcher" status --json --sessions "$work/demo/sessions.db" --chat "$work/demo/chat.db" >"$work/status.json" \
        && grep -q '"shape" : "tool-era"' "$work/status.json" && grep -q '"shape" : "jan20"' "$work/status.json"
}
migrate_adopts_the_demo() { "$launcher" migrate --yes --sessions "$work/demo/sessions.db" | grep -q 'now at version'; }
bad_usage_exits_2() { "$launcher" status --bogus; test $? -eq 2; }
missing_file_exits_1() { "$launcher" status --sessions "$work/missing.db"; test $? -eq 1 && test ! -e "$work/missing.db"; }
window_opens() { on_display "$launcher" --smoke | grep -q 'smoke: window shown'; }

check "launcher prints its version" version_is_printed
check "demo writes both files" demo_is_written
check "status --json reads the demo headless" status_json_reads_the_demo
check "migrate --yes adopts and migrates" migrate_adopts_the_demo
check "bad usage exits 2" bad_usage_exits_2
check "a missing file exits 1 and is not created" missing_file_exits_1
check "the window opens and closes (--smoke)" window_opens
real_file_opens_on_its_rows() { on_display "$launcher" --smoke "$work/leanspec.db" | grep -q 'smoke: first rows shown'; }
check "the window opens a real leanspec.db on its rows (--smoke FILE)" real_file_opens_on_its_rows
# -XX:AOTMode=on makes a start fail when the cache cannot be used (a jar changed, another JVM).
aot_cache_is_used() { JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$launcher" --version | grep -q '^LeanSpec Inspector'; }
# The window's two (its AOT cache and the archive of the rest on top): -Xshare:on makes a start
# fail when either cannot be used.
window_aot_cache_is_used() {
    on_display env JAVA_TOOL_OPTIONS=-Xshare:on "$launcher" --smoke "$work/leanspec.db" | grep -q 'smoke: first rows shown'
}
cli_gets_its_own_cache() {
    grep -q 'AOTCache=$APPDIR/leanspec-inspector-cli.aot' "$launcher" && JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$launcher" status --json \
        --sessions "$work/demo/sessions.db" | grep -q '"shape"'
}
if [ -f "$image/lib/app/leanspec-inspector.aot" ]; then
    check "the start-up cache (AOT) is valid and used" aot_cache_is_used
    check "the window's start-up cache is valid and used" window_aot_cache_is_used
fi
if [ -f "$image/lib/app/leanspec-inspector-cli.aot" ]; then
    check "a command starts with the CLI's own cache" cli_gets_its_own_cache
fi
# A temp folder sqlite-jdbc cannot write to (as where /tmp is noexec): the image's own copy of the
# native library must be what loads.
sqlite_library_is_the_images() {
    JAVA_TOOL_OPTIONS="-Dorg.sqlite.tmpdir=$work/missing-folder/tmp" "$launcher" status --json \
        --sessions "$work/demo/sessions.db" | grep -q '"shape"'
}
if [ -f "$image/lib/app/native/libsqlitejdbc.so" ]; then
    check "SQLite's native library loads from the image, not the temp folder" sqlite_library_is_the_images
fi
# JavaFX loads its natives from beside its jars: with them missing it would extract them into
# ~/.openjfx/cache at the first start and read them out of the jar at every one.
javafx_natives_are_the_images() {
    home="$work/fresh-home"
    mkdir -p "$home"
    # Java takes user.home from the password database, not from HOME.
    on_display env JAVA_TOOL_OPTIONS="-Duser.home=$home" "$launcher" --smoke | grep -q 'smoke: window shown' && test ! -e "$home/.openjfx"
}
check "JavaFX's native libraries load from the image, not ~/.openjfx" javafx_natives_are_the_images

# The launcher shows JavaFX the image's Noto Emoji (fonts/fonts.conf) and leaves a user's own choice.
emoji_font_is_the_images() {
    fc=$(FONTCONFIG_FILE='' sh -c 'grep -o "FONTCONFIG_FILE=\"[^\"]*\"" "$1"' sh "$launcher") \
        && test -s "$image/lib/app/fonts/NotoEmoji-Regular.ttf" && test -s "$image/lib/app/fonts/fonts.conf" \
        && { ! command -v fc-list >/dev/null \
             || FONTCONFIG_FILE="$(cd "$image/lib/app/fonts" && pwd)/fonts.conf" fc-list | grep -q "Noto Emoji"; } \
        && echo "$fc" | grep -q 'APPDIR/fonts/fonts.conf'
}
check "the launcher gives JavaFX the image's emoji font" emoji_font_is_the_images
native_launcher_runs() { "$launcher-native" --version | grep -q '^LeanSpec Inspector [0-9]'; }
if [ -e "$launcher-native" ]; then
    check "jpackage's own launcher, kept beside the shell one, runs" native_launcher_runs
fi

rm -rf "$work"
echo "app-image: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
