#!/bin/sh
# Builds an AppCDS archive into a jpackage app image by starting the window once (--smoke), then
# tells the launcher to use it. Start-up to first window drops by about a quarter (see README).
# Needs a display: $DISPLAY, or xvfb-run. Without one the image is left as it was: the archive is
# an optimisation, never a requirement.
set -eu
image="$1"
name=leanspec-inspector
archive="$image/lib/app/$name.jsa"
cfg="$image/lib/app/$name.cfg"

run() {
    if [ -n "${DISPLAY:-}" ]; then "$@"; elif command -v xvfb-run >/dev/null 2>&1; then xvfb-run -a "$@"; else return 1; fi
}

rm -f "$archive"
# CDS checks each jar's modification time; packaging copies the files and changes it. A fixed time,
# set here and again by the .deb's postinst, keeps the archive valid wherever the image lands.
find "$image/lib/app" -name '*.jar' -exec touch -d '2000-01-01 00:00:00 UTC' {} +
dump() {
    JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$archive -Xlog:disable" run "$image/bin/$name" --smoke >/dev/null 2>&1 && [ -s "$archive" ]
}
# xvfb-run -a now and then fails to start its server (a race for a free display number): retry once.
if ! dump && ! dump; then
    echo "[cds] no display to start the window on: app image left without a CDS archive" >&2
    rm -f "$archive"
    exit 0
fi
# -Xlog:disable: a mismatched or missing archive must never print into the CLI's output.
sed -i "s|^\[JavaOptions\]\$|[JavaOptions]\njava-options=-XX:SharedArchiveFile=\$APPDIR/$name.jsa\njava-options=-Xlog:disable|" "$cfg"
echo "[cds] archive $(du -h "$archive" | cut -f1) written to $archive"
