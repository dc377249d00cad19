"""Leio behind nginx as a TLS reverse proxy, with the configuration docs/deployment.md gives (issue 17 §2).

    python3 scripts/proxy-test.py [path/to/leio]

Makes a throw-away certificate authority and server certificate (openssl), writes docs/deployment.md's nginx
configuration with test ports (nginx listens on 127.0.0.1:18443 with TLS and reaches Leio from 127.0.0.2, the one
address `leio serve --trusted-proxy 127.0.0.2` trusts), then checks through the proxy — with the clients on their
own loopback addresses, 127.0.0.3 and 127.0.0.4:
  - cookies carry Secure over HTTPS (X-Forwarded-Proto: https), and not when a trusted proxy says http;
  - sign-in works through the proxy (the same-origin check sees the browser's Origin and the forwarded Host), a
    cross-site Origin is refused;
  - the audit log names the client's own address, not the proxy's, and a forged X-Forwarded-For is not believed;
  - a lock-out earned from one client address does not lock out the same user at another address.
Exit code 0 when everything holds.
"""
import http.client, json, os, re, shutil, ssl, subprocess, sys, tempfile, time, urllib.parse

LEIO = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/leio"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WORK = tempfile.mkdtemp(prefix="leio-proxy-")
DATABASE = os.path.join(WORK, "registry.sqlite")
LEIO_PORT, TLS_PORT = 18120, 18443
PASSWORD = "proxy-test-password"
failures, processes = [], []


def check(condition, label):
    print(("  ok    " if condition else "  FAIL  ") + label)
    if not condition:
        failures.append(label)


def run(*command, stdin=None):
    return subprocess.run(command, input=stdin, capture_output=True, text=True, check=True).stdout.strip()


# A certificate authority and a certificate for 127.0.0.1 (subjectAltName IP), made for this run only.
run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Leio test CA",
    "-keyout", f"{WORK}/ca.key", "-out", f"{WORK}/ca.pem")
run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", f"{WORK}/server.key",
    "-out", f"{WORK}/server.csr")
with open(f"{WORK}/san.ext", "w") as extensions:
    extensions.write("subjectAltName = IP:127.0.0.1\nbasicConstraints = CA:FALSE\n")
run("openssl", "x509", "-req", "-in", f"{WORK}/server.csr", "-CA", f"{WORK}/ca.pem", "-CAkey", f"{WORK}/ca.key",
    "-CAcreateserial", "-days", "1", "-extfile", f"{WORK}/san.ext", "-out", f"{WORK}/server.pem")

# docs/deployment.md's server block, with this run's ports, certificate and proxy address.
documented = open(os.path.join(os.path.dirname(__file__), "..", "docs", "deployment.md")).read()
server_block = re.search(r"```nginx\n(.*?)```", documented, re.S).group(1)
server_block = (server_block.replace("listen 443 ssl;", f"listen 127.0.0.1:{TLS_PORT} ssl;")
                .replace("listen [::]:443 ssl;", "")
                .replace("/etc/ssl/leio/fullchain.pem", f"{WORK}/server.pem")
                .replace("/etc/ssl/leio/privkey.pem", f"{WORK}/server.key")
                .replace("http://127.0.0.1:8080", f"http://127.0.0.1:{LEIO_PORT}")
                .replace("proxy_bind 127.0.0.1;", "proxy_bind 127.0.0.2;"))
check(f"127.0.0.1:{TLS_PORT}" in server_block and "proxy_bind 127.0.0.2;" in server_block,
      "docs/deployment.md's nginx server block is the one tested")
with open(f"{WORK}/nginx.conf", "w") as config:
    config.write(f"""worker_processes 1;
daemon off;
pid {WORK}/nginx.pid;
error_log {WORK}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {WORK}/body; proxy_temp_path {WORK}/proxy;
  fastcgi_temp_path {WORK}/fastcgi; uwsgi_temp_path {WORK}/uwsgi; scgi_temp_path {WORK}/scgi;
{server_block}
}}
""")
check(subprocess.run([NGINX, "-t", "-p", WORK, "-c", f"{WORK}/nginx.conf"], capture_output=True).returncode == 0,
      "nginx -t accepts the configuration")

run(LEIO, "user", "create", "--database", DATABASE, "--username", "proxy.admin", "--role", "admin", "--password-stdin",
    stdin=PASSWORD + "\n")
run(LEIO, "user", "create", "--database", DATABASE, "--username", "proxy.viewer", "--role", "viewer",
    "--password-stdin", stdin=PASSWORD + "\n")
TOKEN = run(LEIO, "user", "token", "--database", DATABASE, "--username", "proxy.admin", "--name", "proxy test")
processes.append(subprocess.Popen([LEIO, "serve", "--host", "127.0.0.1", "--port", str(LEIO_PORT), "--database", DATABASE,
                                   "--trusted-proxy", "127.0.0.2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
processes.append(subprocess.Popen([NGINX, "-p", WORK, "-c", f"{WORK}/nginx.conf"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL))
TLS = ssl.create_default_context(cafile=f"{WORK}/ca.pem")


def call(method, path, body=None, headers=None, source="127.0.0.3", direct=False):
    """One request, through the proxy over HTTPS from `source` (or straight to Leio over HTTP with `direct`)."""
    if direct:
        connection = http.client.HTTPConnection("127.0.0.1", LEIO_PORT, timeout=10, source_address=(source, 0))
    else:
        connection = http.client.HTTPSConnection("127.0.0.1", TLS_PORT, timeout=10, context=TLS, source_address=(source, 0))
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    result = response.status, response.getheaders(), response.read().decode(errors="replace")
    connection.close()
    return result


def cookies(headers):
    return [value for name, value in headers if name.lower() == "set-cookie"]


def sign_in(username, password, source, origin=f"https://127.0.0.1:{TLS_PORT}"):
    status, headers, page = call("GET", "/login", source=source)
    csrf_cookie = next(c.split(";")[0] for c in cookies(headers) if c.startswith("leio_login_csrf="))
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": username, "password": password, "_csrf": token})
    return call("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": csrf_cookie,
                                         "Origin": origin}, source=source)


try:
    for _ in range(200):
        try:
            if call("GET", "/readyz")[0] == 200:
                break
        except OSError:
            time.sleep(0.05)
    status, headers, _ = call("GET", "/login")
    check(status == 200 and all("Secure" in c for c in cookies(headers)),
          f"GET /login through the proxy over HTTPS: the CSRF cookie is Secure ({cookies(headers)[:1]})")
    status, headers, _ = call("GET", "/login", headers={"X-Forwarded-Proto": "http"}, source="127.0.0.2", direct=True)
    check(status == 200 and not any("Secure" in c for c in cookies(headers)),
          "a trusted proxy forwarding plain HTTP (X-Forwarded-Proto: http): no Secure")
    status, headers, _ = call("GET", "/login", headers={"X-Forwarded-Proto": "https"}, source="127.0.0.1", direct=True)
    check(not any("Secure" in c for c in cookies(headers)),
          "X-Forwarded-Proto from an address that is not the trusted proxy is ignored")

    status, headers, _ = sign_in("proxy.admin", PASSWORD, "127.0.0.3")
    session = [c for c in cookies(headers) if c.startswith("leio_session=")]
    check(status == 303 and session and "Secure" in session[0] and "HttpOnly" in session[0],
          f"sign-in through the proxy with the browser's Origin: 303 and a Secure, HttpOnly session cookie ({status})")
    status, _, _ = sign_in("proxy.admin", PASSWORD, "127.0.0.3", origin="https://evil.example")
    check(status == 403, f"the same form posted with another site's Origin is refused ({status})")

    # Whose address the audit log records: the client's, as nginx saw it — not the proxy's, not a forged one.
    api = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json", "X-Forwarded-For": "203.0.113.66"}
    status, _, body = call("POST", "/api/v1/patients", json.dumps({"identifier": "PROXY-1", "name": "Proxy (fictional)"}),
                           api, source="127.0.0.4")
    check(status == 201, f"an API write through the proxy ({status})")
    patient = json.loads(body)["id"]
    status, _, body = call("GET", f"/api/v1/audit?entity={patient}", headers=api)
    remotes = {event.get("remote") for event in json.loads(body)} if status == 200 else set()
    check(remotes == {"127.0.0.4"}, f"the audit log names the client's address (127.0.0.4), not the forged one or the proxy's: {remotes}")

    # A lock-out earned at 127.0.0.3 does not lock the user out at 127.0.0.4 (the proxy does not lump clients together).
    codes = [sign_in("proxy.viewer", f"wrong password {n}", "127.0.0.3")[0] for n in range(5)]
    locked = sign_in("proxy.viewer", PASSWORD, "127.0.0.3")[0]
    elsewhere = sign_in("proxy.viewer", PASSWORD, "127.0.0.4")[0]
    check(codes == [401] * 5 and locked == 429 and elsewhere == 303,
          f"five failures from 127.0.0.3 lock that address out (429) but not 127.0.0.4 (303): {codes}, {locked}, {elsewhere}")
finally:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    shutil.rmtree(WORK, ignore_errors=True)

print("PROXY TEST FAILED" if failures else "proxy test passed")
sys.exit(1 if failures else 0)
