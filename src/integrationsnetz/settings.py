"""The one settings module: everything that differs between machines comes from the environment.

Secrets may also come from files (``SECRET_KEY_FILE``, ``DATABASE_URL_FILE``, ...), as container
platforms mount them. Production mode (``ENVIRONMENT=production``, the default behind WSGI) refuses
to start with an insecure default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

INSECURE_SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105


def env_str(name: str, default: str = "") -> str:
    """A string from ``NAME``, or from the file named by ``NAME_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name, "")
    if value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {value!r}")


def env_int(name: str, default: int) -> int:
    value = env_str(name, "")
    try:
        return int(value) if value else default
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from error


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


# "development" (manage.py, tests) or "production" (the WSGI entry point sets it by default).
ENVIRONMENT = env_str("ENVIRONMENT", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(f"ENVIRONMENT must be 'development' or 'production', got {ENVIRONMENT!r}")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else INSECURE_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

if PRODUCTION:
    problems = []
    if DEBUG:
        problems.append("DEBUG must be off")
    if not SECRET_KEY or SECRET_KEY == INSECURE_SECRET_KEY or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a random value of at least 50 characters")
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must name the host names this site answers to")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production mode: " + "; ".join(problems))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "ninja",  # serves the API docs page's Swagger UI from our own static files (strict CSP)
    "integrationsnetz.core",
    "integrationsnetz.directory",
    "integrationsnetz.monitoring",
    "integrationsnetz.guide",
    "integrationsnetz.meetings",
    "integrationsnetz.volunteering",
    "integrationsnetz.news",
    "integrationsnetz.actionplan",
    "integrationsnetz.accommodation",
    "integrationsnetz.accounts",
    "integrationsnetz.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "integrationsnetz.core.middleware.RefuseNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "integrationsnetz.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files from the application server itself (compressed, cache-busted names); in
    # development the runserver and the test live server serve them from the apps' folders.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "integrationsnetz.urls"
WSGI_APPLICATION = "integrationsnetz.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "integrationsnetz.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite (WAL) by default, anything dj-database-url style through DATABASE_URL.
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'integrationsnetz.sqlite3'}"
_database: dict[str, Any] = dict(environ.Env.db_url_config(env_str("DATABASE_URL", DEFAULT_DATABASE_URL)))
if _database["ENGINE"] == "django.db.backends.sqlite3":
    if _database["NAME"] != ":memory:":
        Path(_database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _database.setdefault("OPTIONS", {})
    _database["OPTIONS"].setdefault(
        "init_command",
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;",
    )
    _database["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
else:
    _database.setdefault("CONN_MAX_AGE", env_int("CONN_MAX_AGE", 60))
    _database.setdefault("CONN_HEALTH_CHECKS", True)
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": environ.Env.cache_url_config(env_str("CACHE_URL", "locmemcache://integrationsnetz"))}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "integrationsnetz.core.policy.PolicyBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "core:home"

# Lock-out after repeated failed logins (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Integrationsnetz"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# E-mail: console in development, anything through EMAIL_URL (smtp://user:pass@host:port).
_email_url = env_str("EMAIL_URL", "smtp://127.0.0.1:25" if PRODUCTION else "consolemail://")
vars().update(environ.Env.email_url_config(_email_url))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Integrationsnetz <noreply@integrationsnetz.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background jobs: in-process without a broker (the embedded default), a worker with one.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs for `celery -A integrationsnetz beat` (or cron running the management commands).
CELERY_BEAT_SCHEDULE = {
    "directory-request-confirmations": {
        "task": "integrationsnetz.directory.tasks.request_confirmations",
        "schedule": crontab(hour=6, minute=15),
    },
    "meetings-reminders": {
        "task": "integrationsnetz.meetings.tasks.send_reminders",
        "schedule": crontab(minute=0),
    },
    "volunteering-request-confirmations": {
        "task": "integrationsnetz.volunteering.tasks.request_confirmations",
        "schedule": crontab(hour=6, minute=45),
    },
    "volunteering-reminders": {
        "task": "integrationsnetz.volunteering.tasks.send_reminders",
        "schedule": crontab(minute=5),
    },
    "volunteering-inactive-accounts": {
        "task": "integrationsnetz.volunteering.tasks.clean_up_inactive_accounts",
        "schedule": crontab(hour=3, minute=30),
    },
    # Scheduled newsletter issues start within a minute; abandoned claims of a dead worker are recovered.
    "news-sweep": {"task": "integrationsnetz.news.tasks.sweep", "schedule": crontab(minute="*")},
    "actionplan-step-reminders": {
        "task": "integrationsnetz.actionplan.tasks.send_step_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "accommodation-follow-up-reminders": {
        "task": "integrationsnetz.accommodation.tasks.remind_follow_up_actions",
        "schedule": crontab(hour=6, minute=35),
    },
}

# Bounce and complaint webhooks of the mail provider (news); Anymail checks this basic-auth secret
# ("user:password"). Without it the webhook is switched off (404).
ANYMAIL = {"WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET", "")}

# Security headers. The Content-Security-Policy allows no inline script at all.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("MAP_TILE_HOSTS", ["https://*.tile.openstreetmap.org"])],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env_str("MAP_ATTRIBUTION", "© OpenStreetMap contributors")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Directory rules that the office may want to tune.
DIRECTORY_CONFIRMATION_MONTHS = env_int("DIRECTORY_CONFIRMATION_MONTHS", 12)
DIRECTORY_PAGE_SIZE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step at INFO, and fontTools every subset it makes.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}
