#!/usr/bin/env python3
"""Check deploy/rabbitmq/definitions.json against the code that declares the
same topology (crates/fazhi-queue/src/topology.rs and the exchange kind in
the AMQP module), and the queue name the deployment files configure.

The application redeclares every exchange and queue at start; RabbitMQ
refuses a redeclare whose arguments differ (PRECONDITION_FAILED), so a
definitions file that drifts from topology.rs stops every worker. This is
the static half of that check; deploy/check.sh also runs the real worker
against the imported file when a broker and a built binary are at hand.

Usage: check_topology.py REPO_ROOT
"""

import json
import pathlib
import re
import sys

import yaml


def fail(message):
    print(f"FAIL topology: {message}")
    sys.exit(1)


def read(root, relative):
    path = root / relative
    if not path.is_file():
        fail(f"{relative} is missing")
    return path.read_text(encoding="utf-8")


def constants(source):
    """`pub const NAME: type = value;` for string and integer constants."""
    found = {}
    for name, value in re.findall(r"pub const (\w+):[^=]+=\s*([^;]+);", source):
        value = value.strip()
        if value.startswith('"'):
            found[name] = json.loads(value)
        elif re.fullmatch(r"-?\d+", value):
            found[name] = int(value)
    return found


def function_body(source, name):
    start = source.find(f"fn {name}(")
    if start < 0:
        fail(f"topology.rs has no fn {name}: update deploy/check_topology.py")
    brace = source.index("{", start)
    depth = 0
    for i in range(brace, len(source)):
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        if depth == 0:
            return source[brace:i]
    fail(f"fn {name} is not closed")


def arguments(body, consts, names):
    """The (key, value) pairs a `queue_arguments`-style function inserts."""
    pattern = re.compile(
        r'ShortString::from\("([^"]+)"\),\s*AMQPValue::(\w+)\((.+?)\),\s*\);', re.S
    )
    args = {}
    for key, kind, expr in pattern.findall(body):
        expr = re.sub(r"^LongString::from\((.*)\)$", r"\1", expr.strip(), flags=re.S)
        expr = expr.strip()
        if expr.startswith('"'):
            value = json.loads(expr)
        elif expr in consts:
            value = consts[expr]
        elif m := re.fullmatch(r"self\.(\w+)\.as_str\(\)", expr):
            value = names[m.group(1)]
        else:
            fail(f"cannot read the value of {key} ({expr}): update deploy/check_topology.py")
        if kind == "LongString" and not isinstance(value, str):
            fail(f"{key} is a string in the code but {value!r} here")
        args[key] = value
    if not args:
        fail("found no queue arguments in topology.rs: update deploy/check_topology.py")
    return args


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    topology = read(root, "crates/fazhi-queue/src/topology.rs")
    # The settings are one file per section: read them all.
    config = "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted((root / "crates/fazhi-config/src").rglob("*.rs"))
    )
    consts = constants(topology)
    for needed in ("ROUTING_KEY", "QUEUE_TYPE", "BROKER_DELIVERY_LIMIT"):
        if needed not in consts:
            fail(f"topology.rs has no constant {needed}")

    m = re.search(r'QueueSettings \{\s*amqp_url: None,\s*name: "([^"]+)"', config)
    if not m:
        fail("cannot find the default queue.name in fazhi-config")
    base = m.group(1)
    suffix = {
        field: re.search(rf'{field}: format!\("\{{base\}}([^"]*)"\)', topology)
        for field in ("dead_letter_exchange", "dead_letter_queue")
    }
    if not all(suffix.values()):
        fail("cannot read the dead-letter names in Topology::new")
    names = {
        "exchange": base,
        "queue": base,
        "dead_letter_exchange": base + suffix["dead_letter_exchange"].group(1),
        "dead_letter_queue": base + suffix["dead_letter_queue"].group(1),
    }
    kinds = set()
    for source in (root / "crates/fazhi-queue/src").rglob("*.rs"):
        kinds |= set(re.findall(r"ExchangeKind::(\w+)", source.read_text(encoding="utf-8")))
    if len(kinds) != 1:
        fail(f"expected one exchange kind in the AMQP code, found {sorted(kinds)}")
    kind = kinds.pop().lower()

    expected_queues = {
        names["queue"]: arguments(function_body(topology, "queue_arguments"), consts, names),
        names["dead_letter_queue"]: arguments(
            function_body(topology, "dead_letter_queue_arguments"), consts, names
        ),
    }
    expected_bindings = {
        (names["exchange"], names["queue"], consts["ROUTING_KEY"]),
        (names["dead_letter_exchange"], names["dead_letter_queue"], consts["ROUTING_KEY"]),
    }

    definitions = json.loads(read(root, "deploy/rabbitmq/definitions.json"))
    problems = []
    queues = {q["name"]: q for q in definitions.get("queues", [])}
    if set(queues) != set(expected_queues):
        problems.append(f"queues {sorted(queues)} != {sorted(expected_queues)}")
    for name, args in expected_queues.items():
        q = queues.get(name)
        if q is None:
            continue
        if q.get("arguments") != args:
            problems.append(f"queue {name}: arguments {q.get('arguments')} != code {args}")
        if q.get("durable") is not True or q.get("auto_delete") is not False:
            problems.append(f"queue {name}: must be durable and not auto-delete (the code declares it so)")
    exchanges = {e["name"]: e for e in definitions.get("exchanges", [])}
    wanted_exchanges = {names["exchange"], names["dead_letter_exchange"]}
    if set(exchanges) != wanted_exchanges:
        problems.append(f"exchanges {sorted(exchanges)} != {sorted(wanted_exchanges)}")
    for name, e in exchanges.items():
        if e.get("type") != kind or e.get("durable") is not True or e.get("arguments"):
            problems.append(f"exchange {name}: must be a durable {kind} exchange without arguments")
    bindings = {
        (b["source"], b["destination"], b["routing_key"])
        for b in definitions.get("bindings", [])
        if b.get("destination_type") == "queue"
    }
    if bindings != expected_bindings:
        problems.append(f"bindings {sorted(bindings)} != {sorted(expected_bindings)}")
    vhosts = {v["name"] for v in definitions.get("vhosts", [])}
    for section in ("exchanges", "queues", "bindings", "policies"):
        for item in definitions.get(section, []):
            if item.get("vhost") not in vhosts:
                problems.append(f"{section}: {item.get('name', item.get('source'))} in undeclared vhost {item.get('vhost')}")
    for policy in definitions.get("policies", []):
        pattern = re.compile(policy["pattern"])
        if not any(pattern.search(q) for q in queues):
            problems.append(f"policy {policy['name']} matches no fazhi queue")
        clash = set(policy["definition"]) & {
            k.removeprefix("x-") for args in expected_queues.values() for k in args
        }
        if clash:
            problems.append(f"policy {policy['name']} sets {sorted(clash)}, already queue arguments (which win)")

    # The deployments must point the processes at the same vhost and name.
    configured = {}
    for relative in ("deploy/k8s/configmap.yaml", "deploy/compose.yaml"):
        text = read(root, relative)
        for doc in yaml.safe_load_all(text):
            for value in walk(doc):
                if isinstance(value, dict) and "FAZHI_QUEUE__NAME" in value:
                    configured[relative] = value["FAZHI_QUEUE__NAME"]
    for relative, value in configured.items():
        if value != base:
            problems.append(f"{relative}: FAZHI_QUEUE__NAME {value} but the definitions use {base}")
    if problems:
        for p in problems:
            print(f"FAIL topology: {p}")
        sys.exit(1)
    print(
        f"ok   topology: definitions.json declares {len(queues)} queues, {len(exchanges)} "
        f"{kind} exchanges, {len(bindings)} bindings exactly as topology.rs "
        f"(base {base}, delivery limit {consts['BROKER_DELIVERY_LIMIT']}); "
        f"{len(definitions.get('policies', []))} policy; queue name in {', '.join(sorted(configured))}"
    )


def walk(node):
    yield node
    if isinstance(node, dict):
        for v in node.values():
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)


if __name__ == "__main__":
    main()
