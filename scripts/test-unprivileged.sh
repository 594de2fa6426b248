#!/bin/sh
# Runs the sandbox's Vitest suites as an unprivileged user, as people will run the local runtime: no cgroup to
# write, rlimits only, user namespaces as an ordinary user. Started as root, it drops to TEST_UID/TEST_GID (nobody)
# with setpriv; HOME and TMPDIR are fresh folders that user owns, outside /tmp. Arguments pick other test files.
# PATH starts with node_modules/.bin, so the suites run on the Node the IDE runs on, as npm start does.
set -eu
if [ "$(id -u)" != 0 ]; then
  echo "Start this as root: it drops to an unprivileged user itself (setpriv). As an ordinary user, just run npx vitest." >&2
  exit 2
fi
uid=${TEST_UID:-65534}
gid=${TEST_GID:-65534}
root=$(pwd)
base=$(mktemp -d /var/tmp/tabsmith-unprivileged-XXXXXX)
trap 'rm -rf "$base"' EXIT
chmod 755 "$base"
mkdir "$base/home" "$base/tmp"
chown "$uid:$gid" "$base/home" "$base/tmp"
if ! setpriv --reuid="$uid" --regid="$gid" --clear-groups test -r "$root/node_modules/vitest/vitest.mjs"; then
  echo "User $uid cannot read $root: run from a checkout it can read." >&2
  exit 2
fi
[ $# -gt 0 ] || set -- lib/runtime/local
# --configLoader runner: the default loader writes a bundled config into node_modules, which this user cannot write.
setpriv --reuid="$uid" --regid="$gid" --clear-groups \
  env -i PATH="$root/node_modules/.bin:/usr/local/bin:/usr/bin:/bin" HOME="$base/home" TMPDIR="$base/tmp" LANG=C.UTF-8 \
  node "$root/node_modules/vitest/vitest.mjs" run --configLoader runner "$@"
