"""gunicorn settings for every deployment (compose, the Dockerfile, benchmarks and the stack test).

Threaded workers, and many threads: a slow or half-open client ties up one thread, not a whole worker, and
there are enough threads left for /healthz (which the compose health check asks gunicorn directly, not through
nginx) and for everyone else. A thread that only waits costs little; the database connections are opened by
threads that serve requests, so they follow the traffic, not the thread count. Behind the compose file's nginx,
requests arrive whole anyway.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# gunicorn's gthread worker, plus a deadline for a request's head (itineraries/http/slow_clients.py).
worker_class = "itineraries.http.slow_clients.HeadDeadlineWorker"
threads = int(os.environ.get("GUNICORN_THREADS", "32"))
timeout = 60
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# Share and invite tokens and password-reset keys travel in URLs: the access log shows them redacted.
logger_class = "itineraries.http.redaction.RedactingLogger"
