"""gunicorn's threaded worker with a deadline for a request's head.

gunicorn (27, gthread) waits 5 s for a new connection's first byte and then parks it on its poller, but once a
client has sent part of a request line or its headers, a worker thread reads the rest with no timeout at all:
a client that never finishes holds that thread until it leaves. This worker gives every request head
HEAD_SECONDS to arrive; past that the worker's own loop (which already expires idle connections about once a
second) shuts the connection's socket, the blocked read returns and the thread is free again. The body is not
covered: nginx faces the public and passes only whole requests (deploy/nginx.conf).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

HEAD_SECONDS = 10.0


class HeadDeadlineWorker(ThreadWorker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._heads_due: dict[Any, float] = {}  # connection -> when its head must have arrived
        self._heads_lock = threading.Lock()

    def handle(self, conn: Any) -> Any:
        with self._heads_lock:
            self._heads_due[conn] = time.monotonic() + HEAD_SECONDS
        try:
            return super().handle(conn)
        finally:
            self._head_done(conn)

    def handle_request(self, req: Any, conn: Any) -> Any:
        self._head_done(conn)  # the head is in: from here on the request is the application's
        return super().handle_request(req, conn)

    def murder_pending(self) -> None:
        super().murder_pending()
        now = time.monotonic()
        with self._heads_lock:
            late = [conn for conn, due in self._heads_due.items() if due <= now]
            for conn in late:
                del self._heads_due[conn]
                with contextlib.suppress(OSError):  # already gone
                    conn.sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked reading it

    def _head_done(self, conn: Any) -> None:
        with self._heads_lock:
            self._heads_due.pop(conn, None)
