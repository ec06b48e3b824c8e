"""Settings come from the environment only (see README, "Configuration")."""

import importlib.util
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# PRODUCTION=1 behind a TLS-terminating proxy: secure cookies, HSTS, hashed static files from collectstatic.
PRODUCTION = env_bool("PRODUCTION", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "itineraries",  # first: its admin/base_site.html (brand, language switch) replaces Django's
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "allauth",
    "allauth.account",
]

# Sessions, the signed-in user and messages serve browsers: API reads by token or share link without a session
# cookie skip them (http/api_reads.py).
MIDDLEWARE = [
    "itineraries.http.request_id.RequestIdMiddleware",
    "itineraries.http.middleware.RequestGuardMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "itineraries.http.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "itineraries.http.api_reads.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "itineraries.http.api_reads.AuthenticationMiddleware",
    "itineraries.http.api_reads.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "itineraries.web.errors.FriendlyErrorsMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # locks out repeated failed logins (the admin's included)
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",  # tourists sign in with their email
]

# Tourist accounts (django-allauth): email and password; no social login. Mail goes to the console unless
# EMAIL_HOST names an SMTP server (in production, without one, it is not sent).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/trips/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
# Sign-up never tells whether an address is registered (ACCOUNT_PREVENT_ENUMERATION, allauth's default): both
# answers are "we sent you a message", and the owner of a registered address is mailed that someone tried. allauth
# can hide it only when verification is mandatory, so it is wherever mail reaches people (EMAIL_HOST). Without a
# mail server (the console on 127.0.0.1, or mail dropped) a new tourist goes straight in, and a sign-up with a
# registered address is told so.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION") or ("mandatory" if EMAIL_HOST else "optional")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # the link opened in the browser that signed up lets the tourist in
# Without EMAIL_HOST mail goes to the console, except in production, where that would print live password-reset
# links into the logs: there it is dropped with a warning (http/mail.py).
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "itineraries.http.mail.UnsentMailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Shanxi trip planner <noreply@localhost>")
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_COOLOFF_HOURS", "0.25"))
# The lockout keys on the client's address, the same one the plan throttle counts (http/client.py), so behind
# a proxy one client's wrong passwords lock only that client. Not on the account as well: that would let anyone
# lock a tourist out; allauth's login_failed limit (5 per 5 minutes per account) slows guessing one account.
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "itineraries.http.client.client_address"
AXES_USERNAME_CALLABLE = "itineraries.http.client.login_username"
ACCOUNT_ADAPTER = "itineraries.http.accounts.AccountAdapter"
# How many proxies in front may append to X-Forwarded-For; 0 trusts none (each client is REMOTE_ADDR).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
AXES_ENABLE_ADMIN = False

ROOT_URLCONF = "planner.urls"
WSGI_APPLICATION = "planner.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several processes (web + in-process tasks) share one file: wait instead of failing on a lock.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not memory, so that worker threads and processes started by tests see the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}
    (BASE_DIR / "var").mkdir(exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "itineraries" / "locale"]
FORMAT_MODULE_PATH = ["planner.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Leaflet's files come from the django-leaflet package (its Django app needs GDAL, so only its static
# folder is used).
STATICFILES_DIRS = [Path(importlib.util.find_spec("leaflet").submodule_search_locations[0]) / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", PRODUCTION)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", not PRODUCTION)
# Editors' photos. whitenoise serves only files present at start-up, so the app serves these itself
# (web/media.py), under DEBUG and behind gunicorn alike; docker-compose keeps them on a volume.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")

# Redis: broker for Celery and the matrix cache. Unset means tasks run in-process.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()

if REDIS_URL:
    # Forgiving: while Redis is down the cache reads as empty and drops writes, so sign-in, sign-up and password
    # reset (allauth's rate limits use the cache) keep working; short timeouts so a hung Redis costs little.
    CACHES = {
        "default": {
            "BACKEND": "itineraries.http.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery (the reliability contract: docs/design.md)
PLAN_SOFT_TIME_LIMIT = int(os.environ.get("PLAN_SOFT_TIME_LIMIT", "60"))
PLAN_HARD_TIME_LIMIT = int(os.environ.get("PLAN_HARD_TIME_LIMIT", "90"))
BROKER_VISIBILITY_TIMEOUT = int(os.environ.get("BROKER_VISIBILITY_TIMEOUT", "300"))
# The sweeper (every PLAN_SWEEP_SECONDS) hands a row to a worker again when it was untouched this long while
# running (progress reports are its heartbeat) or while queued (it may just wait behind other plans). A
# worker takes over a running row by the same limit: one heartbeat limit for both.
PLAN_STALE_SECONDS = int(os.environ.get("PLAN_STALE_SECONDS", "15"))
PLAN_QUEUED_STALE_SECONDS = int(os.environ.get("PLAN_QUEUED_STALE_SECONDS", "60"))
PLAN_SWEEP_SECONDS = float(os.environ.get("PLAN_SWEEP_SECONDS", "5"))
PLAN_SOLVER_SECONDS = float(os.environ.get("PLAN_SOLVER_SECONDS", "2.0"))
# Without Redis, plans are computed in this process: "thread" (a small pool, the default) or "inline"
# (synchronously when the transaction commits; used by tests that are not about concurrency).
PLAN_EXECUTOR = os.environ.get("PLAN_EXECUTOR", "thread")
SOLVER_WARM_UP = os.environ.get("SOLVER_WARM_UP", "1") == "1"  # runserver compiles the optimiser in the background

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = PLAN_SOFT_TIME_LIMIT
CELERY_TASK_TIME_LIMIT = PLAN_HARD_TIME_LIMIT
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": BROKER_VISIBILITY_TIMEOUT}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2  # a submission during a broker outage answers quickly; the sweeper resends
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULE = {
    "itinerary-sweep": {"task": "itineraries.itinerary_sweep", "schedule": PLAN_SWEEP_SECONDS},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The token first: its 401 (with WWW-Authenticate) answers a request without credentials.
        "itineraries.api.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "itineraries.api.pagination.LinkedPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "itineraries.api.errors.api_exception_handler",
    "DEFAULT_PARSER_CLASSES": ["itineraries.api.parsers.SafeJSONParser"],
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "plan_submit": os.environ.get("PLAN_THROTTLE_RATE", "60/min"),
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# Every request body, file uploads included (an editor's CSV import is far smaller).
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", str(2 * 1024 * 1024)))
# The admin's pages take an editor's photo (at most 10 MB, catalogue/images.py): a larger body cap there, so
# a photo just over the limit reaches the form and is refused by name there.
MAX_ADMIN_REQUEST_BYTES = int(os.environ.get("MAX_ADMIN_REQUEST_BYTES", str(16 * 1024 * 1024)))

# CORS (django-cors-headers), for browser apps on other origins that call the API with a token: off unless
# API_CORS_ORIGINS lists origins ("https://app.example.com,https://other.example"). Only /api/v1/ answers
# cross-origin, never with cookies (a session would carry CSRF duties the other origin cannot meet).
CORS_ALLOWED_ORIGINS = [o.strip() for o in os.environ.get("API_CORS_ORIGINS", "").split(",") if o.strip()]
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = ["authorization", "content-type", "idempotency-key", "if-match", "if-none-match", "x-request-id"]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Link",
    "Location",
    "Retry-After",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-Request-ID",
    "Idempotent-Replayed",
]
CORS_PREFLIGHT_MAX_AGE = 3600

SPECTACULAR_SETTINGS = {
    "TITLE": "Shanxi itinerary planner API",
    "DESCRIPTION": "Destinations, tourist highways and multi-day itineraries in Shanxi.",
    "VERSION": "1.8.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the drf-spectacular-sidecar package, served by the app: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Operation ids and tags from the path after the version: "itineraries_create", tag "itineraries".
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "itineraries.api.schema_hooks.finish_schema",
    ],
    "ENUM_NAME_OVERRIDES": {
        "InterestEnum": "itineraries.catalogue.choices.INTERESTS",
        "FeatureTypeEnum": ["Feature"],
        "FeatureCollectionTypeEnum": ["FeatureCollection"],
        "LineStringTypeEnum": ["LineString"],
        "PointTypeEnum": ["Point"],
    },
}

# Map tiles: any XYZ URL; empty draws routes on a plain background. A Chinese provider (Amap, Tencent)
# expects GCJ-02, so set MAP_TILE_DATUM=gcj02 and points are shifted for display only.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
MAP_TILE_DATUM = os.environ.get("MAP_TILE_DATUM", "wgs84")


# Content Security Policy (django-csp): scripts only from the app itself or with the page's nonce; map tiles
# from the configured tile server.
def _tile_origin(url: str) -> str | None:
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],  # style attributes (day colours) and Leaflet's positioning
        "img-src": [SELF, "data:", *filter(None, [_tile_origin(MAP_TILE_URL)])],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Production hardening: the proxy in front must set X-Forwarded-Proto.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "format": '{"time": "%(asctime)s", "level": "%(levelname)s", "logger": "%(name)s", '
            '"message": "%(message)s"}'
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
