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

schemas = {
 "FNCLCCInput": obj([], {"differentiationScore": integer, "subtype": string, "mitoticCount": number, "mitoticAreaMm2": number,
                         "necrosis": string, "necrosisPercent": number, "site": string}),
 "CaseInput": obj([], {
   "site": string, "topography": string, "trunkLocation": string, "diagnosisYear": integer, "histology": string,
   "primaryTumor": string, "sizeCm": number, "depth": string, "grade": {"type": ["string", "integer"]},
   "fnclcc": ref("FNCLCCInput"), "nodes": string, "metastasis": string, "basis": string, "extension": string,
   "invadedOrgans": arr(string), "headAndNeckInvasion": arr(string), "visceralExtent": string, "multifocalSites": integer,
   "uterineExtent": string, "cervixInvolved": boolean, "peritonealCytology": string, "discontinuousTumours": boolean,
   "system": {"type": "string", "enum": ["ajcc7", "ajcc8", "figo2009"]}, "t": string, "n": string, "m": string}),
 "RuleStep": obj(["rule", "section", "because", "decisions"], {"rule": string, "section": string, "because": string, "output": string, "decisions": arr(string)}),
 "StagingWarning": obj(["code", "message", "section"], {"code": string, "message": string, "section": string}),
 "SummaryStageResult": obj(["category", "label", "estimated", "steps"], {
   "code": {"type": "string", "enum": ["1", "2", "3", "4", "7", "9"]}, "category": string, "label": string,
   "estimated": boolean, "steps": arr(ref("RuleStep"))}),
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
 "UterineCriteriaInput": obj([], {"subtype": string, "atypia": string, "mitoticCount": number, "mitoticAreaMm2": number, "necrosis": string, "border": string}),
 "ClassifyRequest": obj([], {"kind": {"type": "string", "enum": ["uterine", "deepSoftTissue"]}, "uterine": ref("UterineCriteriaInput"),
   "atypia": boolean, "mitosesPer50HPF": integer, "necrosis": boolean}),
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
 "OptionsRequest": obj(["case"], {"case": ref("CaseInput"), "margin": string, "situation": string}),
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
 "Problem": obj(["type", "title", "status", "detail"], {"type": string, "title": string, "status": integer, "detail": string, "field": string}),
 "Health": obj(["status"], {"status": string}),
}

problem = {"description": "An RFC 9457 problem", "content": {"application/problem+json": {"schema": ref("Problem")}}}
def errors(*codes):
    labels = {"400": "Malformed request", "404": "Not found", "405": "Method not allowed", "413": "Body larger than 64 KiB",
              "422": "Invalid clinical input, with the field"}
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
}
doc = {"openapi": "3.1.0",
       "info": {"title": "Leio API", "version": "0.1.0",
                "description": "Leiomyosarcoma staging, grading, criteria checks, prognosis figures, treatment options, follow-up plans and care summaries over HTTP. Educational and registry software, not a medical device."},
       "servers": [{"url": "http://127.0.0.1:8080"}], "paths": paths, "components": {"schemas": schemas}}
out = os.path.join(os.path.dirname(__file__), "..", "Sources", "LeioServer", "Resources", "openapi.json")
json.dump(doc, open(out, "w"), indent=1)
print(len(paths), "paths,", len(schemas), "schemas")
