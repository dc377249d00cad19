"""Several `leio serve` processes on one database behave as one (issue 17 §2), and the operations port (§3).

    python3 scripts/scale-out-test.py [path/to/leio] POSTGRES_URL_OF_AN_EMPTY_DATABASE

1. Starts three servers at once on the new, empty PostgreSQL database (and three on one new SQLite file): all start
   (one applies each migration step, the others wait), and the schema has every step once.
2. Two servers A and B on the PostgreSQL database: sign in on A and act on B with the same session and CSRF token;
   sign out on B and the session is gone on A; lock an account out with wrong passwords on A and be refused on B;
   race two updates of one patient's version across A and B (one 200, one 409); both write one audit log.
3. A's operations port: GET /metrics parsed by prometheus_client's own parser (counts of A's requests by route
   template and status), and A's `--log-format json` log: every line one JSON object, no patient data in either.
Exit code 0 when everything holds; prints each check.
"""
import concurrent.futures, http.cookiejar, json, os, re, subprocess, sys, tempfile, time, urllib.error, urllib.parse, urllib.request

from prometheus_client.parser import text_string_to_metric_families

LEIO = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/leio"
DATABASE = sys.argv[2] if len(sys.argv) > 2 else sys.exit("usage: scale-out-test.py LEIO POSTGRES_URL (an empty database)")
WORK = tempfile.mkdtemp(prefix="leio-scale-")
PORTS = [18110, 18111, 18112]
METRICS_PORT = 18119
PASSWORD = "scale-out-test-password"
servers, failures = [], []


def check(condition, label):
    print(("  ok    " if condition else "  FAIL  ") + label)
    if not condition:
        failures.append(label)


def start(database, port, *extra, log=None):
    process = subprocess.Popen([LEIO, "serve", "--host", "127.0.0.1", "--port", str(port), "--database", database, *extra],
                               stdout=subprocess.DEVNULL, stderr=log or subprocess.DEVNULL)
    servers.append(process)
    return process


def wait_healthy(port, process):
    for _ in range(300):
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def stop_all():
    for process in servers:
        if process.poll() is None:
            process.terminate()
    for process in servers:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    servers.clear()


def request(port, method, path, body=None, headers=None, opener=None, form=False):
    data = None
    headers = dict(headers or {})
    if body is not None:
        data = urllib.parse.urlencode(body).encode() if form else json.dumps(body).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded" if form else "application/json"
    call = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers=headers, method=method)
    try:
        with (opener or NO_REDIRECT).open(call, timeout=15) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


NO_REDIRECT = urllib.request.build_opener(NoRedirect)


def browser():
    """A cookie jar that sends its cookies to any port of 127.0.0.1 (cookies are not port-specific)."""
    jar = http.cookiejar.CookieJar()
    return jar, urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(jar))


def sign_in(port, opener, username, password):
    status, _, page = request(port, "GET", "/login", opener=opener)
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    return request(port, "POST", "/login", {"username": username, "password": password, "_csrf": token}, opener=opener, form=True)


def leio(database, *arguments, stdin=None):
    return subprocess.run([LEIO, *arguments, "--database", database], input=stdin, capture_output=True, text=True, check=True).stdout.strip()


try:
    # 1. Concurrent starts on a new database.
    print("1. three servers starting at once on one new database")
    sqlite = os.path.join(WORK, "scale.sqlite")
    for database, kind in ((DATABASE, "PostgreSQL"), (sqlite, "SQLite")):
        started = [start(database, port) for port in PORTS]
        healthy = [wait_healthy(port, process) for port, process in zip(PORTS, started)]
        check(all(healthy), f"{kind}: all three servers started and are ready ({healthy})")
        stop_all()
        check("ok:" in subprocess.run([LEIO, "store", "check", "--database", database], capture_output=True, text=True).stdout,
              f"{kind}: the database passes `leio store check` (every migration step once)")

    # 2. Two servers, one PostgreSQL database.
    print("2. servers A and B on one PostgreSQL database")
    leio(DATABASE, "user", "create", "--username", "scale.admin", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    leio(DATABASE, "user", "create", "--username", "scale.victim", "--role", "viewer", "--password-stdin", stdin=PASSWORD + "\n")
    token = leio(DATABASE, "user", "token", "--username", "scale.admin", "--name", "scale test")
    api = {"Authorization": "Bearer " + token}
    log_a = open(os.path.join(WORK, "a.log"), "w")
    A, B = PORTS[0], PORTS[1]
    server_a = start(DATABASE, A, "--metrics-port", str(METRICS_PORT), "--log-format", "json", log=log_a)
    server_b = start(DATABASE, B)
    check(wait_healthy(A, server_a) and wait_healthy(B, server_b), "A and B are ready")

    jar, opener = browser()
    status, headers, _ = sign_in(A, opener, "scale.admin", PASSWORD)
    check(status == 303 and "leio_session" in headers.get("Set-Cookie", ""), f"signed in on A (303 with a session cookie: {status})")
    status, _, page = request(B, "GET", "/patients", opener=opener)
    found = re.search(r'name="_csrf" value="([^"]+)"', page)
    csrf = found.group(1) if found else None
    check(status == 200 and csrf, f"the session from A opens the patient list on B, with the session's CSRF token ({status})")
    status, _, me = request(B, "GET", "/api/v1/me", opener=opener)
    check(status == 200 and json.loads(me).get("username") == "scale.admin", f"B knows the session from A (GET /api/v1/me {status})")
    body = {"identifier": "SCALE-1", "name": "Scale-out patient (fictional)"}
    status, _, _ = request(B, "POST", "/api/v1/patients", body, opener=opener)
    check(status == 403, f"on B, a change without the session's CSRF token is refused ({status})")
    status, _, created = request(B, "POST", "/api/v1/patients", body, headers={"X-CSRF-Token": csrf}, opener=opener)
    check(status == 201, f"on B, a change with the CSRF token A issued is accepted ({status})")
    patient = json.loads(created)

    # Sign out on B: the session is gone on A too.
    status, _, _ = request(B, "POST", "/logout", {"_csrf": csrf}, opener=opener, form=True)
    status, headers, _ = request(A, "GET", "/patients", opener=opener)
    check(status == 303 and "/login" in headers.get("Location", ""), f"signed out on B, A sends the browser to sign in ({status})")

    # Lock-out on A holds on B.
    _, attacker = browser()
    codes = [sign_in(A, attacker, "scale.victim", "wrong password " + str(n))[0] for n in range(5)]
    check(all(code in (200, 401) for code in codes), f"five wrong passwords on A are refused ({codes})")
    status, _, page = sign_in(B, attacker, "scale.victim", PASSWORD)
    check(status == 429, f"the right password on B is refused while the account is locked out ({status})")

    # One version, two servers: one update wins, the other gets 409.
    def put(port, name):
        update = {"identifier": patient["identifier"], "name": name, "version": patient["version"]}
        return request(port, "PUT", f"/api/v1/patients/{patient['id']}", update, headers=api)[0]

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = sorted(pool.map(lambda args: put(*args), [(A, "Edited on A (fictional)"), (B, "Edited on B (fictional)")]))
    check(results == [200, 409], f"two updates of version {patient['version']} raced across A and B: {results}")
    status, _, audit = request(A, "GET", f"/api/v1/audit?entity={patient['id']}&limit=50", headers=api)
    actions = sorted(event["action"] for event in json.loads(audit)) if status == 200 else []
    check(actions.count("create") == 1 and actions.count("update") == 1,
          f"one audit log: A shows B's create and the winning update of the patient ({actions})")

    # 3. Operations: metrics on A's own port, JSON logs.
    print("3. A's metrics port and JSON log")
    for _ in range(5):
        request(A, "GET", f"/api/v1/patients/{patient['id']}", headers=api)
    with urllib.request.urlopen(f"http://127.0.0.1:{METRICS_PORT}/metrics", timeout=10) as response:
        exposition = response.read().decode()
        content_type = response.headers["Content-Type"]
    families = {family.name: family for family in text_string_to_metric_families(exposition)}
    check(content_type.startswith("text/plain; version=0.0.4"), f"Content-Type {content_type}")

    def sample(family, name, **labels):
        return next((s.value for s in families[family].samples if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())), None)

    check(sample("leio_http_requests", "leio_http_requests_total", route="/api/v1/patients/{id}", status="200", method="GET") == 5,
          "prometheus_client parses the exposition: 5 case-file reads on A by route template and status")
    check(families["leio_http_request_duration_seconds"].type == "histogram", "latency is a histogram")
    check(sample("leio_signin_failures", "leio_signin_failures_total", reason="password") == 5,
          "A counted the five wrong passwords")
    check(sample("leio_audit_log_rows", "leio_audit_log_rows") > 0, "the audit log's rows are reported")
    check((sample("leio_audit_append_batch_requests", "leio_audit_append_batch_requests_count") or 0) > 0,
          "group-committed audit flushes are reported")
    status, _, _ = request(A, "GET", "/metrics")
    check(status == 404, f"the application port does not serve /metrics ({status})")
    stop_all()
    log_a.close()
    lines = [line for line in open(log_a.name) if line.strip()]
    parsed = [json.loads(line) for line in lines if line.startswith("{")]
    check(lines and len(parsed) == len(lines), f"every line of A's log is one JSON object ({len(parsed)} of {len(lines)})")
    requests = [entry for entry in parsed if entry.get("message") == "request"]
    check(requests and all({"method", "route", "status", "duration_ms", "hb.request.id"} <= set(entry) for entry in requests),
          f"request lines carry method, route, status, duration and request id ({len(requests)} lines)")
    everything = open(log_a.name).read() + exposition
    check(all(secret not in everything for secret in ("SCALE-1", "Scale-out patient", patient["id"], PASSWORD, csrf)),
          "no patient identifier, name or id, password or token in the log or the metrics")
finally:
    stop_all()

print(f"{'SCALE-OUT TEST FAILED: ' + str(len(failures)) + ' check(s)' if failures else 'scale-out test passed'}")
sys.exit(1 if failures else 0)
