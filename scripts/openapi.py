"""Writes Sources/LeioServer/Resources/openapi.json (OpenAPI 3.1) — run: python3 scripts/openapi.py.

The schemas mirror LeioCore's Codable types field by field; LeioServerTests checks every route's real responses
against them and validates the document, so the document cannot drift from the implementation unnoticed.
"""
import json, os

S = lambda **k: k
string, integer, number, boolean = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
def arr(items): return {"type": "array", "items": items}
def ref(name): return {"$ref": "#/components/schemas/" + name}
def obj(required, properties, additional=False):
    return {"type": "object", "required": required, "properties": properties, "additionalProperties": additional}
date = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}

# Coded fields: exactly the spellings LeioCore's ClinicalCode types accept (canonical value first, then aliases).
# OpenAPITests compares each list with `Type.acceptedSpellings`, so a new code fails the tests until it is added here.
# The server matches them case-insensitively; the document lists the canonical case.
def code(*spellings, description=None):
    schema = {"type": "string", "enum": list(spellings)}
    if description: schema["description"] = description
    return schema
SITE = code("extremity", "trunk", "softTissueNOS", "breast", "retroperitoneum", "peritoneum", "headAndNeck", "headAndNeckOrgan",
            "visceral", "heartMediastinum", "pleura", "uterus", "cervix", "ovaryOrTube", "otherGynaecologic", "skin", "bone", "boneSpine",
            "bonePelvis", "orbit", "other", "extremities", "limb", "uterine", "uterineCorpus", "headNeck", "cutaneous",
            description="Primary site (reference §1.4); or give an ICD-O-3 topography instead.")
NODES = code("NX", "N0", "N1", "cNX", "pNX", "cN0", "pN0", "cN1", "pN1")
METS = code("M0", "M1", "cM0", "pM0", "cM1", "pM1")
T_CODES = [p + t for p in ("",) for t in ("TX", "T0", "T1", "T1a", "T1b", "T2", "T2a", "T2b", "T3", "T3a", "T3b", "T4", "T4a", "T4b", "T4c")]
T_CODES += [prefix + t for t in T_CODES[:] for prefix in ("c", "p")]
GRADE = {"type": ["string", "integer"], "description": "FNCLCC grade, or low/high when only that is reported (omit when not assessable: GX).",
         "enum": ["G1", "G2", "G3", "GX", "low", "high", "differentiation", "1", "2", "3", "X", "lowGrade", "highGrade",
                  "wellDifferentiated", "moderatelyDifferentiated", "poorlyDifferentiated", 1, 2, 3]}

# The case document's schemas come from the one declaration in LeioCore (CaseField), via `leio fields --json-schema`;
# LeioServerTests fails when the committed document differs from what the declaration gives.
def leio_case_schemas():
    import subprocess
    built = os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "leio")
    command = [built] if os.path.exists(built) else ["swift", "run", "-q", "leio"]
    return json.loads(subprocess.check_output(command + ["fields", "--json-schema"]))

schemas = leio_case_schemas()
schemas.update({
 "RuleStep": obj(["rule", "section", "because", "decisions"], {"rule": string, "section": string, "because": string, "output": string, "decisions": arr(string)}),
 "StagingWarning": obj(["code", "message", "section"], {"code": string, "message": string, "section": string}),
 "SummaryStageNote": obj(["rule", "systems", "text", "section"], {
   "rule": string, "systems": arr({"type": "string", "enum": ["ajcc7", "ajcc8", "figo2009"]}), "text": string,
   "section": string}),
 "SummaryStageResult": obj(["category", "label", "estimated", "steps", "notes"], {
   "code": {"type": "string", "enum": ["1", "2", "3", "4", "7", "9"]}, "category": string, "label": string,
   "estimated": boolean, "steps": arr(ref("RuleStep")), "notes": arr(ref("SummaryStageNote"))}),
 "StagingResult": obj(["system", "systemLabel", "stageGroup", "status", "summaryStage", "steps", "warnings", "sources", "decisions"], {
   "system": {"type": "string", "enum": ["ajcc7", "ajcc8", "figo2009"]}, "systemLabel": string,
   "siteGroup": {"type": "string", "enum": ["TE", "RP", "HN", "AT", "HM", "UC", "CX", "OG", "SK", "BO", "OR", "OT"]},
   "t": string, "n": string, "m": string, "grade": string,
   "stageGroup": {"type": "string", "enum": ["I", "IA", "IB", "II", "IIA", "IIB", "III", "IIIA", "IIIB", "IIIC", "IV", "IVA", "IVB", "unknown", "notApplicable"]},
   "status": {"type": "string", "enum": ["computed", "substageUnknown", "unknown", "noGroupDefined", "notApplicable", "notImplemented"]},
   "reason": string, "summaryStage": ref("SummaryStageResult"), "steps": arr(ref("RuleStep")), "warnings": arr(ref("StagingWarning")),
   "sources": arr(string), "decisions": arr(string)}),
 "StagingReport": obj(["summaryStage", "results"], {
   "siteGroup": {"type": "string"}, "summaryStage": ref("SummaryStageResult"), "results": arr(ref("StagingResult"))}),
 "FNCLCCResult": obj(["grade", "steps", "warnings"], {
   "differentiationScore": integer, "mitoticScore": integer, "necrosisScore": integer, "total": integer,
   "normalisedMitoticCount": number, "grade": string, "steps": arr(ref("RuleStep")), "warnings": arr(ref("StagingWarning"))}),
 "UterineCriteriaInput": obj([], {"subtype": code("spindle", "epithelioid", "myxoid", "mixed", "unknown", "conventional"),
   "atypia": code("none", "mild", "moderate", "severe"), "mitoticCount": {"type": "number", "minimum": 0},
   "mitoticAreaMm2": {"type": "number", "exclusiveMinimum": 0}, "necrosis": code("present", "absent", "equivocal"),
   "border": code("pushing", "infiltrative", "unknown")}),
 "ClassifyRequest": obj([], {"kind": {"type": "string", "enum": ["uterine", "deepSoftTissue"]}, "uterine": ref("UterineCriteriaInput"),
   "atypia": boolean, "mitosesPer50HPF": {"type": "integer", "minimum": 0}, "necrosis": boolean}),
 "CriteriaCheck": obj(["criteriaMet", "summary", "features", "steps", "warnings", "label"], {
   "criteriaMet": {"type": "string", "enum": ["yes", "no", "indeterminate"]}, "summary": string, "featuresPresent": integer,
   "featuresRequired": integer, "features": {"type": "object", "additionalProperties": boolean}, "normalisedMitoticCount": number,
   "steps": arr(ref("RuleStep")), "warnings": arr(ref("StagingWarning")), "label": string}),
 "KnowledgeValue": obj(["value", "sources", "status"], {"value": string, "sources": arr(string), "status": string, "period": string}),
 "KnowledgeFact": obj(["id", "topic", "audience", "title", "text", "sources", "section", "status", "keywords"], {
   "id": string, "topic": string, "audience": arr(string), "title": string, "text": string, "sources": arr(string), "section": string,
   "status": string, "keywords": arr(string), "values": arr(ref("KnowledgeValue")), "conflict": string}),
 "SearchHit": obj(["fact", "score"], {"fact": ref("KnowledgeFact"), "score": number}),
 "PrognosisFigure": obj(["id", "cohort", "stage", "value", "period", "sources", "status"], {
   "id": string, "cohort": string, "stage": string, "value": string, "period": string, "sources": arr(string), "status": string, "measure": string}),
 "PrognosisReport": obj(["cohort", "population", "summaryStage", "summaryStageEstimated", "figures", "reportedByPatientMaterials", "recurrence", "caveats", "knowledgeBase"], {
   "cohort": string, "population": string, "summaryStage": string, "summaryStageEstimated": boolean, "note": string,
   "figures": arr(ref("PrognosisFigure")), "reportedByPatientMaterials": arr(ref("PrognosisFigure")), "recurrence": arr(ref("KnowledgeFact")),
   "caveats": arr(string), "knowledgeBase": string}),
 "OptionsRequest": obj(["case"], {"case": ref("CaseInput"), "margin": code("RX", "R0", "R1", "R2"),
   "situation": code("localized", "unresectable", "metastatic", "recurrent")}),
 "TreatmentOption": obj(["id", "title", "what", "when", "situations", "sources", "section", "status"], {
   "id": string, "title": string, "what": string, "when": string, "situations": arr(string), "sites": arr(string), "margins": arr(string),
   "requires": obj([], {"grades": arr(string), "maxSizeCm": number}), "approval": string, "conflict": string, "sources": arr(string),
   "section": string, "status": string}),
 "TreatmentOptionsReport": obj(["banner", "situation", "options", "clinicalTrials", "sarcomaCentres", "notes", "sources"], {
   "banner": string, "situation": string, "siteGroup": string, "margin": string, "options": arr(ref("TreatmentOption")),
   "clinicalTrials": string, "sarcomaCentres": string, "notes": arr(string), "sources": arr(string)}),
 "PlanRequest": obj(["case", "treatmentEnd"], {"case": ref("CaseInput"), "treatmentEnd": string, "today": string, "lastVisit": string}),
 "FollowUpVisit": obj(["month", "date", "tests", "isCheckpoint"], {"month": integer, "date": date, "tests": arr(string), "status": string, "isCheckpoint": boolean}),
 "FollowUpPlan": obj(["riskGroup", "riskGroupLabel", "reason", "flagged", "treatmentEnd", "visits", "label", "endRule", "scheduleVersion", "sources"], {
   "riskGroup": string, "riskGroupLabel": string, "reason": string, "flagged": boolean, "treatmentEnd": date, "today": date, "lastVisit": date,
   "visits": arr(ref("FollowUpVisit")), "label": string, "endRule": string, "scheduleVersion": string, "sources": arr(string)}),
 "ReportRequest": obj(["case"], {"case": ref("CaseInput"), "format": {"type": "string", "enum": ["html", "text"]}, "label": string,
   "treatmentEnd": string, "today": string, "margin": string}),
 "Problem": obj(["type", "title", "status", "detail"], {"type": string, "title": string, "status": integer, "detail": string, "field": string,
   "problems": {"type": "array", "items": ref("FHIRProblem"), "description": "Every problem of a refused FHIR bundle"}}),
 "Health": obj(["status"], {"status": string}),
 # The registry (issue 5): records as the store returns them; times are milliseconds since 1970 UTC.
 "Patient": obj(["id", "version", "createdAt", "updatedAt", "identifier", "name"], {
   "id": string, "version": integer, "createdAt": integer, "updatedAt": integer, "deletedAt": integer, "identifier": string, "name": string,
   "birthDate": date, "sex": {"type": "string", "enum": ["female", "male", "other", "unknown"]}}),
 "ImportReport": obj(["patientsCreated", "patientsUpdated", "patientsUnchanged", "tumoursCreated", "tumoursUpdated", "tumoursUnchanged", "eventsCreated", "eventsUpdated", "treatmentsCreated", "treatmentsUpdated", "treatmentsUnchanged", "dryRun"],
   {k: integer for k in ["patientsCreated", "patientsUpdated", "patientsUnchanged", "tumoursCreated", "tumoursUpdated", "tumoursUnchanged", "eventsCreated", "eventsUpdated", "treatmentsCreated", "treatmentsUpdated", "treatmentsUnchanged"]} | {"dryRun": {"type": "boolean"}}),
 "FHIRProblem": obj(["location", "message"], {"location": {"type": "string", "description": "FHIRPath location, e.g. Bundle.entry[2].resource.ofType(Condition).bodySite[0]"}, "message": string}),
 "FHIRImportResult": obj(["report", "warnings"], {"report": ref("ImportReport"), "warnings": arr(ref("FHIRProblem"))}),
 "ReportedStage": obj(["system", "leioStageGroup", "source"], {"system": {"type": "string", "enum": ["ajcc7", "ajcc8", "figo2009"]},
   "stageGroup": string, "t": string, "n": string, "m": string, "leioStageGroup": string, "source": string}),
 "NAACCRImportResult": obj(["report", "tumoursRead", "refused", "outOfScope"],
   {"report": ref("ImportReport"), "tumoursRead": integer, "refused": integer, "outOfScope": integer}),
 "Tumour": obj(["id", "version", "createdAt", "updatedAt", "patientID", "facts", "rulesVersion"], {
   "id": string, "version": integer, "createdAt": integer, "updatedAt": integer, "deletedAt": integer, "patientID": string, "diagnosisDate": date,
   "facts": ref("CaseInput"), "siteGroup": string, "stagingSystem": string, "stageGroup": string, "stageStatus": string, "summaryStage": string,
   "rulesVersion": string, "riskGroup": string, "nextDueDate": date,
   "recordNumber": {"type": "string", "pattern": "^[0-9]{2}$", "description": "NAACCR Tumor Record Number (item 60), set by a NAACCR import"},
   "reportedStages": {"type": "array", "items": ref("ReportedStage"), "description": "The stages an imported FHIR bundle reported where they differ from Leio's"}}),
 "Treatment": obj(["id", "version", "createdAt", "updatedAt", "tumourID", "kind", "startDate"], {
   "id": string, "version": integer, "createdAt": integer, "updatedAt": integer, "deletedAt": integer, "tumourID": string,
   "kind": {"type": "string", "enum": ["surgery", "radiation", "systemic"]}, "startDate": date, "endDate": date,
   "margin": {"type": "string", "enum": ["R0", "R1", "R2", "RX"]}, "agent": string, "notes": string}),
 "FollowUpEvent": obj(["id", "version", "createdAt", "updatedAt", "patientID", "kind", "date"], {
   "id": string, "version": integer, "createdAt": integer, "updatedAt": integer, "deletedAt": integer, "patientID": string, "tumourID": string,
   "kind": {"type": "string", "enum": ["visit", "imaging", "recurrence", "lastContact", "death"]}, "date": date,
   "imagingResult": {"type": "string", "enum": ["noEvidence", "suspicious", "recurrence"]}, "recurrenceType": {"type": "string", "enum": ["local", "distant"]},
   "site": string, "notes": string}),
 "PatientFile": obj(["patient", "tumours", "treatments", "events"], {"patient": ref("Patient"), "tumours": arr(ref("Tumour")),
   "treatments": arr(ref("Treatment")), "events": arr(ref("FollowUpEvent"))}),
 "PatientListing": obj(["patient", "tumourCount", "stageGroups", "siteGroups"], {"patient": ref("Patient"), "tumourCount": integer,
   "stageGroups": arr(string), "siteGroups": arr(string), "nextDueDate": date}),
 "FollowUpBoard": obj(["today", "overdue", "dueWithin30Days"], {"today": date, "overdue": arr(ref("PatientListing")), "dueWithin30Days": arr(ref("PatientListing"))}),
 "AuditEvent": obj(["seq", "at", "username", "action", "entity"], {"seq": integer, "at": integer, "accountID": string, "username": string,
   "action": string, "entity": string, "entityID": string, "remote": string, "detail": string}),
 "AccountSummary": obj(["id", "username", "role", "version", "disabled", "locked"], {"id": string, "username": string,
   "role": {"type": "string", "enum": ["admin", "clinician", "registrar", "viewer"]}, "version": integer, "disabled": boolean, "locked": boolean}),
 "PatientBody": obj(["identifier", "name"], {"identifier": {"type": "string", "minLength": 1, "maxLength": 64}, "name": {"type": "string", "minLength": 1, "maxLength": 200},
   "birthDate": date, "sex": {"type": "string", "enum": ["female", "male", "other", "unknown"]}, "version": {"type": "integer", "minimum": 1}}),
 "TumourBody": obj(["facts"], {"diagnosisDate": date, "facts": ref("CaseInput"), "version": {"type": "integer", "minimum": 1}}),
 "TreatmentBody": obj(["kind", "startDate"], {"kind": {"type": "string", "enum": ["surgery", "radiation", "systemic"]}, "startDate": date, "endDate": date,
   "margin": {"type": "string", "enum": ["R0", "R1", "R2", "RX"]}, "agent": string, "notes": string, "tumourID": string, "version": {"type": "integer", "minimum": 1}}),
 "EventBody": obj(["kind", "date"], {"kind": {"type": "string", "enum": ["visit", "imaging", "recurrence", "lastContact", "death"]}, "date": date,
   "patientID": string, "tumourID": string, "imagingResult": {"type": "string", "enum": ["noEvidence", "suspicious", "recurrence"]},
   "recurrenceType": {"type": "string", "enum": ["local", "distant"]}, "site": string, "notes": string, "version": {"type": "integer", "minimum": 1}}),
 "RegistryBackup": {"type": "object", "required": ["format", "formatVersion", "schema", "patients", "tumours", "treatments", "events", "accounts", "audit"],
   "properties": {"format": {"const": "leio-registry-backup"}, "formatVersion": integer,
                  "scope": {"type": "string", "enum": ["clinical", "full"], "description": "clinical: patients, tumours, treatments, events only; full: also accounts (with password hashes) and the audit log"}}},
})

problem = {"description": "An RFC 9457 problem", "content": {"application/problem+json": {"schema": ref("Problem")}}}
def errors(*codes):
    labels = {"400": "Malformed request", "401": "Not signed in (send a session cookie or 'Authorization: Bearer TOKEN')",
              "403": "The account's role does not allow this, or a missing CSRF token", "404": "Not found", "405": "Method not allowed",
              "409": "Changed by someone else since it was read (stale version), a duplicate, or a record under a deleted patient", "413": "Body larger than 64 KiB",
              "422": "Invalid clinical input or an unknown field, with the field", "503": "The database is busy (locked by another process) or unreachable; retry after Retry-After"}
    return {c: {**problem, "description": labels[c]} for c in codes}
def post(op, summary, request, response, media="application/json"):
    return {"post": {"operationId": op, "summary": summary,
                     "requestBody": {"required": True, "content": {"application/json": {"schema": request}}},
                     "responses": {"200": {"description": "OK", "content": {media: {"schema": response}}}, **errors("400", "413", "422")}}}

paths = {
 "/api/v1/stage": post("stage", "Stage a case (every applicable system, or the case's system)", ref("CaseInput"),
                       {"anyOf": [ref("StagingResult"), ref("StagingReport")]}),
 "/api/v1/grade": post("grade", "FNCLCC grade from its components", ref("FNCLCCInput"), ref("FNCLCCResult")),
 "/api/v1/classify": post("classify", "Criteria check for smooth-muscle tumours (not a diagnosis)", ref("ClassifyRequest"), ref("CriteriaCheck")),
 "/api/v1/prognosis": post("prognosis", "Population figures for the case's summary stage and cohort", ref("CaseInput"), ref("PrognosisReport")),
 "/api/v1/options": post("options", "Treatment options the guidelines list for the case's situation", ref("OptionsRequest"), ref("TreatmentOptionsReport")),
 "/api/v1/plan": post("plan", "Dated follow-up plan", ref("PlanRequest"), ref("FollowUpPlan")),
 "/api/v1/plan.ics": post("planCalendar", "Follow-up plan as an RFC 5545 calendar", ref("PlanRequest"), string, "text/calendar; charset=utf-8"),
 "/api/v1/report": post("report", "Care summary (HTML page or plain text)", ref("ReportRequest"), string, "text/html; charset=utf-8"),
 "/api/v1/facts": {"get": {"operationId": "searchFacts", "summary": "Ranked search over the knowledge base",
   "parameters": [{"name": "q", "in": "query", "required": True, "schema": {"type": "string", "minLength": 1}},
                  {"name": "audience", "in": "query", "schema": {"type": "string", "enum": ["patient", "clinician"]}},
                  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}}],
   "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": arr(ref("SearchHit"))}}}, **errors("400")}}},
 "/api/v1/facts/{id}": {"get": {"operationId": "showFact", "summary": "One fact with its values and sources",
   "parameters": [{"name": "id", "in": "path", "required": True, "schema": string}],
   "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": ref("KnowledgeFact")}}}, **errors("404")}}},
 "/api/v1/openapi.json": {"get": {"operationId": "openapi", "summary": "This document",
   "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
 "/healthz": {"get": {"operationId": "health", "summary": "Liveness", "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": ref("Health")}}}}}},
 "/readyz": {"get": {"operationId": "ready", "summary": "Readiness: the registry's database answers a query", "responses": {
   "200": {"description": "Ready", "content": {"application/json": {"schema": ref("Health")}}},
   "503": {"description": "The database does not answer", "content": {"application/json": {"schema": ref("Health")}}}}}},
}
# Registry routes: every one needs a signed-in account with the role's permission (x-leio-permission).
def ok(schema, code="200"):
    return {code: {"description": "OK" if code == "200" else "Created", "content": {"application/json": {"schema": schema}}}}
def registry(op, summary, permission, responses, parameters=(), body=None, codes=("401", "403")):
    operation = {"operationId": op, "summary": summary, "security": [{"bearerToken": []}, {"sessionCookie": []}],
                 "x-leio-permission": permission, "parameters": list(parameters), "responses": {**responses, **errors(*codes)}}
    if body: operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return operation
pid = {"name": "id", "in": "path", "required": True, "schema": string}
version = {"name": "version", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 1}}
write_codes = ("400", "401", "403", "404", "409", "413", "422")
paths.update({
 "/api/v1/me": {"get": registry("me", "The signed-in account", "any", ok(ref("AccountSummary")))},
 "/api/v1/patients": {
   "get": registry("listPatients", "Patients with filters (name/identifier text, site group, stage group, overdue, due in 30 days)", "readPatients",
                   ok(arr(ref("PatientListing"))), parameters=[{"name": n, "in": "query", "schema": sc} for n, sc in [
                     ("q", string), ("site", {"type": "string", "enum": ["TE", "RP", "HN", "AT", "HM", "UC", "CX", "OG", "SK", "BO", "OR", "OT"]}),
                     ("stage", {"type": "string", "enum": ["I", "IA", "IB", "II", "IIA", "IIB", "III", "IIIA", "IIIB", "IIIC", "IV", "IVA", "IVB", "unknown", "notApplicable"]}), ("overdueOn", date), ("dueFrom", date), ("deleted", {"type": "string", "enum": ["true", "false"]}),
                     ("limit", {"type": "integer", "minimum": 1, "maximum": 1000}), ("offset", {"type": "integer", "minimum": 0})]], codes=("400", "401", "403", "422")),
   "post": registry("createPatient", "Add a patient", "writePatients", ok(ref("Patient"), "201"), body=ref("PatientBody"), codes=write_codes)},
 "/api/v1/patients/{id}": {
   "get": registry("patientFile", "A patient with their tumours, treatments and events", "readPatients", ok(ref("PatientFile")), [pid], codes=("401", "403", "404")),
   "put": registry("updatePatient", "Change a patient (give the version read)", "writePatients", ok(ref("Patient")), [pid], ref("PatientBody"), write_codes),
   "delete": registry("deletePatient", "Delete a patient (soft; can be restored)", "writePatients", ok(ref("Patient")), [pid, version], codes=write_codes)},
 "/api/v1/patients/{id}/restore": {"post": registry("restorePatient", "Undo a delete", "writePatients", ok(ref("Patient")), [pid, version], codes=write_codes)},
 "/api/v1/patients/{id}/tumours": {"post": registry("createTumour", "Add a tumour: its facts are validated and staged", "writePatients",
                                                    ok(ref("Tumour"), "201"), [pid], ref("TumourBody"), write_codes)},
 "/api/v1/patients/{id}/events": {"post": registry("createEvent", "Record a follow-up event", "writePatients", ok(ref("FollowUpEvent"), "201"), [pid], ref("EventBody"), write_codes)},
 "/api/v1/tumours/{id}": {
   "put": registry("updateTumour", "Change a tumour's facts (restaged)", "writePatients", ok(ref("Tumour")), [pid], ref("TumourBody"), write_codes),
   "delete": registry("deleteTumour", "Delete a tumour (soft)", "writePatients", ok(ref("Tumour")), [pid, version], codes=write_codes)},
 "/api/v1/tumours/{id}/treatments": {"post": registry("createTreatment", "Add a treatment", "writePatients", ok(ref("Treatment"), "201"), [pid], ref("TreatmentBody"), write_codes)},
 "/api/v1/treatments/{id}": {
   "put": registry("updateTreatment", "Change a treatment", "writePatients", ok(ref("Treatment")), [pid], ref("TreatmentBody"), write_codes),
   "delete": registry("deleteTreatment", "Delete a treatment (soft)", "writePatients", ok(ref("Treatment")), [pid, version], codes=write_codes)},
 "/api/v1/events/{id}": {
   "put": registry("updateEvent", "Change a follow-up event", "writePatients", ok(ref("FollowUpEvent")), [pid], ref("EventBody"), write_codes),
   "delete": registry("deleteEvent", "Delete a follow-up event (soft)", "writePatients", ok(ref("FollowUpEvent")), [pid, version], codes=write_codes)},
 "/api/v1/follow-up": {"get": registry("followUpBoard", "Overdue and due in the next 30 days", "readPatients", ok(ref("FollowUpBoard")),
                                       [{"name": "today", "in": "query", "schema": date}], codes=("401", "403", "422"))},
 "/api/v1/audit": {"get": registry("auditLog", "The audit log, newest first", "readAudit", ok(arr(ref("AuditEvent"))),
                                   [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10000}},
                                    {"name": "before", "in": "query", "schema": {"type": "integer"}}, {"name": "entity", "in": "query", "schema": string}])},
 "/api/v1/export": {"get": registry("exportRegistry", "The registry as a portable backup: clinical records for registrars; admins get the full backup (accounts, audit log) unless they ask for scope=clinical",
                                    "exportRegistry", ok(ref("RegistryBackup")),
                                    [{"name": "scope", "in": "query", "schema": {"type": "string", "enum": ["clinical", "full"]}}], codes=("400", "401", "403"))},
 "/api/v1/import/naaccr": {"post": {**registry("importNaaccr",
     "Import a NAACCR XML file (the body: plain XML or gzip, at most 256 MiB, streamed): patients by patientIdNumber, LMS-family tumours by tumorRecordNumber, staged on write; idempotent; one transaction (a file with any bad record imports nothing, 422 listing every bad record with its line)",
     "importRegistry", ok(ref("NAACCRImportResult")),
     [{"name": "dryRun", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}, "description": "true: check and report, write nothing"}],
     codes=("400", "401", "403", "413", "422")),
   "requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}},
                                                 "application/gzip": {"schema": {"type": "string", "format": "binary"}}}}}},
 "/api/v1/patients/{id}/fhir": {"get": registry("patientFhirBundle",
     "The patient's mCODE STU4 patient bundle (FHIR R4 JSON, Bundle.type collection): cancer patient, primary cancer conditions, TNM/FIGO stages restaged with the current rules, tumour size, histologic grade, procedures, medication administrations, disease status; the id or the identifier",
     "readPatients", {"200": {"description": "OK", "content": {"application/fhir+json": {"schema": {"type": "object", "required": ["resourceType", "type", "entry"], "properties": {"resourceType": {"const": "Bundle"}, "type": {"const": "collection"}, "entry": {"type": "array", "items": {"type": "object"}}}}}}}},
     [pid], codes=("401", "403", "404"))},
 "/api/v1/fhir": {"post": {**registry("importFhirBundle",
     "Import an mCODE patient bundle (FHIR R4 JSON, at most 16 MiB): the patient (by identifier) and tumours created or updated and restaged, with treatments and follow-up; the bundle's own stage kept where it differs from Leio's; one transaction (422 listing every problem with its FHIRPath location)",
     "writePatients", ok(ref("FHIRImportResult")),
     [{"name": "dryRun", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}, "description": "true: check and report, write nothing"}],
     codes=("400", "401", "403", "413", "422")),
   "requestBody": {"required": True, "content": {"application/fhir+json": {"schema": {"type": "object"}}, "application/json": {"schema": {"type": "object"}}}}}},
 "/api/v1/export/outcomes": {"get": registry("exportOutcomes",
     "The registry's live tumours as an outcomes dataset (CSV, one pseudonymous row per tumour: facts, stage, treatments, follow-up clocks in days; docs/outcomes.md)",
     "exportRegistry", {"200": {"description": "OK", "content": {"text/csv": {"schema": {"type": "string"}}}}},
     [{"name": "from", "in": "query", "schema": date}, {"name": "to", "in": "query", "schema": date},
      {"name": "site", "in": "query", "schema": {"type": "string", "enum": ["TE", "RP", "HN", "AT", "HM", "UC", "CX", "OG", "SK", "BO", "OR", "OT"]}}],
     codes=("400", "401", "403"))},
 "/api/v1/export/naaccr": {"get": registry("exportNaaccr",
     "The registry's live patients and tumours as NAACCR XML (base dictionary 260; each tumour's case document in Leio's user item leioCaseDocument)",
     "exportRegistry", {"200": {"description": "OK", "content": {"application/xml": {"schema": {"type": "string"}}}}})},
})
doc = {"openapi": "3.1.0",
       "info": {"title": "Leio API", "version": "0.1.0",
                "description": "Leiomyosarcoma staging, grading, criteria checks, prognosis figures, treatment options, follow-up plans and care summaries over HTTP. Educational and registry software, not a medical device."},
       "servers": [{"url": "http://127.0.0.1:8080"}], "paths": paths,
       "components": {"schemas": schemas, "securitySchemes": {
         "bearerToken": {"type": "http", "scheme": "bearer", "description": "An API token from `leio user token`."},
         "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "leio_session",
                           "description": "The web session; changes also need the X-CSRF-Token header."}}}}
out = os.path.join(os.path.dirname(__file__), "..", "Sources", "LeioServer", "Resources", "openapi.json")
json.dump(doc, open(out, "w"), indent=1)
print(len(paths), "paths,", len(schemas), "schemas")
