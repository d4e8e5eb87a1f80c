#!/usr/bin/env bash
# The Java runtime of a container image (issue 14): jlink of only the modules the program needs, stripped the way
# a distribution strips its libraries. Not compressed inside (the image layer is gzipped anyway, and an
# uncompressed modules file starts faster). Usage: scripts/image-runtime.sh JAVA_HOME MODULES OUT_DIR
set -euo pipefail
JDK="${1:?usage: image-runtime.sh JAVA_HOME MODULES OUT_DIR}"; MODULES="${2:?modules}"; OUT="${3:?out dir}"
rm -rf "$OUT"
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
  --output "$OUT"
# every heap these images run with is far below 32 GB, so the JVM uses compressed oops: the nocoops CDS archive is never mapped
rm -f "$OUT/lib/server/classes_nocoops.jsa"
find "$OUT/bin" "$OUT/lib" -maxdepth 2 -type f \( -name '*.so' -o -path "$OUT/bin/*" -o -name jspawnhelper -o -name jexec \) \
  -exec strip --strip-unneeded {} +
