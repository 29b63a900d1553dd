"""Django settings, all from the environment through backstride.web.config."""

from __future__ import annotations

from pathlib import Path

from backstride.web import config

CONFIG = config.load()
HERE = Path(__file__).resolve().parent

SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts
DATA_DIR = CONFIG.data_dir
# Offered as tap-to-call links on the emergency and urgent pages when set.
EMERGENCY_NUMBER = CONFIG.emergency_number
URGENT_NUMBER = CONFIG.urgent_number

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "axes",
    "backstride.web.accounts",
    "backstride.web.coach",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "backstride.web.security.SecurityHeaders",
    "backstride.web.errors.LongAddress",
    "backstride.web.api.json_errors.ApiErrorsAsJson",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "backstride.web.security.PrivateNotStored",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backstride.web.urls"
WSGI_APPLICATION = "backstride.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "backstride.web.coach.context.runs_to_rate",
            ],
        },
    }
]

DATABASES = {"default": CONFIG.database}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "derived": config.derived_cache(CONFIG.database, CONFIG.data_dir),
    # Shared by every worker, like the derived cache (its table or a folder of its own).
    "throttle": config.throttle_cache(CONFIG.database, CONFIG.data_dir),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "backstride.web.accounts.validators.PrintablePasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "coach:plan"
LOGOUT_REDIRECT_URL = "coach:home"

# Login throttling (accounts/throttle.py), through the web form and the API token alike:
# five failures for one email from one address lock that pair, and twenty from one address
# over any emails (password spraying) lock the address, each for 15 minutes after its last
# failure. Twenty is four runners' worth: a household or club on one address is locked only
# if four of them lock themselves out in the same quarter of an hour (failures while locked
# are not counted, so one runner adds at most five). Nothing locks an email by itself, so
# failures from elsewhere never lock a runner out at their own address.
AXES_HANDLER = "backstride.web.accounts.throttle.PairAndAddressHandler"
AXES_CLIENT_IP_CALLABLE = "backstride.web.accounts.throttle.client_address"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = 5
ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = 0.25
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Proxies that append the client's address to X-Forwarded-For (0: the header is ignored).
TRUSTED_PROXIES = CONFIG.trusted_proxies
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

# Password reset by email only when BACKSTRIDE_EMAIL_URL is set; without it nothing is ever
# sent (not even to a mail server on localhost) and the reset page says how else to reset.
EMAIL_CONFIGURED = bool(CONFIG.email)
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
globals().update(CONFIG.email)
DEFAULT_FROM_EMAIL = CONFIG.email_from or "backstride <backstride@localhost>"
# Where runners open the app: the start of reset links (else the address the request used).
SITE_URL = CONFIG.site_url
# A reset link works once, and for a day: long enough to find the email, short enough that
# an old email in a shared inbox is of no use.
PASSWORD_RESET_TIMEOUT = 24 * 3600
# Reset requests, counted over 15 minutes: per address (someone trying many emails) and per
# email (filling a runner's inbox). Over the email's limit nothing more is sent, and the
# answer is the same as ever, so the limit says nothing about whether the account exists.
RESET_WINDOW_SECONDS = 15 * 60
RESET_LIMIT_PER_ADDRESS = 10
RESET_LIMIT_PER_EMAIL = 3

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Secure-only cookies need HTTPS; the laptop default serves plain HTTP on 127.0.0.1.
SESSION_COOKIE_SECURE = CONFIG.https
CSRF_COOKIE_SECURE = CONFIG.https
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if CONFIG.https:
    # Served behind a TLS-terminating proxy, which says which scheme it saw (the client's
    # address comes through TRUSTED_PROXIES, which config requires to be set with HTTPS).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [HERE / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # A plain copy: `backstride serve` gzips the collected files itself (server.compress),
    # since WhiteNoise's storage also makes brotli files, which took 17-40 s to write.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The source files themselves, for tests and any WSGI server that never collects;
# `backstride serve` turns this off once it has collected, to serve the gzipped copies.
WHITENOISE_USE_FINDERS = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Months of run files in one upload, each capped at 20 MB; a larger batch is sent in parts,
# so that one request cannot hold a worker for an hour of parsing.
DATA_UPLOAD_MAX_NUMBER_FILES = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
