#!/usr/bin/env bash
# Builds the base of the collector and reflector images (issue 14) as a `docker save` tarball that Jib reads as
# `tar://`: no registry is reachable here, so the base is made the way distroless makes its own, from pinned Debian
# packages. It holds only what a jlinked Java runtime needs from the system (glibc and libgcc_s; the JDK brings its
# own zlib and CA certificates), a non-root user 65532 and a sticky /tmp. Idempotent: it rebuilds only when this
# script changed. Usage: scripts/image-base.sh OUT_DIR  (writes OUT_DIR/base-image.tar)
set -euo pipefail

# package=version sha256 of the .deb; a newer Debian point release means a new pin here, checked by the hash.
PACKAGES=(
  "libc6=2.36-9+deb12u14 ba4f88f73dbc3ae9055f3c20f4523bfdbaf1ad13ff95e258924f77d20b4fbedf"
  "libgcc-s1=12.2.0-14+deb12u1 3016e62cb4b7cd8038822870601f5ed131befe942774d0f745622cc77d8a88f7"
  "gcc-12-base=12.2.0-14+deb12u1 1896a2aacf4ad681ff5eacc24a5b0ca4d5d9c9b9c9e4b6de5197bc1e116ea619"
)
NONROOT_UID=65532

OUT="${1:?usage: image-base.sh OUT_DIR}"
mkdir -p "$OUT/debs"
OUT="$(cd "$OUT" && pwd)"
KEY="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)"
exec 9>"$OUT/.lock"
flock 9
if [[ -f "$OUT/base-image.tar" && "$(cat "$OUT/base-image.key" 2>/dev/null)" == "$KEY" ]]; then
  exit 0
fi

fetch() { # name version sha256: the .deb from OUT/debs, else from apt, verified
  local name="$1" version="$2" sha="$3" file
  file="$OUT/debs/${name}_${version//:/%3a}_amd64.deb"
  if [[ ! -f "$file" ]] || ! echo "$sha  $file" | sha256sum -c --status; then
    rm -f "$file"
    (cd "$OUT/debs" && apt-get -o APT::Sandbox::User=root download -q "$name=$version" >/dev/null 2>&1) || {
      apt-get update -qq
      (cd "$OUT/debs" && apt-get -o APT::Sandbox::User=root download -q "$name=$version" >/dev/null)
    } || {
      # Debian drops a point release from its mirrors when the next one ships (often a security fix): take the
      # version apt serves now, which apt has checked against the signed archive index, and say the pin is stale,
      # rather than fail every build until someone edits this file.
      (cd "$OUT/debs" && apt-get -o APT::Sandbox::User=root download -q "$name" >/dev/null) ||
        { echo "image-base: apt cannot download $name at all" >&2; exit 1; }
      file="$(ls -t "$OUT/debs/${name}"_*_amd64.deb | head -1)"
      echo "image-base: WARNING $name=$version is no longer served; using $(basename "$file") (update the pin in $0)" >&2
      echo "$file"
      return
    }
  fi
  echo "$sha  $file" | sha256sum -c --status || { echo "image-base: $file does not have sha256 $sha" >&2; exit 1; }
  echo "$file"
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
mkdir -p "$ROOT"/{etc,tmp,home/nonroot,var/lib/dpkg/status.d,usr/share/doc}
for entry in "${PACKAGES[@]}"; do
  spec="${entry%% *}"; sha="${entry##* }"; name="${spec%%=*}"; version="${spec#*=}"
  deb="$(fetch "$name" "$version" "$sha")"
  mkdir -p "$WORK/x/$name"
  dpkg-deb -x "$deb" "$WORK/x/$name"
  # what the runtime loads (the libraries and the dynamic loader) and each package's licence; no programs, locales, gconv
  for dir in lib lib64; do
    [[ -d "$WORK/x/$name/$dir" ]] && cp -a "$WORK/x/$name/$dir" "$ROOT/"
  done
  if [[ -f "$WORK/x/$name/usr/share/doc/$name/copyright" ]]; then
    mkdir -p "$ROOT/usr/share/doc/$name"
    cp "$WORK/x/$name/usr/share/doc/$name/copyright" "$ROOT/usr/share/doc/$name/"
  fi
  # the distroless convention: scanners read the packages' versions here
  dpkg-deb -f "$deb" > "$ROOT/var/lib/dpkg/status.d/$name"
done
cat > "$ROOT/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:$NONROOT_UID:$NONROOT_UID:nonroot:/home/nonroot:/sbin/nologin
EOF
cat > "$ROOT/etc/group" <<EOF
root:x:0:
nonroot:x:$NONROOT_UID:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$ROOT/etc/nsswitch.conf"
chown -R 0:0 "$ROOT"
chmod 0755 "$ROOT" "$ROOT/etc" "$ROOT/home" "$ROOT/var" "$ROOT/var/lib" "$ROOT/var/lib/dpkg" "$ROOT/var/lib/dpkg/status.d"
chmod 0644 "$ROOT/etc/passwd" "$ROOT/etc/group" "$ROOT/etc/nsswitch.conf" "$ROOT"/var/lib/dpkg/status.d/*
chmod 1777 "$ROOT/tmp"
chown "$NONROOT_UID:$NONROOT_UID" "$ROOT/home/nonroot"
chmod 0700 "$ROOT/home/nonroot"

IMG="$WORK/image"
mkdir -p "$IMG"
# reproducible: sorted, fixed time stamps, numeric owners
tar --create --file="$IMG/layer.tar" --directory="$ROOT" --sort=name --mtime=@1 --numeric-owner --format=gnu .
DIFF_ID="sha256:$(sha256sum "$IMG/layer.tar" | cut -d' ' -f1)"
cat > "$IMG/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:01Z","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},"rootfs":{"type":"layers","diff_ids":["$DIFF_ID"]},"history":[{"created":"1970-01-01T00:00:01Z","created_by":"scripts/image-base.sh: ${PACKAGES[*]%% *}"}]}
EOF
printf '[{"Config":"config.json","RepoTags":["callready/base:%s"],"Layers":["layer.tar"]}]\n' "$KEY" > "$IMG/manifest.json"
tar --create --file="$OUT/base-image.tar.tmp" --directory="$IMG" --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner \
  manifest.json config.json layer.tar
mv "$OUT/base-image.tar.tmp" "$OUT/base-image.tar"
echo "$KEY" > "$OUT/base-image.key"
echo "image-base: $OUT/base-image.tar ($(du -h "$OUT/base-image.tar" | cut -f1), layer $DIFF_ID)"
