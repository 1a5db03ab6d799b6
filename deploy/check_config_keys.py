#!/usr/bin/env python3
"""Every configuration key the deployment files set must exist in
fazhi-config: the loader ignores unknown keys, so a misspelt
FAZHI_QUEUE__PREFETCH or a key removed from the code would be dropped
without a word and the default used instead.

Reads the `Settings` structs from crates/fazhi-config/src/ and checks
the TOML example, the compose file and the Kubernetes manifests.
Usage: check_config_keys.py REPO_ROOT
"""

import pathlib
import re
import sys
import tomllib

import yaml


def struct_fields(source):
    """{struct name: {field: type}} for every `pub struct X { pub f: T, ... }`."""
    structs = {}
    for name, body in re.findall(r"pub struct (\w+) \{(.*?)\n\}", source, re.S):
        structs[name] = dict(re.findall(r"pub (\w+): ([\w:<>]+)", body))
    return structs


def known_keys(structs):
    """Dotted keys (`queue.prefetch`, `grpc.tls.cert_path`) of Settings."""
    keys = set()

    def visit(struct, prefix):
        for field, ty in structs.get(struct, {}).items():
            inner = re.sub(r"^Option<(.*)>$", r"\1", ty)
            if inner in structs:
                visit(inner, f"{prefix}{field}.")
            else:
                keys.add(f"{prefix}{field}")

    visit("Settings", "")
    return keys


def env_keys(node):
    """FAZHI_* names set anywhere in a YAML document (env lists and maps)."""
    if isinstance(node, dict):
        if isinstance(node.get("name"), str) and node["name"].startswith("FAZHI_"):
            yield node["name"]
        for key, value in node.items():
            if isinstance(key, str) and key.startswith("FAZHI_"):
                yield key
            yield from env_keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from env_keys(value)


def toml_keys(table, prefix=""):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from toml_keys(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    # The settings are one file per section: read them all.
    source = "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted((root / "crates/fazhi-config/src").rglob("*.rs"))
    )
    keys = known_keys(struct_fields(source))
    if "database.url" not in keys or "queue.amqp_url" not in keys:
        print("FAIL config keys: cannot read Settings from fazhi-config: update deploy/check_config_keys.py")
        sys.exit(1)
    # Set by the image or read by the CLI itself rather than by Settings.
    outside_settings = {"FAZHI_CONFIG", "FAZHI_IMAGE"}
    problems, checked = [], 0
    example = root / "deploy/fazhi.example.toml"
    for key in toml_keys(tomllib.loads(example.read_text(encoding="utf-8"))):
        checked += 1
        if key not in keys:
            problems.append(f"{example.relative_to(root)}: unknown key {key}")
    files = [root / "deploy/compose.yaml", *sorted((root / "deploy/k8s").glob("*.yaml"))]
    for path in files:
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            for name in env_keys(doc):
                if name in outside_settings:
                    continue
                checked += 1
                key = name.removeprefix("FAZHI_").lower().replace("__", ".")
                if key not in keys:
                    problems.append(f"{path.relative_to(root)}: {name} is no setting ({key})")
    dockerfile = (root / "Dockerfile").read_text(encoding="utf-8")
    for name in re.findall(r"\b(FAZHI_\w+)=", dockerfile):
        checked += 1
        if name.removeprefix("FAZHI_").lower().replace("__", ".") not in keys:
            problems.append(f"Dockerfile: {name} is no setting")
    for p in problems:
        print(f"FAIL config keys: {p}")
    if problems:
        sys.exit(1)
    print(f"ok   config keys: {checked} keys set in deploy/ and the Dockerfile all exist in fazhi-config ({len(keys)} known)")


if __name__ == "__main__":
    main()
