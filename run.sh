#!/usr/bin/env bash
# The two commands of the README, and the benchmarks:
#   bash run.sh demo   set up .venv, serve the demo mirror, crawl it, build data/ess2024.db, serve it
#   bash run.sh test   set up .venv and run the whole test suite
#   bash run.sh bench  set up .venv and run every benchmark in bench/
# Extra arguments go to the command (e.g. `bash run.sh demo --port 8002`, `bash run.sh test -k parser`).
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3.11}
VENV=.venv

setup() {
  if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "run.sh: $PYTHON not found: install Python 3.11 (Debian: apt-get install python3.11 python3.11-venv) or set PYTHON=..." >&2
    exit 2
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" || {
      echo "run.sh: could not create $VENV: on Debian, apt-get install python3.11-venv" >&2
      exit 2
    }
  fi
  # Reinstall only when the project's dependency list changed since the last install.
  stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    echo "run.sh: installing the project and its dependencies into $VENV (log: $VENV/pip.log)" >&2
    if ! { "$VENV/bin/python" -m pip install --upgrade pip && "$VENV/bin/python" -m pip install -e ".[test]"; } \
        > "$VENV/pip.log" 2>&1; then
      tail -n 30 "$VENV/pip.log" >&2
      echo "run.sh: the installation failed (full log: $VENV/pip.log)" >&2
      exit 2
    fi
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
}

ensure_browser() {
  # The browser tests drive Debian's headless Chromium (not a browser a tool downloads).
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && return 0
  local as_root=""
  [ "$(id -u)" = 0 ] || as_root="sudo"
  if command -v apt-get >/dev/null 2>&1 && { [ -z "$as_root" ] || command -v sudo >/dev/null 2>&1; }; then
    echo "run.sh: installing chromium and chromium-driver for the browser tests" >&2
    $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  [ -x /usr/bin/chromium ] || echo "run.sh: the browser tests need chromium and chromium-driver: apt-get install chromium chromium-driver" >&2
}

ensure_sqlite_shell() {
  # The export benchmark compares the SQL dump with the sqlite3 shell's .dump.
  command -v sqlite3 >/dev/null 2>&1 && return 0
  local as_root=""
  [ "$(id -u)" = 0 ] || as_root="sudo"
  if command -v apt-get >/dev/null 2>&1 && { [ -z "$as_root" ] || command -v sudo >/dev/null 2>&1; }; then
    echo "run.sh: installing the sqlite3 shell for the export benchmark" >&2
    $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq sqlite3 >/dev/null
  fi
  command -v sqlite3 >/dev/null 2>&1 || echo "run.sh: the export benchmark needs the sqlite3 shell: apt-get install sqlite3" >&2
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  demo)  setup; exec "$VENV/bin/ess-archive" demo "$@" ;;
  test)  setup; ensure_browser; ESS_ARCHIVE_LOOPBACK_ONLY=1 exec "$VENV/bin/python" -m pytest -n auto "$@" ;;
  bench) setup; ensure_sqlite_shell; exec "$VENV/bin/python" -m bench "$@" ;;
  *) echo "usage: bash run.sh demo|test|bench [ARGS...]" >&2; exit 2 ;;
esac
