"""`make bench`, web part: the real `backstride serve` under 32 concurrent keep-alive clients.

Each client is its own process (not a thread, so the load generator does not serialise on one
GIL) holding one HTTP/1.1 connection on loopback and sending a fixed number of requests, with a
time limit. Figures are requests/s and p50/p95 latency, each as a ratio against a trivial view
(/healthz) measured in the same run. The clients share the machine's cores with the server, as
any local load generator does; the ratios are what to compare between runs.

The history ends on the server's today (UTC), so the pages, which read the clock, see the same
year on any day the benchmark runs. PostgreSQL runs in a database created for the run."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import http.client
import json
import multiprocessing
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pg import fresh_database
from synthetic import history, profile

BACKSTRIDE = Path(sys.executable).parent / "backstride"
CLIENTS = 32
REQUESTS_PER_CLIENT = 40
SCENARIO_SECONDS = 90  # each client stops sending once this is up
# On 2 cores, 4 workers served no more than 2 (plan API 59 vs 61 req/s) and 1 served 40% less;
# 2 (the `serve` default, gthread with 4 threads each) uses half the memory of 4.
WORKERS = 2
PASSWORD = "benchmark passphrase 2026"
# The goal for the plan page, the plan API and the set POST, against /healthz.
GOAL_RATE, GOAL_P95 = 1 / 3, 3.0
TODAY = dt.datetime.now(dt.UTC).date()  # the server keeps UTC dates
SESSION = {
    "date": TODAY.isoformat(),
    "sets": [
        {"exercise": e, "reps": 10, "pain": 1, "form": "good"}
        for e in ("dead_bug", "superman", "single_leg_bridge", "quadruped_limb_raise")
        for _ in range(3)
    ],
}


@dataclass
class Scenario:
    name: str
    method: str
    path: str
    expect: int = 200
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    # (headers, body) for client i at i % len: a runner of its own for each client.
    per_client: list[tuple[dict[str, str], bytes | None]] = field(default_factory=list)
    goal: bool = False  # the issue sets a goal for this one


@dataclass
class Result:
    name: str
    goal: bool
    ok: int
    errors: Counter[str]  # by status code or exception
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, p: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100)[p - 1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    def __init__(self, env: dict[str, str], workers: int, log: Path) -> None:
        self.port = free_port()
        command = [str(BACKSTRIDE), "serve", "--port", str(self.port), "--workers", str(workers)]
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                command, env=env, stdout=out, stderr=out, start_new_session=True
            )
        self.log = log

    def wait_healthy(self, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited:\n{self.log.read_text()[-2000:]}")
            try:
                if request(self.port, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the server did not become healthy in time")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def request(
    port: int, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request on a fresh connection (set-up only; the load uses kept-alive ones)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        data = body if body is None or isinstance(body, bytes | str) else json.dumps(body)
        sent = {"Content-Type": "application/json"} if data is not None else {}
        connection.request(method, path, data, {**sent, **(headers or {})})
        answer = connection.getresponse()
        # Every Set-Cookie line, not only the last (a login sets the session and CSRF cookies).
        found = {name: ", ".join(answer.msg.get_all(name) or []) for name in answer.msg}
        return answer.status, found, answer.read()
    finally:
        connection.close()


def make_runner(port: int, quiet: bool = False) -> tuple[str, str]:
    """A runner with one year of synthetic history, imported through the API: (email, token)."""
    account = {"email": f"bench{time.time_ns()}@example.com", "password": PASSWORD}
    status, _, body = request(port, "POST", "/api/v1/auth/signup", account)
    assert status == 201, body
    status, _, body = request(port, "POST", "/api/v1/auth/token", account)
    token = json.loads(body)["token"]
    export = {
        "schema_version": 1,
        "profile": profile().model_dump(mode="json"),
        "history": history(1, end=TODAY).model_dump(mode="json"),
    }
    auth = {"Authorization": f"Bearer {token}"}
    status, _, body = request(port, "POST", "/api/v1/me/import", export, auth)
    assert status == 200, body
    if not quiet:
        print(f"    imported one year of history: {json.loads(body)['added']}")
    return account["email"], str(token)


def login_cookie(port: int, email: str) -> str | None:
    """The session and CSRF cookies of a login through the login form, or None when the form
    is not there yet."""
    status, headers, page = request(port, "GET", "/accounts/login/")
    found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    csrf = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    if status != 200 or not found or not csrf:
        return None
    form = urllib.parse.urlencode(
        {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": found[1].decode()}
    )
    status, headers, _ = request(
        port,
        "POST",
        "/accounts/login/",
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf[1]}"},
    )
    cookies = headers.get("Set-Cookie", "")
    session = re.search(r"sessionid=([^;]+)", cookies)
    if status != 302 or not session:
        return None
    rotated = re.search(r"csrftoken=([^;]+)", cookies)  # a login gives a new CSRF secret
    return f"sessionid={session[1]}; csrftoken={(rotated or csrf)[1]}"


def set_form(port: int, cookie: str) -> tuple[dict[str, str], bytes] | None:
    """Headers and body of the guided session's "Save set" form as the page offers it (the
    next exercise, 10 reps, pain 1, form good), or None when the page shows no form. The set
    number is left out, so each POST stores a new set, as the page's next set would."""
    status, headers, page = request(port, "GET", "/session/", headers={"Cookie": cookie})
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    exercise = re.search(rb'name="exercise" value="([^"]+)"', page)
    if status != 200 or not token or not exercise:
        return None
    renewed = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    if renewed:
        cookie = re.sub(r"csrftoken=[^;]+", f"csrftoken={renewed[1]}", cookie)
    form = {
        "csrfmiddlewaretoken": token[1].decode(),
        "exercise": exercise[1].decode(),
        "reps": "10",
        "pain": "1",
        "form_ok": "yes",
    }
    sent = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    return sent, urllib.parse.urlencode(form).encode()


def set_post(port: int) -> Scenario | None:
    """POST /session/set/ by 32 runners at once, each client a runner of its own with a year
    of history: one runner does not log 32 sets at once, and so each stores about 40 sets today
    rather than one runner 1,300 (the POST reads the day's sets)."""

    def one_runner(_: int) -> tuple[dict[str, str], bytes] | None:
        email, _token = make_runner(port, quiet=True)
        cookie = login_cookie(port, email)
        return set_form(port, cookie) if cookie else None

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        forms = list(pool.map(one_runner, range(CLIENTS)))
    if any(f is None for f in forms):
        print("    the guided session (/session/) showed no set form after a login: skipped")
        return None
    chosen = [f for f in forms if f is not None]
    status, _, body = request(port, "POST", "/session/set/", chosen[0][1], chosen[0][0])
    if status != 302:
        print(f"    POST /session/set/ answered {status}, not 302: skipped ({body[:200]!r})")
        return None
    print(f"    {CLIENTS} more runners with a year of history each, for the set POST")
    return Scenario(
        f"POST /session/set/ (1 set, {CLIENTS} runners)",
        "POST",
        "/session/set/",
        expect=302,
        per_client=chosen,
        goal=True,
    )


def _client(port: int, scenario: Scenario, index: int, count: int, barrier: Any, out: Any) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers, body = scenario.headers, scenario.body
    if scenario.per_client:
        headers, body = scenario.per_client[index % len(scenario.per_client)]

    def send() -> int:
        connection.request(scenario.method, scenario.path, body, headers)
        answer = connection.getresponse()
        answer.read()
        return answer.status

    latencies: list[float] = []
    errors: Counter[str] = Counter()
    try:
        send()  # connect and warm up; not counted
    except OSError:
        connection.close()
    barrier.wait(timeout=300)
    start = time.perf_counter()
    deadline = start + SCENARIO_SECONDS
    for _ in range(count):
        if time.perf_counter() > deadline:
            break
        began = time.perf_counter()
        try:
            status = send()
        except (OSError, http.client.HTTPException) as error:
            connection.close()  # http.client reconnects on the next request
            errors[type(error).__name__] += 1
            continue
        if status == scenario.expect:
            latencies.append(time.perf_counter() - began)
        else:
            errors[str(status)] += 1
    # perf_counter is CLOCK_MONOTONIC on Linux, so the parent can compare it across processes.
    out.put((start, time.perf_counter(), latencies, errors))
    connection.close()


def load(port: int, scenario: Scenario, count: int = REQUESTS_PER_CLIENT) -> Result:
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(CLIENTS)
    out = context.Queue()
    clients = [
        context.Process(target=_client, args=(port, scenario, i, count, barrier, out))
        for i in range(CLIENTS)
    ]
    for client in clients:
        client.start()
    reports = [out.get(timeout=SCENARIO_SECONDS + 300) for _ in clients]
    for client in clients:
        client.join(timeout=30)
    started = min(r[0] for r in reports)
    ended = max(r[1] for r in reports)
    latencies = [x for r in reports for x in r[2]]
    return Result(
        scenario.name,
        scenario.goal,
        len(latencies),
        sum((r[3] for r in reports), Counter()),
        ended - started,
        latencies,
    )


def report(results: list[Result]) -> None:
    base = results[0]
    for r in results:
        p50, p95 = r.percentile(50), r.percentile(95)
        rate, tail = r.rate / base.rate, p95 / base.percentile(95)
        goal = ""
        if r.goal:
            met = "met" if rate >= GOAL_RATE and tail <= GOAL_P95 else "not met"
            goal = f"  goal >= {GOAL_RATE:.2f}x rate, p95 <= {GOAL_P95:.0f}x: {met}"
        print(
            f"  {r.name:<44} {r.rate:7.0f} req/s ({rate:5.3f}x)  "
            f"p50 {p50 * 1000:6.1f} ms ({p50 / base.percentile(50):5.1f}x)  "
            f"p95 {p95 * 1000:6.1f} ms ({tail:5.1f}x)  "
            f"{r.ok} ok, {r.errors.total()} errors{_kinds(r.errors)}{goal}"
        )


def _kinds(errors: Counter[str]) -> str:
    return f" ({', '.join(f'{k} x{n}' for k, n in errors.most_common())})" if errors else ""


def scenarios(port: int, token: str, email: str) -> list[Scenario]:
    auth = {"Authorization": f"Bearer {token}"}
    chosen = [
        Scenario("GET /healthz (trivial baseline)", "GET", "/healthz"),
        Scenario(
            "GET /api/v1/me/plan (1 year of history)",
            "GET",
            f"/api/v1/me/plan?today={TODAY.isoformat()}",
            headers=auth,
            goal=True,
        ),
    ]
    cookie = login_cookie(port, email)
    if cookie and request(port, "GET", "/plan/", headers={"Cookie": cookie})[0] == 200:
        chosen.append(
            Scenario(
                "GET /plan/ page (login session)",
                "GET",
                "/plan/",
                headers={"Cookie": cookie},
                goal=True,
            )
        )
    else:
        print("    the plan page (/plan/) did not answer 200 after a login: skipped")
    setting = set_post(port)
    if setting:
        chosen.append(setting)
    chosen.append(
        Scenario(
            "POST /api/v1/me/sessions (12 sets)",
            "POST",
            "/api/v1/me/sessions",
            expect=201,
            body=json.dumps(SESSION).encode(),
            headers={**auth, "Content-Type": "application/json"},
        )
    )
    return chosen


def measure(label: str, env: dict[str, str], workers: int = WORKERS) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="backstride-bench-") as folder:
        env = {**env, "BACKSTRIDE_DATA_DIR": str(Path(folder) / "data")}
        server = Server(env, workers, Path(folder) / "server.log")
        try:
            server.wait_healthy()
            print(
                f"{label}: {workers} gunicorn workers, {CLIENTS} clients x "
                f"{REQUESTS_PER_CLIENT} requests; ratios against /healthz in this run "
                "(req/s: share of its rate; latency: multiple of its latency)"
            )
            email, token = make_runner(server.port)
            results = [load(server.port, s) for s in scenarios(server.port, token, email)]
            report(results)
            if any(r.errors for r in results):
                print("    the server's log ends:")
                for line in server.log.read_text(errors="replace").splitlines()[-20:]:
                    print(f"    | {line}")
            return results
        finally:
            server.stop()


def main() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    measure("Web load, SQLite", env)
    url = os.environ.get("BACKSTRIDE_BENCH_DATABASE_URL")
    if url:
        with fresh_database(url, "web") as fresh:
            if fresh is None:
                print("    (no CREATEDB privilege: measuring in the database named as it is)")
            measure("Web load, PostgreSQL", {**env, "DATABASE_URL": fresh or url})
    else:
        print(
            "Web load, PostgreSQL: skipped (set BACKSTRIDE_BENCH_DATABASE_URL to a database "
            "of its own to measure it)"
        )


if __name__ == "__main__":
    main()
