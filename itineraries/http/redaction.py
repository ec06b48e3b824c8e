"""Secrets that travel in URLs, kept out of access logs: the read-only link's ``share`` token, invite tokens
(``/trips/<id>/join/<token>``), password-reset keys (``/accounts/password/reset/key/<key>/``) and any other
query value named like a token. Used by gunicorn's access log (``planner/gunicorn.conf.py``)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from gunicorn.glogging import Logger

REDACTED = "[redacted]"
SECRET_QUERY = {"share", "token", "key", "invite", "code"}
SECRET_PATHS = [
    re.compile(r"(/trips/[^/?#]+/join/)[^/?#]+"),
    re.compile(r"(/accounts/password/reset/key/)[^/?#]+"),
    re.compile(r"(/accounts/confirm-email/)[^/?#]+"),
]


def redact_query(query: str) -> str:
    if not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, REDACTED if k.lower() in SECRET_QUERY else v) for k, v in pairs], safe="[]")


def redact_path(path: str) -> str:
    for pattern in SECRET_PATHS:
        path = pattern.sub(lambda m: m.group(1) + REDACTED, path)
    return path


def redact_uri(uri: str) -> str:
    """A request URI (path and query, or an absolute URL such as a Referer) without the secrets in it."""
    if not uri or uri == "-":
        return uri
    path, sep, query = uri.partition("?")
    return redact_path(path) + (sep + redact_query(query) if sep else "")


class RedactingLogger(Logger):
    """gunicorn's logger, with the request line, path, query and referer of each access entry redacted."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        method, _, rest = atoms["r"].partition(" ")
        uri, _, protocol = rest.rpartition(" ")
        atoms["r"] = f"{method} {redact_uri(uri)} {protocol}"
        atoms["U"] = redact_path(atoms["U"] or "")
        atoms["q"] = redact_query(atoms["q"] or "")
        atoms["f"] = redact_uri(atoms["f"])
        for name in ("{referer}i", "{Referer}i"):
            if name in atoms:
                atoms[name] = redact_uri(atoms[name])
        return atoms
