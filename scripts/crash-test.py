"""Crash safety of the registry: kill -9 the server in the middle of a burst of writes and reads, restart it, and
check that every write it acknowledged is there, that every read it answered has its audit row (reads' rows are
group-committed: a read is answered only once its row is durable), and that the database passes its integrity check.

    python3 scripts/crash-test.py [path/to/leio] [DATABASE] [--writers N] [--readers N] [--burst SECONDS]

DATABASE is a SQLite file path (default: a new temporary file) or an EMPTY PostgreSQL database URL. Exit code 0
when nothing acknowledged was lost and `leio store check` passes; 1 otherwise. Prints the figures.
"""
import json, os, signal, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

args = [a for a in sys.argv[1:] if not a.startswith("--")]
options = {k: v for k, v in zip(sys.argv[1:], sys.argv[2:]) if k.startswith("--")}
LEIO = args[0] if args else ".build/debug/leio"
DATABASE = args[1] if len(args) > 1 else os.path.join(tempfile.mkdtemp(), "crash.sqlite")
WRITERS = int(options.get("--writers", 16))
READERS = int(options.get("--readers", 16))
BURST = float(options.get("--burst", 3))
PORT = 18097
BASE = f"http://127.0.0.1:{PORT}"
LOG = open(os.path.join(tempfile.gettempdir(), "leio-crash-server.log"), "w")
kind = "PostgreSQL" if DATABASE.startswith("postgres") else "SQLite"


def leio(*arguments, stdin=None):
    return subprocess.run([LEIO, *arguments, "--database", DATABASE], input=stdin, capture_output=True, text=True, check=True).stdout.strip()


def start():
    server = subprocess.Popen([LEIO, "serve", "--host", "127.0.0.1", "--port", str(PORT), "--database", DATABASE], stdout=LOG, stderr=LOG)
    for _ in range(200):
        try:
            with urllib.request.urlopen(BASE + "/healthz", timeout=1):
                return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    sys.exit("the server did not start; see " + LOG.name)


leio("user", "create", "--username", "crash.admin", "--role", "admin", "--password-stdin", stdin="crash-test-password\n")
TOKEN = leio("user", "token", "--username", "crash.admin", "--name", "crash test")
HEADERS = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}

server = start()
acknowledged, lock, stop = set(), threading.Lock(), threading.Event()
errors_after_kill = [0]
answered_reads = {}  # patient id -> case-file reads answered 200


def post(path, payload):
    request = urllib.request.Request(BASE + path, data=json.dumps(payload).encode(), headers=HEADERS, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


SEEDED = [post("/api/v1/patients", {"identifier": f"READ-{n:02d}", "name": "Read target (fictional)"})["id"] for n in range(20)]


def reader(number):
    count = 0
    while not stop.is_set():
        patient = SEEDED[(number * 7 + count) % len(SEEDED)]
        request = urllib.request.Request(f"{BASE}/api/v1/patients/{patient}", headers=HEADERS)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                response.read()
                if response.status == 200:
                    with lock:
                        answered_reads[patient] = answered_reads.get(patient, 0) + 1
        except (urllib.error.URLError, ConnectionError, OSError):
            if stop.is_set() or server.poll() is not None:
                return
        count += 1


def writer(number):
    count = 0
    while not stop.is_set():
        identifier = f"CRASH-{number:02d}-{count:06d}"
        body = json.dumps({"identifier": identifier, "name": "Crash test patient (fictional)"}).encode()
        request = urllib.request.Request(BASE + "/api/v1/patients", data=body, headers=HEADERS, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 201:
                    with lock:
                        acknowledged.add(identifier)
        except (urllib.error.URLError, ConnectionError, OSError):
            errors_after_kill[0] += 1
            if stop.is_set() or server.poll() is not None:
                return
        count += 1


threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
threads += [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
started = time.time()
for thread in threads:
    thread.start()
time.sleep(BURST)
os.kill(server.pid, signal.SIGKILL)  # no chance to flush or close anything
server.wait()
killed_at = time.time()
stop.set()
for thread in threads:
    thread.join()

server = start()
present, offset = set(), 0
while True:
    request = urllib.request.Request(f"{BASE}/api/v1/patients?limit=1000&offset={offset}&q=crash-", headers=HEADERS)
    with urllib.request.urlopen(request, timeout=30) as response:
        page = json.load(response)
    present.update(listing["patient"]["identifier"] for listing in page)
    if len(page) < 1000:
        break
    offset += 1000
server.send_signal(signal.SIGTERM)
server.wait(timeout=30)
check = subprocess.run([LEIO, "store", "check", "--database", DATABASE], capture_output=True, text=True)
backup_file = os.path.join(tempfile.mkdtemp(), "backup.json")
subprocess.run([LEIO, "backup", "--database", DATABASE, backup_file], capture_output=True, check=True)
audited_reads = {}
for event in json.load(open(backup_file))["audit"]:
    if event["username"] == "crash.admin" and event["action"] == "read" and event.get("detail") == "case file":
        audited_reads[event["entityID"]] = audited_reads.get(event["entityID"], 0) + 1
os.remove(backup_file)
unaudited = {patient: count - audited_reads.get(patient, 0) for patient, count in answered_reads.items() if audited_reads.get(patient, 0) < count}

lost = sorted(acknowledged - present)
extra = present - acknowledged
seconds = killed_at - started
print(f"{kind}: {WRITERS} writers for {seconds:.1f} s, then kill -9")
print(f"  acknowledged writes (201): {len(acknowledged)} ({len(acknowledged) / seconds:.0f}/s)")
print(f"  present after restart:      {len(present)} (of which {len(extra)} were in flight at the kill, committed but not acknowledged)")
print(f"  acknowledged but lost:      {len(lost)}" + (f" — first: {lost[:5]}" if lost else ""))
print(f"  answered reads (200):       {sum(answered_reads.values())}; audit rows of those reads after restart: {sum(audited_reads.values())}")
print(f"  answered reads without row: {sum(unaudited.values())}")
print(f"  integrity check:            {check.stdout.strip()} {check.stderr.strip()}".rstrip())
if lost or unaudited or check.returncode != 0 or not acknowledged or not answered_reads:
    print("CRASH TEST FAILED")
    sys.exit(1)
print("crash test passed: every acknowledged write survived and every answered read has its audit row")
