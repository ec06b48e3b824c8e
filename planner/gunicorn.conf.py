"""gunicorn settings for every deployment (compose, the Dockerfile, benchmarks and the stack test).

Threaded workers: a slow or half-open client ties up one thread, not a whole worker, so /healthz and the
other clients are still served. Behind the compose file's nginx, requests arrive whole anyway.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 60
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# Share and invite tokens and password-reset keys travel in URLs: the access log shows them redacted.
logger_class = "itineraries.http.redaction.RedactingLogger"
