#!/usr/bin/env python3
"""Load the RabbitMQ definitions into a real broker, then (given a built
binary) start `fazhi worker` against them: RabbitMQ itself validates the
file (queue arguments, policies, users, permissions), and the worker's own
declarations must be equivalent to what the file created, under the
permissions the file grants, or it never gets to consume.

Everything happens in a throwaway virtual host with throwaway user names,
removed afterwards, so the broker's other users see nothing.
Usage: check_broker.py DEFINITIONS USERS_JSON [FAZHI_BINARY]
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid


def ctl(*args, check=True):
    return subprocess.run(
        ["rabbitmqctl", "--quiet", *args], capture_output=True, text=True, timeout=60, check=check
    )


def main():
    definitions_path, users_path = sys.argv[1], sys.argv[2]
    binary = sys.argv[3] if len(sys.argv) > 3 else ""
    with open(definitions_path, encoding="utf-8") as f:
        definitions = json.load(f)
    with open(users_path, encoding="utf-8") as f:
        users = json.load(f)
    tag = uuid.uuid4().hex[:8]
    vhost = f"fazhi-check-{tag}"
    rename = {u["name"]: f"fazhi-check-{tag}-{u['name']}" for u in users["users"]}
    password = f"check-{uuid.uuid4().hex}"
    merged = {"vhosts": [{"name": vhost}]}
    for section in ("exchanges", "queues", "bindings", "policies"):
        merged[section] = [dict(item, vhost=vhost) for item in definitions.get(section, [])]
    merged["users"] = [dict(u, name=rename[u["name"]], password=password) for u in users["users"]]
    merged["permissions"] = [
        dict(p, user=rename[p["user"]], vhost=vhost) for p in users.get("permissions", [])
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "definitions.json")
        with open(path, "w", encoding="utf-8") as out:
            json.dump(merged, out)
        os.chmod(tmp, 0o755)  # rabbitmqctl may read it as another user
        try:
            result = ctl("import_definitions", path, check=False)
            if result.returncode != 0:
                print(f"FAIL broker: RabbitMQ refused the definitions: {result.stderr.strip() or result.stdout.strip()}")
                return 1
            queues = wait_for(lambda: listed("list_queues", "-p", vhost, "name", "policy"), len(merged["queues"]))
            names = sorted(line.split("\t")[0] for line in queues)
            if names != sorted(q["name"] for q in merged["queues"]):
                print(f"FAIL broker: after import the vhost holds queues {names}")
                return 1
            with_policy = [line for line in queues if line.split("\t")[1:2] not in ([""], [])]
            if len(with_policy) < len(merged["policies"]):
                print(f"FAIL broker: policies applied to {with_policy}, expected {len(merged['policies'])}")
                return 1
            print(f"ok   broker: RabbitMQ {broker_version()} imported the definitions and users ({', '.join(names)}; policy on {len(with_policy)})")
            if not binary:
                print("skip broker: no built fazhi binary (set FAZHI_BIN or build it): the worker's own declarations were not tried")
                return 0
            return run_worker(binary, tmp, vhost, rename["fazhi"], password, merged)
        finally:
            ctl("delete_vhost", vhost, check=False)
            for name in rename.values():
                ctl("delete_user", name, check=False)


def run_worker(binary, tmp, vhost, user, password, merged):
    main_queue = next(q["name"] for q in merged["queues"] if "x-dead-letter-exchange" in q["arguments"])
    env = dict(
        os.environ,
        FAZHI_DATABASE__URL=f"sqlite://{tmp}/fazhi.db?mode=rwc",
        FAZHI_QUEUE__AMQP_URL=f"amqp://{user}:{password}@127.0.0.1:5672/{vhost}",
        FAZHI_QUEUE__NAME=main_queue,
        FAZHI_LOG__FORMAT="json",
    )
    log = open(os.path.join(tmp, "worker.log"), "w+", encoding="utf-8")
    worker = subprocess.Popen([binary, "worker"], env=env, stdout=log, stderr=log, cwd=tmp)
    try:
        consumers = wait_for(lambda: listed("list_consumers", "-p", vhost, "queue_name"), 1, seconds=30)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
    if main_queue not in [c.strip() for c in consumers]:
        log.seek(0)
        refused = [line for line in log if "PRECONDITION" in line or "ACCESS_REFUSED" in line]
        print(f"FAIL broker: fazhi worker never consumed {main_queue} in the imported vhost")
        for line in refused[:3]:
            print(f"     {line.strip()[:400]}")
        return 1
    print(f"ok   broker: fazhi worker declared the same topology and consumed {main_queue} as the file's user")
    return 0


def listed(*args):
    result = ctl(*args, check=False)
    return [line for line in result.stdout.splitlines() if line and not line.startswith(("name", "queue_name"))]


def wait_for(probe, count, seconds=20):
    deadline = time.monotonic() + seconds
    rows = probe()
    while len(rows) < count and time.monotonic() < deadline:
        time.sleep(0.5)
        rows = probe()
    return rows


def broker_version():
    result = ctl("version", check=False)
    return result.stdout.strip() or "?"


if __name__ == "__main__":
    sys.exit(main())
