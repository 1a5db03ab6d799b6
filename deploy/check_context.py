#!/usr/bin/env python3
"""Copy the files `docker build .` would send (git's tracked files minus the
patterns of .dockerignore) into DEST, so that deploy/check.sh can ask cargo
whether the workspace is complete without what the build never sees.

Patterns follow .dockerignore: paths from the context root, `*` within one
path element, `**` across any number, `!` to take a path back.
Usage: check_context.py REPO_ROOT DEST
"""

import pathlib
import re
import shutil
import subprocess
import sys


def pattern_regex(pattern):
    pattern = pattern.strip("/")
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            if pattern.startswith("/", i):
                i += 1
                out.append("/?")
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    # A pattern naming a folder excludes everything under it.
    return re.compile("^" + "".join(out) + "(/.*)?$")


def main():
    root, dest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    rules = []
    for line in (root / ".dockerignore").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        rules.append((negate, pattern_regex(line.lstrip("!"))))
    files = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True, check=True,
    ).stdout.decode().split("\0")
    sent = 0
    for name in filter(None, files):
        excluded = False
        for negate, regex in rules:  # the last matching rule decides
            if regex.match(name):
                excluded = not negate
        if excluded or not (root / name).is_file():
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
        sent += 1
    print(sent)


if __name__ == "__main__":
    main()
