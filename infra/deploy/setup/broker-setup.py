#!/usr/bin/env python3
"""Prepares a RabbitMQ broker for the services, through its management API, and can run again at any time.

What infra/bin/services-up does for the local broker, for a broker elsewhere (a container, a cluster): the
virtual host, the five saga.* exchanges of infra/rabbitmq/definitions.json (only setup declares them; the
services check that they exist), and one user per service with the rights of
infra/rabbitmq/service-users.json. Python's standard library only, so it runs in the rabbitmq management
image, which ships python3.

Environment:
  SAGA_MANAGEMENT_URL       the management API (http://127.0.0.1:15672)
  SAGA_MANAGEMENT_USER      an administrator of the broker (guest; guest logs in from loopback only)
  SAGA_MANAGEMENT_PASSWORD  its password (guest)
  SAGA_VHOST                the virtual host the services use (saga)
  SAGA_RABBIT_PASSWORD_<SERVICE>  each service user's password, e.g. SAGA_RABBIT_PASSWORD_ORDER (required)
  SAGA_RABBITMQ_FILES       the folder with definitions.json and service-users.json (infra/rabbitmq)
"""
import base64
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.environ.get("SAGA_RABBITMQ_FILES", os.path.join(HERE, "..", "..", "rabbitmq"))
URL = os.environ.get("SAGA_MANAGEMENT_URL", "http://127.0.0.1:15672").rstrip("/")
USER = os.environ.get("SAGA_MANAGEMENT_USER", "guest")
PASSWORD = os.environ.get("SAGA_MANAGEMENT_PASSWORD", "guest")
VHOST = os.environ.get("SAGA_VHOST", "saga")
WAIT_SECONDS = 120


def call(method, path, body=None):
    request = urllib.request.Request(URL + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    request.add_header("Authorization", "Basic " + token)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def put(path, body, what):
    try:
        call("PUT", path, body)
    except urllib.error.HTTPError as e:
        sys.exit(f"error: could not {what} (HTTP {e.code}: {e.read().decode(errors='replace')})")


def quoted(name):
    return urllib.parse.quote(name, safe="")


def wait_for_api():
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            call("GET", "/api/overview")
            return
        except urllib.error.HTTPError as e:
            if e.code == 401:
                sys.exit(f"error: the management API at {URL} rejects {USER}")
            error = e
        except OSError as e:
            error = e
        if time.monotonic() > deadline:
            sys.exit(f"error: the management API at {URL} did not answer within {WAIT_SECONDS}s ({error})")
        time.sleep(2)


def main():
    with open(os.path.join(FILES, "definitions.json")) as f:
        exchanges = [e for e in json.load(f)["exchanges"] if e["name"].startswith("saga.")]
    with open(os.path.join(FILES, "service-users.json")) as f:
        users = json.load(f)["users"]
    passwords = {}
    for user in users:
        variable = "SAGA_RABBIT_PASSWORD_" + user["name"].upper()
        if not os.environ.get(variable):
            sys.exit(f"error: {variable} is not set: the password of broker user {user['name']}")
        passwords[user["name"]] = os.environ[variable]

    wait_for_api()
    vhost = quoted(VHOST)
    put(f"/api/vhosts/{vhost}", {}, f"create vhost {VHOST}")
    put(f"/api/permissions/{vhost}/{quoted(USER)}", {"configure": ".*", "write": ".*", "read": ".*"},
        f"grant {USER} rights on vhost {VHOST}")
    for exchange in exchanges:
        put(f"/api/exchanges/{vhost}/{quoted(exchange['name'])}",
            {key: exchange[key] for key in ("type", "durable", "auto_delete", "internal", "arguments")},
            f"declare exchange {exchange['name']}")
    print(f"broker: vhost {VHOST} with exchanges {', '.join(e['name'] for e in exchanges)}")
    for user in users:
        name = user["name"]
        put(f"/api/users/{quoted(name)}", {"password": passwords[name], "tags": user["tags"]},
            f"create user {name}")
        put(f"/api/permissions/{vhost}/{quoted(name)}",
            {key: user[key] for key in ("configure", "write", "read")}, f"set the rights of {name}")
        for topic in user["topic"]:
            put(f"/api/topic-permissions/{vhost}/{quoted(name)}", topic,
                f"set the topic rights of {name} on {topic['exchange']}")
    print(f"broker: users {', '.join(u['name'] for u in users)} with their rights on vhost {VHOST}")


if __name__ == "__main__":
    main()
