#!/usr/bin/env python3
"""Replays the findings of issue 10 (a review made as an attacker and as a careless user) against a live
`leio serve` on loopback and the built `leio` binary, so that none of them can come back unnoticed.

    python3 scripts/security-test.py .build/debug/leio

Each check prints PASS or FAIL with what it saw; the last line is "N passed, M failed" and the exit code is 1 when
any check failed. Only loopback addresses are used (127.0.0.1 for the server; 127.0.0.2-4 as other client sources,
to show that sign-in locks are per source). Everything it writes is in a temporary folder, removed at the end.
"""
import concurrent.futures
import http.client
import json
import os
import re
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

LEIO = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/leio")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUNG = os.path.join(ROOT, "Tests/Fixtures/survival/lung.csv")
PASSWORD = "correct horse battery staple"
TIMEOUT = 2  # --request-timeout of the server under test, seconds
CAP = 400    # --max-connections

passed, failed = 0, 0


def check(condition, label, seen=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"PASS {label}")
    else:
        failed += 1
        print(f"FAIL {label}" + (f" — saw: {str(seen)[:400]}" if seen != "" else ""))


def leio(*args, stdin=None, database=None):
    command = [LEIO, *args] + (["--database", database] if database else [])
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """HTTP/1.1 to the server under test, from a chosen loopback source address."""

    def __init__(self, port, source="127.0.0.1"):
        self.port, self.source = port, source

    def request(self, method, path, body=None, headers=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=(self.source, 0))
        data = body.encode() if isinstance(body, str) else body
        connection.request(method, path, body=data, headers=headers or {})
        response = connection.getresponse()
        payload = response.read().decode("utf-8", "replace")
        result = (response.status, {k.lower(): v for k, v in response.getheaders()}, payload,
                  [v for k, v in response.getheaders() if k.lower() == "set-cookie"])
        connection.close()
        return result

    def sign_in(self, username, password, next_path=None, drop_token=False, origin=None):
        """The sign-in form as a browser uses it: GET /login (CSRF cookie and field), then POST."""
        status, headers, body, cookies = self.request("GET", "/login")
        token = re.search(r'name="_csrf" value="([^"]+)"', body).group(1)
        cookie = next(c.split(";")[0] for c in cookies if c.startswith("leio_login_csrf="))
        form = {"username": username, "password": password}
        if not drop_token:
            form["_csrf"] = token
        if next_path is not None:
            form["next"] = next_path
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        if origin:
            headers["Origin"] = origin
        return self.request("POST", "/login", urllib.parse.urlencode(form), headers)

    def session(self, username, password):
        """Signs in; returns (cookie header, CSRF token of the session's forms)."""
        status, headers, body, cookies = self.sign_in(username, password)
        assert status == 303, (status, body[:200])
        cookie = next(c.split(";")[0] for c in cookies if c.startswith("leio_session="))
        page = self.request("GET", "/patients", headers={"Cookie": cookie})[2]
        return cookie, re.search(r'name="_csrf" value="([^"]+)"', page).group(1)


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 8192)), hard))
    folder = tempfile.mkdtemp(prefix="leio-security-")
    database = os.path.join(folder, "registry.sqlite")
    server = None
    try:
        for name, role in [("sec.admin", "admin"), ("sec.clinician", "clinician"), ("sec.registrar", "registrar"), ("sec.viewer", "viewer"),
                           ("sec.target", "viewer"), ("sec.known", "viewer"), ("-sec.dash", "viewer")]:
            result = leio("user", "create", f"--username={name}", "--role", role, "--password-stdin", stdin=PASSWORD + "\n", database=database)
            assert result.returncode == 0, result.stderr
        tokens = {role: leio("user", "token", "--username", f"sec.{role}", "--name", "security test", database=database).stdout.strip()
                  for role in ["admin", "clinician", "registrar"]}
        port = free_port()
        server = subprocess.Popen([LEIO, "serve", "--database", database, "--port", str(port), "--request-timeout", str(TIMEOUT),
                                   "--max-connections", str(CAP)], stdout=subprocess.DEVNULL, stderr=open(os.path.join(folder, "serve.log"), "w"))
        client = Client(port)
        for _ in range(300):
            try:
                if client.request("GET", "/healthz", timeout=1)[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        bearer = {role: {"Authorization": f"Bearer {token}", "Content-Type": "application/json"} for role, token in tokens.items()}
        run_findings(client, port, bearer, database, folder)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def run_findings(client, port, bearer, database, folder):
    # 1. Parallel guesses: 100 at once count 100; only the allowance of 5 reaches the password check.
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        statuses = list(pool.map(lambda _: client.sign_in("sec.target", "wrong password here")[0], range(100)))
    check(statuses.count(401) == 5 and statuses.count(429) == 95, "1: 100 parallel wrong sign-ins: 5 × 401, 95 × 429",
          {s: statuses.count(s) for s in set(statuses)})
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        burst = list(pool.map(lambda i: client.sign_in("sec.target", PASSWORD if i == 20 else "wrong again")[0], range(40)))
    check(303 not in burst and set(burst) == {429}, "1: a burst of 40 that includes the right password does not sign in", burst)

    # 2. Export: registrars take clinical records; accounts, hashes and the audit log are the admin's.
    status, _, body, _ = client.request("GET", "/api/v1/export", headers=bearer["registrar"])
    document = json.loads(body) if status == 200 else {}
    check(status == 200 and document.get("scope") == "clinical" and document.get("accounts") == [] and document.get("audit") == []
          and "$2b$" not in body and "passwordHash" not in body, "2: a registrar's export holds no accounts, hashes or audit log", body[:200])
    check(client.request("GET", "/api/v1/export?scope=full", headers=bearer["registrar"])[0] == 403, "2: a registrar cannot ask for the full backup")
    status, _, body, _ = client.request("GET", "/api/v1/export", headers=bearer["admin"])
    check(status == 200 and json.loads(body).get("scope") == "full" and "passwordHash" in body, "2: an admin's export is the full backup")

    # 3. Incomplete requests time out; past the cap a clean 503; the server keeps serving.
    slow = []
    for _ in range(300):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        slow.append(s)
    started = time.time()
    health = []
    while time.time() - started < TIMEOUT - 0.5:
        health.append(client.request("GET", "/healthz", timeout=5)[0])
        time.sleep(0.1)
    check(health and set(health) == {200}, f"3: /healthz answers while 300 sockets hold partial request heads ({len(health)} checks)", health)
    closed = 0
    for s in slow:
        s.settimeout(TIMEOUT + 3)
        try:
            if s.recv(100) == b"":
                closed += 1
        except OSError:
            pass
        s.close()
    elapsed = time.time() - started
    check(closed == 300 and elapsed < TIMEOUT + 3, f"3: all 300 are closed by the server within the request timeout ({closed} closed after {elapsed:.1f} s)")
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(CAP + 40)]
    time.sleep(0.5)
    refused = 0
    for s in held:
        s.settimeout(0.5)
        try:
            if b" 503 " in s.recv(300):
                refused += 1
        except OSError:
            pass
    for s in held:
        s.close()
    time.sleep(0.5)
    check(refused >= 40, f"3: connections past the cap of {CAP} get 503 and are closed ({refused} refused)")
    check(client.request("GET", "/healthz")[0] == 200, "3: /healthz answers after the flood")

    # 4. Open redirect after sign-in.
    for target in ["/\t/evil.example", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "https://evil.example/"]:
        status, headers, _, _ = client.sign_in("sec.viewer", PASSWORD, next_path=target)
        check(status == 303 and headers.get("location") == "/patients", f"4: next={target!r} is not followed", headers.get("location"))
    status, headers, _, _ = client.sign_in("sec.viewer", PASSWORD, next_path="/follow-up")
    check(headers.get("location") == "/follow-up", "4: a local next path is followed")

    # 5. Locks are per account and source; admins unlock, disable, enable, revoke; refusals are audited.
    other = Client(port, "127.0.0.2")
    for _ in range(5):
        other.sign_in("sec.admin", "guessing guessing")
    check(other.sign_in("sec.admin", PASSWORD)[0] == 429, "5: guesses from 127.0.0.2 lock sec.admin there")
    check(client.sign_in("sec.admin", PASSWORD)[0] == 303, "5: the real admin on 127.0.0.1 still signs in")
    check(leio("user", "unlock", "--username", "sec.admin", database=database).returncode == 0, "5: leio user unlock")
    check(other.sign_in("sec.admin", PASSWORD)[0] == 303, "5: after unlock, 127.0.0.2 signs in")
    check(leio("user", "disable", "--username", "sec.viewer", database=database).returncode == 0
          and client.sign_in("sec.viewer", PASSWORD)[0] == 401, "5: leio user disable: the account cannot sign in")
    check(leio("user", "enable", "--username", "sec.viewer", database=database).returncode == 0
          and client.sign_in("sec.viewer", PASSWORD)[0] == 303, "5: leio user enable")
    listed = leio("user", "list-tokens", "--username", "sec.clinician", database=database).stdout
    token_id = listed.split("\t")[0] if listed else ""
    check(leio("user", "revoke-token", token_id, database=database).returncode == 0
          and client.request("GET", "/api/v1/me", headers=bearer["clinician"])[0] == 401, "5: leio user revoke-token: the token stops working")
    admin_cookie, admin_csrf = client.session("sec.admin", PASSWORD)
    status, _, body, _ = client.request("GET", "/accounts", headers={"Cookie": admin_cookie})
    check(status == 200 and "Disable sec.viewer" in body, "5: the accounts page lists accounts with their actions")
    client.request("GET", "/api/v1/audit", headers=bearer["registrar"])  # 403
    log = json.loads(client.request("GET", "/api/v1/audit?limit=10000", headers=bearer["admin"])[2])
    refusals = {row.get("detail", "") for row in log if row["action"] == "refused"}
    check(any(d.startswith("401 ") for d in refusals) and any(d.startswith("403 ") for d in refusals)
          and any(row["action"] == "loginFailed" and row.get("detail") == "locked" for row in log),
          "5: refused requests (401, 403) and throttled sign-ins (429) are in the audit log", sorted(refusals)[:5])

    # 6. Duplicate column roles are usage errors.
    for args in [["cox", LUNG, "--time", "time", "--event", "status", "--covariates", "age,age"],
                 ["cox", LUNG, "--time", "time", "--event", "status", "--covariates", "time"],
                 ["cox", LUNG, "--time", "time", "--event", "time", "--covariates", "age"],
                 ["survival", LUNG, "--time", "time", "--event", "status", "--by", "sex", "--strata", "sex"]]:
        result = leio(*args)
        check(result.returncode == 64 and "Duplicate values" not in result.stderr, f"6: {' '.join(args[2:])} → exit 64", (result.returncode, result.stderr))

    # 7. Ragged rows get an error and no stage.
    result = leio("batch", "stage", "-", stdin="site,sizeCm,depth,grade,nodes,metastasis\nextremity,7.5,deep,G3,N0\nextremity,7.5,deep,G3,N0,M0,extra\n")
    rows = result.stdout.strip().split("\n")[1:]
    check(len(rows) == 2 and all(",,,\"row: the row has" in row for row in rows), "7: rows with too few or too many fields are not staged", rows)

    # 8. Restore checks every record; store check recomputes derived fields.
    backup = os.path.join(folder, "backup.json")
    leio("backup", backup, database=database)
    clinical = Client(port)
    patient = json.loads(clinical.request("POST", "/api/v1/patients", json.dumps({"identifier": "SEC-1", "name": "Fictional Security"}),
                                          bearer["admin"])[2])
    tumour = json.loads(clinical.request("POST", f"/api/v1/patients/{patient['id']}/tumours", json.dumps(
        {"diagnosisDate": "2025-01-02", "facts": {"site": "extremity", "sizeCm": 7.5, "depth": "deep", "grade": "G3", "nodes": "N0", "metastasis": "M0"}}),
        bearer["admin"])[2])
    clinical.request("POST", f"/api/v1/tumours/{tumour['id']}/treatments", json.dumps({"kind": "surgery", "startDate": "2025-02-01", "margin": "R0"}), bearer["admin"])
    leio("backup", backup, database=database)
    data = json.load(open(backup))
    data["tumours"][0]["stageGroup"] = "IA"
    json.dump(data, open(backup, "w"))
    result = leio("restore", backup, database=os.path.join(folder, "restored.sqlite"))
    check(result.returncode == 65 and f"tumour {tumour['id']}: stageGroup" in result.stderr, "8: restore refuses a stored stage that its facts contradict, naming the record", result.stderr)
    copy = os.path.join(folder, "checked.sqlite")
    data["tumours"][0]["stageGroup"] = "IIIA"
    json.dump(data, open(backup, "w"))
    check(leio("restore", backup, database=copy).returncode == 0, "8: the untampered backup restores")
    with sqlite3.connect(copy) as db:
        db.execute("UPDATE tumour SET stage_group = 'IA'")
    result = leio("store", "check", database=copy)
    check(result.returncode == 1 and "stageGroup" in result.stderr and "stored 'IA'" in result.stderr, "8: store check names the derived field that differs", result.stderr)

    # 9. Unknown names behave as known ones: locked alike, and as slow (or as fast) as each other.
    def timed(c, name):
        start = time.perf_counter()
        status = c.sign_in(name, "not the password")[0]
        return status, time.perf_counter() - start
    known, unknown = Client(port, "127.0.0.3"), Client(port, "127.0.0.4")
    k = [timed(known, "sec.known") for _ in range(7)]
    u = [timed(unknown, "nobody.here") for _ in range(7)]
    check([s for s, _ in k] == [401] * 5 + [429] * 2 and [s for s, _ in u] == [401] * 5 + [429] * 2,
          "9: unknown names lock after 5 failures exactly as known ones", ([s for s, _ in k], [s for s, _ in u]))
    slow_k, slow_u = statistics.median(t for _, t in k[:5]), statistics.median(t for _, t in u[:5])
    fast_k, fast_u = statistics.median(t for _, t in k[5:]), statistics.median(t for _, t in u[5:])
    check(0.5 < slow_k / slow_u < 2 and 0.33 < fast_k / fast_u < 3,
          f"9: timing: wrong password {slow_k * 1000:.0f} vs {slow_u * 1000:.0f} ms; locked {fast_k * 1000:.0f} vs {fast_u * 1000:.0f} ms (known vs unknown)")

    # 10. Records of a deleted patient cannot change.
    check(clinical.request("DELETE", f"/api/v1/patients/{patient['id']}?version=1", headers=bearer["admin"])[0] == 200, "10: patient deleted")
    status, _, body, _ = clinical.request("POST", f"/api/v1/tumours/{tumour['id']}/treatments", json.dumps({"kind": "surgery", "startDate": "2025-02-01"}), bearer["admin"])
    check(status == 409 and "restore the patient" in body, "10: a treatment under a deleted patient is refused (409)", (status, body[:200]))

    # 11. Malformed chunked bodies and short bodies are 400.
    head = b"POST /api/v1/stage HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    for label, raw, half in [("bad chunk size", head + b"Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n", False),
                             ("truncated chunk", head + b"Transfer-Encoding: chunked\r\n\r\n10\r\nabc", True),
                             ("Content-Length too large, then half-close", head + b"Content-Length: 1000\r\n\r\n{\"site\":", True)]:
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(raw)
        if half:
            s.shutdown(socket.SHUT_WR)
        s.settimeout(5)
        reply = b""
        try:
            while chunk := s.recv(4096):
                reply += chunk
        except OSError:
            pass
        s.close()
        check(reply.startswith(b"HTTP/1.1 400"), f"11: {label} → 400", reply[:40])

    # 12. Passwords over 72 bytes are refused, never cut.
    exact = "p" * 72
    leio("user", "create", "--username", "sec.long", "--role", "viewer", "--password-stdin", stdin=exact + "\n", database=database)
    check(client.sign_in("sec.long", exact + "suffix")[0] == 401 and client.sign_in("sec.long", exact)[0] == 303,
          "12: a 72-byte password plus more does not sign in; the exact one does")
    result = leio("user", "create", "--username", "sec.toolong", "--role", "viewer", "--password-stdin", stdin=exact + "x\n", database=database)
    check(result.returncode == 65 and "72 bytes" in result.stderr, "12: a 73-byte password is refused at creation", result.stderr)

    # 13. A 60,000-character user name is not stored.
    Client(port, "127.0.0.5").sign_in("typed-a-password-here " + "x" * 60000, "whatever")
    log = json.loads(client.request("GET", "/api/v1/audit?limit=200", headers=bearer["admin"])[2])
    failures = [row["username"] for row in log if row["action"] == "loginFailed"]
    check(failures and max(len(name) for name in failures) < 80 and any(name.startswith("unknown:") for name in failures),
          "13: failed sign-ins store a known account or a short marked excerpt", max(len(n) for n in failures) if failures else None)

    # 14. A UTF-8 byte-order mark is skipped.
    bom = os.path.join(folder, "bom.csv")
    open(bom, "wb").write(b"\xef\xbb\xbf" + open(LUNG, "rb").read())
    check(leio("survival", bom, "--time", "inst", "--event", "status").returncode == 0 and
          leio("cox", bom, "--time", "inst", "--event", "status", "--covariates", "age").returncode == 0, "14: survival and cox read a file with a BOM")
    result = leio("batch", "stage", "-", stdin="\ufeffsite,sizeCm,depth,grade,nodes,metastasis\nextremity,7.5,deep,G3,N0,M0\n")
    check(result.stdout.startswith("site,") and ",IIIA," in result.stdout, "14: batch stage reads a header with a BOM", result.stdout[:80])

    # 15. Unknown fields are refused, named.
    status, _, body, _ = clinical.request("POST", "/api/v1/patients", json.dumps({"identifier": "SEC-2", "name": "F", "birthdate": "1970-01-01", "Sex": "male"}), bearer["admin"])
    check(status == 422 and "'Sex', 'birthdate'" in body, "15: misspelled fields → 422 naming them", body[:200])

    # 16. Exit codes through the one mapping.
    nan = os.path.join(folder, "nan.csv")
    open(nan, "w").write("time,status\n1,1\nnan,0\n")
    result = leio("survival", nan, "--time", "time", "--event", "status")
    check(result.returncode == 65 and "row 3" in result.stderr, "16: survival on a NaN time → 65 with a message", (result.returncode, result.stderr))
    result = leio("batch", "stage", "-", "--output", "/nonexistent-dir/x.csv", stdin="site,sizeCm\nextremity,3\n")
    check(result.returncode == 73, "16: batch stage into a missing folder → 73", (result.returncode, result.stderr))
    data["treatments"][0]["margin"] = "R9"
    json.dump(data, open(backup, "w"))
    result = leio("restore", backup, database=os.path.join(folder, "invalid.sqlite"))
    check(result.returncode == 65 and f"treatment {data['treatments'][0]['id']}: margin:" in result.stderr and "constraintCheckFailed" not in result.stderr,
          "16: restore with an invalid code → 65 naming the record and field", result.stderr[:300])

    # 17. The sign-in form needs its token and a same-origin Origin.
    check(client.sign_in("sec.viewer", PASSWORD, drop_token=True)[0] == 403, "17: sign-in without the form's CSRF token → 403")
    check(client.sign_in("sec.viewer", PASSWORD, origin="https://evil.example")[0] == 403, "17: sign-in from another Origin → 403")

    # 18. The audit CSV neutralises formula cells (the account '-sec.dash' signs in, so its name is in the log).
    check(client.sign_in("-sec.dash", PASSWORD)[0] == 303, "18: the account '-sec.dash' signs in")
    status, headers, body, _ = client.request("GET", "/audit.csv", headers={"Cookie": admin_cookie})
    cells = [cell.strip('"') for line in body.split("\r\n")[1:] for cell in line.split(",")]
    risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    check(status == 200 and "'-sec.dash" in body and not risky, "18: no audit CSV cell starts with = + - @ tab or CR", risky[:5])

    # 19. A stale delete form gets an HTML conflict page.
    patient2 = json.loads(clinical.request("POST", "/api/v1/patients", json.dumps({"identifier": "SEC-3", "name": "Fictional Stale"}), bearer["admin"])[2])
    status, headers, body, _ = client.request("POST", f"/patients/{patient2['id']}/delete", f"_csrf={admin_csrf}&version=9",
                                              {"Cookie": admin_cookie, "Content-Type": "application/x-www-form-urlencoded"})
    check(status == 409 and headers.get("content-type", "").startswith("text/html") and "Someone else changed" in body, "19: stale delete form → HTML 409 page", (status, body[:120]))

    # Also: security headers, identifiers unique ignoring case, a locked SQLite file, values not echoed whole.
    for path in ["/", "/login", "/patients", "/api/v1/openapi.json"]:
        headers = client.request("GET", path)[1]
        policy = headers.get("content-security-policy", "")
        check("default-src 'none'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
              and headers.get("x-frame-options") == "DENY" and headers.get("x-content-type-options") == "nosniff" and headers.get("referrer-policy"),
              f"headers: {path} carries CSP, X-Frame-Options, nosniff and Referrer-Policy", policy)
    check(clinical.request("POST", "/api/v1/patients", json.dumps({"identifier": "sec-3", "name": "Twin"}), bearer["admin"])[0] == 409,
          "identifiers are unique whatever their case")
    locker = sqlite3.connect(database, timeout=1, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    started = time.time()
    status, headers, body, _ = clinical.request("POST", "/api/v1/patients", json.dumps({"identifier": "SEC-4", "name": "F"}), bearer["admin"])
    elapsed = time.time() - started
    locker.execute("ROLLBACK")
    locker.close()
    check(status == 503 and elapsed < 5 and headers.get("retry-after"), f"a SQLite file locked by another process → 503 with Retry-After in {elapsed:.1f} s", (status, body[:150]))
    status, _, body, _ = clinical.request("POST", "/api/v1/stage", json.dumps({"site": "A" * 20000, "sizeCm": 3}), {"Content-Type": "application/json"})
    check(status == 422 and len(body) < 1500, f"a 20,000-character value is not echoed whole ({len(body)} bytes back)")


if __name__ == "__main__":
    sys.exit(main())
