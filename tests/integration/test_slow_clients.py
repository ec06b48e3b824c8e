"""Issue 41, item 6: slow clients must not starve gunicorn. The compose health check asks gunicorn itself
(127.0.0.1:8000/healthz, no nginx in between), so it has to be answered while slow clients hold connections.

gunicorn runs natively with planner/gunicorn.conf.py (its thread count included) on a free port; 20 connections
are held open and /healthz is probed 25 times, one after another, as a health check would; every answer must
come within 1 s. A probe waits up to 10 s so that a late answer is measured rather than cut off."""

from __future__ import annotations

import socket
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest

from itineraries.http.slow_clients import HEAD_SECONDS
from tests.integration import processes
from tests.integration.processes import app_env, free_port, process

HELD = 20
PROBES = 25
WITHIN = 1.0
PATIENCE = 10.0

CONNECT_ONLY = b""
PARTIAL_REQUEST_LINE = b"GET /heal"
PARTIAL_HEADERS = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n"


@pytest.fixture(scope="module")
def port(django_db_setup) -> Iterator[int]:
    """One gunicorn for the module: it only needs the test database to exist (/healthz runs SELECT 1)."""
    with gunicorn() as port:
        yield port


@contextmanager
def gunicorn() -> Iterator[int]:
    port = free_port()
    env = {**app_env("", DATABASE_URL=processes.test_database_url()), "GUNICORN_BIND": f"127.0.0.1:{port}"}
    env.pop("GUNICORN_WORKERS", None)
    cmd = [sys.executable, "-m", "gunicorn", "planner.wsgi:application", "--config", "planner/gunicorn.conf.py"]
    with process(cmd, env, ready="Booting worker", name="gunicorn"):
        wait_until_answering(port)
        yield port


def wait_until_answering(port: int) -> None:
    deadline = time.monotonic() + 60
    while probe(port) is None:
        if time.monotonic() > deadline:
            raise RuntimeError("gunicorn never answered /healthz")


def probe(port: int) -> float | None:
    """Seconds /healthz took to answer 200, or None if it did not within PATIENCE."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=PATIENCE) as answer:
            answer.read()
            ok = answer.status == 200
    except OSError:
        return None
    return time.monotonic() - started if ok else None


@contextmanager
def held_connections(port: int, sent: bytes, count: int = HELD) -> Iterator[list[socket.socket]]:
    """``count`` clients that connect, send ``sent`` (maybe nothing) and then neither finish nor leave."""
    with ExitStack() as stack:
        held = []
        for _ in range(count):
            s = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
            if sent:
                s.sendall(sent)
            held.append(s)
        yield held


def probe_latencies(port: int) -> list[float | None]:
    return [probe(port) for _ in range(PROBES)]


def late(latencies: list[float | None]) -> list[float | None]:
    return [t for t in latencies if t is None or t > WITHIN]


@pytest.mark.parametrize(
    "sent",
    [CONNECT_ONLY, PARTIAL_REQUEST_LINE, PARTIAL_HEADERS],
    ids=["connect-only", "partial-request-line", "partial-headers"],
)
def test_healthz_answers_within_a_second_while_20_slow_clients_hold_connections(port, sent):
    with held_connections(port, sent):
        latencies = probe_latencies(port)
    slowest = max((PATIENCE if t is None else t) for t in latencies)
    print(f"\n{sent!r}: {len(late(latencies))}/{PROBES} probes over {WITHIN} s, slowest {slowest:.2f} s")
    assert not late(latencies), [None if t is None else round(t, 3) for t in latencies]


def test_a_connection_whose_headers_never_end_is_closed_after_the_head_deadline(port):
    """gunicorn alone read a started request head with no timeout: such a client held a thread until it left."""
    with held_connections(port, PARTIAL_HEADERS, count=1) as (client,):
        client.settimeout(HEAD_SECONDS + 5)  # the worker's loop looks about once a second
        started = time.monotonic()
        try:
            closed = client.recv(1024) is not None  # b"" once gunicorn shuts the socket
        except TimeoutError:
            closed = False
    assert closed
    assert time.monotonic() - started < HEAD_SECONDS + 3
