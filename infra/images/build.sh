#!/usr/bin/env bash
# Builds RGrid's runtime images from Debian's packages (debootstrap + docker import), for machines
# that reach no container registry. Each rootfs tarball is cached by the content of its recipe under
# $RGRID_CACHE_DIR (default ~/.cache/rgrid), so a rerun with an unchanged recipe costs one `docker import`
# at most, and nothing when the image is already present with the same recipe hash.
#
#   infra/images/build.sh               # every runtime this machine can build
#   infra/images/build.sh python3.11    # just one
set -euo pipefail

cache="${RGRID_CACHE_DIR:-$HOME/.cache/rgrid}/images"
mirror="${RGRID_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mkdir -p "$cache"
# Bump when the way images are made changes (not the recipes: each image is keyed on its own line).
RECIPE_FORMAT=2

# name | suite | packages debootstrap includes | packages apt adds inside the root afterwards | command
# (debootstrap's own resolver cannot place npm's web of node-* packages; apt inside the chroot can)
recipes() {
  cat <<'R'
python3.11|bookworm|python3,python3-pip,python3-venv,ca-certificates||python3
python3.13|trixie|python3,python3-pip,python3-venv,ca-certificates||python3
node20|trixie|nodejs,ca-certificates|npm|node
R
}

build_one() {
  local name=$1 suite=$2 packages=$3 extra=$4 cmd=$5
  local tag="rgrid/${name}:latest"
  local hash
  hash=$(printf '%s|%s|%s|%s|%s|%s' "$name" "$suite" "$packages" "$extra" "$cmd" "$RECIPE_FORMAT" | sha256sum | cut -c1-16)
  local have
  have=$(docker image inspect --format '{{ index .Config.Labels "rgrid.recipe" }}' "$tag" 2>/dev/null || true)
  if [ "$have" = "$hash" ]; then
    echo "[images] $tag is up to date (recipe $hash)"
    return 0
  fi
  local tarball="$cache/${name}-${hash}.tar"
  if [ ! -s "$tarball" ]; then
    echo "[images] building $name from Debian $suite (debootstrap; about a minute)"
    local root
    root=$(mktemp -d "${TMPDIR:-/tmp}/rgrid-rootfs-${name}.XXXXXX")
    debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >"$cache/${name}-debootstrap.log" 2>&1 \
      || { echo "[images] debootstrap of $name failed; see $cache/${name}-debootstrap.log" >&2; rm -rf "$root"; return 1; }
    if [ -n "$extra" ]; then
      mount -t proc proc "$root/proc"
      if ! chroot "$root" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${extra//,/ }" \
          >>"$cache/${name}-debootstrap.log" 2>&1; then
        umount "$root/proc"; rm -rf "$root"
        echo "[images] installing $extra into $name failed; see $cache/${name}-debootstrap.log" >&2
        return 1
      fi
      umount "$root/proc"
    fi
    # Slim the image: package caches and docs are never needed at run time.
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/*
    mkdir -p "$root/work" && chmod 1777 "$root/work"
    tar -C "$root" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$root"
  else
    echo "[images] reusing cached rootfs $tarball"
  fi
  docker import \
    --change "LABEL rgrid.recipe=$hash rgrid.runtime=$name" \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8" \
    --change "WORKDIR /work" \
    --change "CMD [\"$cmd\"]" \
    "$tarball" "$tag" >/dev/null
  echo "[images] imported $tag (recipe $hash)"
  # Drop tarballs of older recipes for this runtime.
  find "$cache" -maxdepth 1 -name "${name}-*.tar" ! -name "${name}-${hash}.tar" -delete
}

wanted=("$@")
status=0
while IFS='|' read -r name suite packages extra cmd; do
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " =~ " ${name} " ]]; then continue; fi
  build_one "$name" "$suite" "$packages" "$extra" "$cmd" || status=1
done < <(recipes)
exit $status
