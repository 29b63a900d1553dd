"""`backstride serve`: apply migrations, collect static files, then serve the WSGI app with
gunicorn (a production server, not Django's development one)."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

from backstride.core.errors import InputError

DEFAULT_WORKERS = 2


class Gunicorn(BaseApplication):  # type: ignore[misc]
    """gunicorn with our options only: no command line or config file of its own is read."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Callable[..., Any]:
        from backstride.web.wsgi import application

        return application


def migrate() -> None:
    """Load the settings and apply migrations. A bad setting or an unreachable database
    becomes InputError (one line, exit 2)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")
    import django
    from django.core.management import call_command
    from django.db import OperationalError

    from backstride.web.config import ConfigError, private_files

    try:
        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        from django.conf import settings

        private_files(settings.DATA_DIR)
    except ConfigError as error:
        raise InputError([str(error)]) from None
    except OperationalError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InputError([f"DATABASE_URL: the database cannot be used: {first}"]) from None


def prepare() -> str:
    """Migrate and collect static files; returns the database vendor."""
    from django.db import connection, connections

    sys.stderr.write("backstride: applying migrations and checking static files...\n")
    sys.stderr.flush()
    migrate()
    collect_static()
    vendor = connection.vendor
    # Workers are forked from this process: they must not share its database connection.
    connections.close_all()
    return vendor


COLLECTED = ".collected"


def static_fingerprint() -> str:
    """Every static source file's path, size and time, as collectstatic would find them:
    the same fingerprint means the collected (and compressed) copies are up to date."""
    import hashlib

    from django.contrib.staticfiles import finders

    digest = hashlib.sha256()
    for finder in finders.get_finders():
        for path, storage in sorted(finder.list([]), key=lambda found: found[0]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static() -> bool:
    """collectstatic, only when a static file changed: compressing every file again took
    20-40 s on each start. True when it ran."""
    from django.conf import settings
    from django.core.management import call_command

    marker = settings.STATIC_ROOT / COLLECTED
    fingerprint = static_fingerprint()
    if marker.is_file() and marker.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    marker.write_text(fingerprint)
    return True


def check_port_free(host: str, port: int) -> None:
    """Fail at once with one line, instead of gunicorn retrying for five seconds."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise InputError(
                [f"--port: cannot listen on {host}:{port}: {error.strerror}"]
            ) from None


def options(host: str, port: int, workers: int) -> dict[str, Any]:
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        # Threads keep connections alive and let a slow client not hold a whole process.
        "worker_class": "gthread",
        "threads": 4,
        "preload_app": True,
        "proc_name": "backstride",
        "timeout": 30,
        "graceful_timeout": 10,
        # No control socket: it lives at one fixed path per user, so two servers would clash.
        "control_socket_disable": True,
    }


def serve(host: str, port: int, workers: int) -> None:
    check_port_free(host, port)
    vendor = prepare()
    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(
        f"backstride: serving on http://{shown}:{port} ({workers} worker(s), {vendor}); "
        "Ctrl-C stops it\n"
    )
    sys.stderr.flush()
    Gunicorn(options(host, port, workers)).run()
