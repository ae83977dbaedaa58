#!/usr/bin/env bash
# The wheel as a user gets it: built from a clean copy of the tree, installed into a fresh
# virtual environment outside the repository, then used from a folder that is not the
# repository: `detente demo` on the bundled sample corpus and the docs' first Python example.
#
#   scripts/check_wheel.sh [PYTHON] [--tests]
#
# PYTHON (default python3.11: a command, a path or a bare version such as 3.13) makes the fresh
# environment, so the same check runs on another Python version; --tests then also runs the
# test suite there, against the installed wheel. Exit status 3: no such Python here.
# The dependencies come from requirements.lock (the package registry); the wheel itself is
# installed with --no-index, so pip must find every dependency it declares already there.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${1:-python3.11}"
RUN_TESTS="${2:-}"
# A bare version ("3.13") is looked up on the PATH, then among pyenv's builds, which is where
# this project's machines have Python 3.12 and 3.13 (Debian 12 packages 3.11 only).
if [[ "$PYTHON" =~ ^3\.[0-9]+$ ]]; then
    found="$(command -v "python$PYTHON" || true)"
    # pyenv's shims are on the PATH for every version it has, but run only the selected one.
    if [ -n "$found" ] && ! "$found" -V >/dev/null 2>&1; then found=""; fi
    if [ -z "$found" ]; then
        pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
        found="$(ls -d "$pyenv_root"/versions/"$PYTHON".*/bin/python"$PYTHON" 2>/dev/null | sort -V | tail -n 1 || true)"
    fi
    if [ -z "$found" ]; then
        echo "check_wheel: no Python $PYTHON on this machine (not on the PATH, not among pyenv's builds)" >&2
        exit 3
    fi
    PYTHON="$found"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/detente-wheel.XXXXXX")"
[ -n "${KEEP_WHEEL_CHECK:-}" ] || trap 'rm -rf "$WORK"' EXIT
say() { printf 'check_wheel: %s\n' "$*"; }
# pip, without the machine's notes about index folders it does not have.
pip_in() { "$VPY" -m pip "$@" --quiet --disable-pip-version-check 2> >(grep -v "^WARNING: Location" >&2); }

say "python: $("$PYTHON" -V 2>&1) ($(command -v "$PYTHON" || echo "$PYTHON")); work folder $WORK"

# A clean copy: only what git tracks or would track, so no stale build/ or .venv files can
# slip into the wheel.
mkdir -p "$WORK/tree" "$WORK/dist" "$WORK/run"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
    | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$WORK/tree"

"$PYTHON" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
pip_in install -r "$ROOT/requirements.lock"

# The build backend (setuptools) is pinned in the lock; no build isolation, so nothing is
# fetched for the build.
pip_in wheel --no-deps --no-build-isolation -w "$WORK/dist" "$WORK/tree"
WHEEL="$(ls "$WORK"/dist/detente-*.whl)"
say "built $(basename "$WHEEL"), $(( $(stat -c %s "$WHEEL") / 1024 )) KiB"
pip_in install --no-index "$WHEEL"
"$VPY" -m pip check

cd "$WORK/run"
"$VPY" - <<'EOF'
import importlib.resources as r
import detente
assert "site-packages" in detente.__file__, detente.__file__
root = r.files("detente") / "resources"
for part in ("kb/sectors.yaml", "events/codes.yaml", "sample/text", "sample/html", "sample/warc"):
    assert (root / part).is_file() or (root / part).is_dir(), f"the wheel lacks resources/{part}"
print("check_wheel: detente", detente.__version__, "from", detente.__file__)
EOF

"$WORK/venv/bin/detente" demo --no-progress --db "$WORK/run/demo.duckdb" > "$WORK/run/demo.out"
tail -n 4 "$WORK/run/demo.out"
test -s "$WORK/run/demo-usa-rus.png" || { say "detente demo drew no chart"; exit 1; }

# The first Python example of the docs' home page, as a reader would paste it.
"$VPY" - "$ROOT/docs/index.md" > "$WORK/run/snippet.py" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
print(re.search(r"```python\n(.*?)```", text, re.S).group(1))
EOF
"$VPY" "$WORK/run/snippet.py"
say "the wheel installs and runs outside the repository"

if [ "$RUN_TESTS" = "--tests" ]; then
    # The suite against the installed wheel: tests/ is on the path, src/ is not.
    cd "$ROOT"
    "$VPY" -m pytest -q -p no:cacheprovider ${WHEEL_TEST_ARGS:-}
fi
