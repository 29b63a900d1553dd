"""`backstride serve`: apply migrations, collect static files when they changed, then serve the
WSGI app with gunicorn (a production server, not Django's development one), saying at each
step what it is doing."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backstride.core.errors import InputError, Problem

DEFAULT_WORKERS = 2
COLLECTED = ".collected"
# Source maps are only fetched by a browser's developer tools: not worth compressing.
SKIP_COMPRESS = ("map",)


def say(message: str) -> None:
    """One line of progress, flushed at once: a start that prints nothing for seconds looks
    hung, and a pipe (a log, a supervisor) would otherwise hold the lines back."""
    sys.stderr.write(f"backstride: {message}\n")
    sys.stderr.flush()


def quiet(message: str) -> None:
    """Progress nobody is shown: `runs import` prints only what became of each file."""


def migrate(progress: Callable[[str], None] = quiet) -> None:
    """Load the settings and apply the migrations not yet applied, telling progress what it
    does. A bad setting or an unreachable database becomes InputError (one line, exit 2)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")
    import django
    from django.core.management import call_command
    from django.db import OperationalError

    from backstride.web.config import ConfigError, private_files

    try:
        django.setup()
        pending = pending_migrations()
        if pending:
            progress(f"applying {pending} database migration(s) (a new database, or an upgrade)...")
        # Also when none is pending: its post_migrate handlers add what a new model needs.
        call_command("migrate", interactive=False, verbosity=0)
        from django.conf import settings

        private_files(settings.DATA_DIR)
        progress("database migrated" if pending else "database up to date")
    except ConfigError as error:
        raise InputError([Problem("", str(error))]) from None  # the message names the setting
    except OperationalError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        unusable = f"the database cannot be used: {first}"
        raise InputError([Problem("DATABASE_URL", unusable)]) from None


def pending_migrations() -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


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
    """Copy and gzip the static files, only when one changed since the last time. True when
    it ran. Cleared first, so no compressed copy of an older file is left to be served."""
    from django.conf import settings
    from django.core.management import call_command

    marker = Path(settings.STATIC_ROOT) / COLLECTED
    fingerprint = static_fingerprint()
    if marker.is_file() and marker.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0, clear=True)
    compress(Path(settings.STATIC_ROOT))
    marker.write_text(fingerprint)
    return True


def compress(root: Path) -> None:
    """A .gz beside each file worth it, which WhiteNoise serves to browsers that accept it.
    gzip only: brotli at its default quality took 17-40 s for the API docs' scripts, on
    every first start, for files a few percent smaller."""
    from concurrent.futures import ThreadPoolExecutor

    from whitenoise.compress import Compressor

    compressor = Compressor(
        extensions=(*Compressor.SKIP_COMPRESS_EXTENSIONS, *SKIP_COMPRESS),
        use_brotli=False,
        quiet=True,
    )
    paths = [str(p) for p in root.rglob("*") if p.is_file() and compressor.should_compress(p.name)]
    with ThreadPoolExecutor() as pool:
        list(pool.map(compressor.compress, paths))


def prepare() -> str:
    """Migrate, collect static files if they changed and load what every worker needs;
    returns the database vendor."""
    from django.conf import settings
    from django.db import connection, connections

    migrate(progress=say)
    began = time.monotonic()
    if collect_static():
        say(f"static files collected and compressed in {time.monotonic() - began:.1f} s")
    else:
        say("static files up to date")
    # Serve the collected, gzipped copies now that they are known to match the sources. The
    # settings' default (the sources themselves) is for tests, other WSGI servers, which may
    # never collect, and debugging, where an edited file shows at once. Read once, when the
    # WSGI app is loaded below.
    if not settings.DEBUG:
        settings.WHITENOISE_USE_FINDERS = False
    warm_up()
    vendor = str(connection.vendor)
    # Workers are forked from this process: they must not share its database connection.
    connections.close_all()
    return vendor


def warm_up() -> None:
    """Import every view (the URLconf) and read the catalog once, here: the forked workers
    then answer their first request at once, where each spent 1-2 s importing them."""
    from importlib import import_module

    from django.conf import settings

    from backstride.core.catalog import load_catalog

    import_module(settings.ROOT_URLCONF)
    load_catalog()


def warm_charts(worker: object) -> None:
    """gunicorn's post_worker_init: draw a chart and every exercise figure once in the
    background, so the runner's first Progress page does not wait a second or more for
    matplotlib to load, nor a session page for its figure, and the worker answers at once
    meanwhile (the start is not delayed by it)."""
    threading.Thread(target=_draw_once, name="warm-charts", daemon=True).start()


def _draw_once() -> None:
    from backstride.core.figures.drawings import draw_all
    from backstride.reports.charts import warm

    draw_all()
    warm()


def check_port_free(host: str, port: int) -> None:
    """Fail at once with one line, instead of gunicorn retrying for five seconds."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            busy = f"cannot listen on {host}:{port}: {error.strerror}"
            raise InputError([Problem("--port", busy)]) from None


LIMIT_REQUEST_LINE = 8190


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
        # gunicorn's most: a long address reaches our own 414 page (web.errors.LongAddress)
        # instead of gunicorn's bare one.
        "limit_request_line": LIMIT_REQUEST_LINE,
    }


def run_gunicorn(options: dict[str, Any]) -> None:
    """gunicorn with our options only: no command line or config file of its own is read.
    Imported here, not at the top: it takes a fifth of a second, and the first line of
    `serve` is printed before it."""
    from gunicorn.app.base import BaseApplication

    class Gunicorn(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Callable[..., Any]:
            from backstride.web.wsgi import application

            return application

    Gunicorn().run()


def serve(host: str, port: int, workers: int) -> None:
    check_port_free(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    say(f"starting {url}: checking the database (migrating if needed)...")
    vendor = prepare()

    def listening(arbiter: object) -> None:
        # gunicorn's when_ready: the socket is bound; the preloaded workers follow at once.
        say(f"listening on {url} ({workers} worker(s), {vendor}); Ctrl-C stops it")

    hooks = {"when_ready": listening, "post_worker_init": warm_charts}
    run_gunicorn({**options(host, port, workers), **hooks})
