"""The source register as people read it (reference Appendix A): for each knowledge-base source key, the kind of
document, its title, publisher and date (None where the source does not state them — never guessed), a visible label
for the seed documents (whose keys are file names and are never shown), and a note on how it was read.
Used by scripts/knowledge_base.py; links come from the Appendix A locator (URL, or DOI as https://doi.org/…).
"""
import re

# key: (kind, title, publisher or None, date or None, label or None, note or None)
NS = None
META = {
 "000_88804929046fcac8.txt": ("Patient-information page", "What is Leiomyosarcoma (LMS)?", "National Leiomyosarcoma Foundation", NS, "NLMSF-PATIENT", "supplied to the project as text; no web address given"),
 "001_412ead92d411c6f8.txt": ("Patient-information page", "LeioMyoSarcoma (LMS) overview, with a passage cited from mdanderson.org", NS, NS, "LMS-OVERVIEW", "supplied to the project as text; no web address given"),
 "002_112462c0315817a9.txt": ("Patient-information page", "Facing Treatment for Leiomyosarcoma", "Verywell Health (author Jennifer Welsh)", NS, "VERYWELL-LMS", "supplied to the project as text; no web address given"),
 "003_0481b7c132e0a5c9.txt": ("Patient-information article", "Leiomyosarcoma (LMS) article in the style of MedicineNet (title not stated)", NS, NS, "LMS-ARTICLE", "supplied to the project as text; no web address given"),
 "004_f1fec035b373446b.txt": ("Patient-information page", "What is Leiomyosarcoma (LMS)?", "a patient foundation (name not stated)", NS, "FOUNDATION-PATIENT", "supplied to the project as text; no web address given"),
 "ACS-GIST-SURV": ("Web page", "Survival rates for GIST", "American Cancer Society", NS, NS, NS),
 "ACS-USARC-DETECT": ("Patient-information page", "Uterine sarcoma early detection, diagnosis and staging", "American Cancer Society", NS, NS, "read from a copy on docslib.org"),
 "AETNA-OLARA": ("Clinical policy bulletin", "Clinical policy bulletin 0913 (olaratumab withdrawal)", "Aetna", NS, NS, NS),
 "AGO-AT": ("Guideline manual", "Uterine sarcomas – follow-up", "AGO Austria", NS, NS, NS),
 "AJCC-ATLAS-BONE": ("Book figures", "AJCC Cancer Staging Atlas, 2nd edition: bone figures", "American Joint Committee on Cancer", NS, NS, "read from slides on slideplayer.com"),
 "AJCC8-VISC": ("Staging manual chapter", "AJCC Cancer Staging Manual, 8th edition: soft tissue sarcoma of the abdomen and thoracic visceral organs", "American Joint Committee on Cancer", "2017", NS, NS),
 "AJCO-2018-RPS": ("Journal article (abstract)", "AJCC 8th edition staging for retroperitoneal sarcoma (NCDB), Fisher SB et al.", "American Journal of Clinical Oncology", "2018", NS, NS),
 "AJSP-2016-MLMS": ("Journal article", "Myxoid leiomyosarcoma of the uterus, Parra-Herran C et al.", "American Journal of Surgical Pathology", "2016", NS, NS),
 "AJSP-2022-ELMS": ("Journal article", "Epithelioid leiomyosarcoma of the uterus: outcome-based appraisal", "American Journal of Surgical Pathology", "2022", NS, NS),
 "BCCANCER-FU": ("Web page", "Follow-up after treatment for sarcoma", "BC Cancer", NS, NS, "summarises ESMO and NCCN"),
 "BEO-2021-BONE": ("Journal article", "Osteosarcoma review, Table 3 (AJCC bone stage groups, simplified)", "BioMedical Engineering OnLine", "2021", NS, NS),
 "CANCERNET-STS-STAGES": ("Patient-information page", "Sarcoma, soft tissue: stages and grades", "Cancer.Net (American Society of Clinical Oncology)", NS, NS, NS),
 "CORR-FU": ("Abstract", "Timing of local recurrence and metastasis in 867 resected soft tissue sarcomas", NS, NS, NS, "abstract only; journal not confirmed"),
 "CURESARCOMA-EBV": ("Patient-information page", "EBV-associated smooth muscle tumor", "Cure Sarcoma", NS, NS, "cites WHO 2020"),
 "DAMBROSIO-2020": ("Journal article", "Doxorubicin plus dacarbazine, doxorubicin plus ifosfamide or doxorubicin alone in advanced leiomyosarcoma (EORTC), D'Ambrosio L et al.", "Cancer", "2020", NS, NS),
 "ESMO-2010-KICK": ("Web page quoting a guideline", "ESMO 2010 soft tissue sarcoma follow-up recommendation", "Kick Sarcoma", "2010 (the guideline)", NS, NS),
 "ESMO-2014": ("Clinical practice guideline", "Soft tissue and visceral sarcomas: ESMO clinical practice guidelines", "ESMO / European Sarcoma Network Working Group, Annals of Oncology", "2014", NS, NS),
 "ESMO-FDA-TRAB": ("News item", "FDA approves trabectedin", "ESMO", "23 October 2015", NS, NS),
 "EURACAN-ETOOLS": ("Guideline (online tool)", "Soft tissue and visceral sarcoma guideline", "EURACAN", NS, NS, NS),
 "GADDUCCI-2019": ("Journal article", "Uterine smooth muscle tumors of unknown malignant potential, Gadducci A, Zannoni GF", "Gynecologic Oncology", "2019", NS, "read from a copy on scribd.com"),
 "IARC-8891-0": ("Code reference", "ICD-O-3 online code pages (8897/1, 8891/0, 8898/1)", "International Agency for Research on Cancer", NS, NS, NS),
 "IARC-8897": ("Code reference", "ICD-O-3 online code pages (8897/1, 8891/0, 8898/1)", "International Agency for Research on Cancer", NS, NS, NS),
 "IARC-8898": ("Code reference", "ICD-O-3 online code pages (8897/1, 8891/0, 8898/1)", "International Agency for Research on Cancer", NS, NS, NS),
 "ICDO3-LIST": ("Code list", "ICD-O-3 morphology list (German second-revision code table)", NS, NS, NS, "seen in a public source-code file; no stable address"),
 "IRELAND-2016": ("Journal article", "Epidemiology of soft tissue sarcomas in Ireland, Bhatt N et al.", "Cancer Medicine", "2016", NS, NS),
 "KARGER-EBVSMT": ("Journal article", "EBV-associated smooth muscle tumours", "Pathobiology (Karger)", NS, NS, NS),
 "KARGER-ULMS": ("Journal article", "Uterine leiomyosarcoma", "Oncology Research and Treatment (Karger)", NS, NS, NS),
 "KOBE-FNCLCC": ("Web page", "FNCLCC grading system (tables compiled from WHO and AJCC 7)", "Kobe University (immuno2.med.kobe-u.ac.jp)", "2013", NS, NS),
 "KRAFT-2011": ("Journal article", "Atypical intradermal smooth muscle neoplasms, Kraft S, Fletcher CDM", "American Journal of Surgical Pathology", "2011", NS, NS),
 "LAMM-2014": ("Journal article", "Distinctive outcome in patients with non-uterine and uterine leiomyosarcoma, Lamm W et al.", "BMC Cancer", "2014", NS, "read from a copy on 123docz.net"),
 "LLOMBART-2019": ("Guideline article", "Leiomyosarcoma and pleomorphic dermal sarcoma: guidelines, Llombart B et al.", "Actas Dermo-Sifiliográficas", "2019", NS, "read from a copy on scribd.com"),
 "MEMO-2014": ("Journal article", "Follow-up in soft tissue sarcomas, Rutkowski P, Ługowska I", "memo – Magazine of European Medical Oncology (Springer)", "2014", NS, NS),
 "MNT-ACS": ("Consumer health article", "Soft tissue sarcoma prognosis", "Medical News Today", "figures for 2010–2016", NS, "quotes ACS/SEER"),
 "MODPATH-2022-ULMS": ("Journal article", "Stage I uterine leiomyosarcoma risk model", "Modern Pathology", "2022", NS, NS),
 "MSKCC-FU": ("Patient-information page", "Soft tissue sarcoma follow-up care", "Memorial Sloan Kettering Cancer Center", NS, NS, NS),
 "NCCN-PT-2014-P21": ("Patient guideline", "NCCN Guidelines for Patients: Soft Tissue Sarcoma, version 1.2014 (pages 21, 26, 30)", "National Comprehensive Cancer Network", "2014", NS, NS),
 "NCCN-PT-2014-P26": ("Patient guideline", "NCCN Guidelines for Patients: Soft Tissue Sarcoma, version 1.2014 (pages 21, 26, 30)", "National Comprehensive Cancer Network", "2014", NS, NS),
 "NCCN-PT-2014-P30": ("Patient guideline", "NCCN Guidelines for Patients: Soft Tissue Sarcoma, version 1.2014 (pages 21, 26, 30)", "National Comprehensive Cancer Network", "2014", NS, NS),
 "NCI-CDE-AJCC7": ("Data standard", "Common Data Element: soft tissue sarcoma AJCC 7 group stage definitions", "US National Cancer Institute (NIH CDE Repository)", NS, NS, NS),
 "NCI-DRUG-DOCE": ("Drug information pages", "NCI drug information pages (approved indications)", "US National Cancer Institute", NS, NS, NS),
 "NCI-DRUG-DOX": ("Drug information pages", "NCI drug information pages (approved indications)", "US National Cancer Institute", NS, NS, NS),
 "NCI-DRUG-DTIC": ("Drug information pages", "NCI drug information pages (approved indications)", "US National Cancer Institute", NS, NS, NS),
 "NCI-DRUG-ERI": ("Drug information pages", "NCI drug information pages (approved indications)", "US National Cancer Institute", NS, NS, NS),
 "NCI-DRUG-GEM": ("Drug information pages", "NCI drug information pages (approved indications)", "US National Cancer Institute", NS, NS, NS),
 "NCI-DRUG-PAZ": ("Drug information pages", "NCI drug information pages (approved indications)", "US National Cancer Institute", NS, NS, NS),
 "NCI-DRUG-TMZ": ("Drug information pages", "NCI drug information pages (approved indications)", "US National Cancer Institute", NS, NS, NS),
 "NCI-DRUG-TRAB": ("Drug information pages", "NCI drug information pages (approved indications)", "US National Cancer Institute", NS, NS, NS),
 "NCI-PDQ-ARCHIVE": ("Archived web page", "PDQ Adult Soft Tissue Sarcoma Treatment – Health Professional Version", "US National Cancer Institute", "2008 (archived copy)", NS, NS),
 "NCI-PDQ-GIST": ("Clinical summary", "PDQ Gastrointestinal Stromal Tumors Treatment – Health Professional Version", "US National Cancer Institute", NS, NS, NS),
 "NCI-PDQ-HLRCC": ("Clinical summary", "PDQ Hereditary Leiomyomatosis and Renal Cell Cancer – Health Professional Version", "US National Cancer Institute", NS, NS, NS),
 "NCI-PDQ-LATE": ("Clinical summary", "PDQ Late Effects of Treatment for Childhood Cancer – Health Professional Version", "US National Cancer Institute", NS, NS, NS),
 "NCI-PDQ-RB": ("Clinical summary", "PDQ Retinoblastoma Treatment – Health Professional Version", "US National Cancer Institute", NS, NS, NS),
 "NCI-PDQ-STS": ("Clinical summary", "PDQ Soft Tissue Sarcoma Treatment – Health Professional Version (AJCC 8 tables 1–7 reprinted with permission)", "US National Cancer Institute", "2025", NS, NS),
 "NCI-PDQ-UTS": ("Clinical summary", "PDQ Uterine Sarcoma Treatment – Health Professional Version", "US National Cancer Institute", "2025", NS, NS),
 "OBGYNKEY-FIGO2009": ("Book chapter (online copy)", "Pathology of uterine sarcomas (FIGO 2009 table), Prat J.", "Obgyn Key", NS, NS, NS),
 "PBR-527": ("Teaching case", "Uterine leiomyosarcoma sample case", "Pathology Board Review", NS, NS, NS),
 "PMC-LBN": ("Journal article", "Leiomyoma with bizarre nuclei: a meta-analysis of recurrence", "PubMed Central (journal not stated)", NS, NS, NS),
 "PO-AISMN": ("Pathology reference", "Atypical intradermal smooth muscle neoplasm", "PathologyOutlines", "2025", NS, NS),
 "PO-BONE": ("Pathology reference", "Bone staging (AJCC 8), Gonzalez R.", "PathologyOutlines", NS, NS, NS),
 "PO-UTLMS": ("Pathology reference", "Leiomyosarcoma (uterus), versions by Monsrud & Turashvili and Mhawech-Fauceglia", "PathologyOutlines", "2019–2024", NS, NS),
 "PO-UTLMS-2011": ("Pathology reference", "Leiomyosarcoma (uterus), Desouki", "PathologyOutlines", "2011, revised 2019", NS, NS),
 "RADIOPAEDIA-R": ("Reference article", "Residual tumour classification", "Radiopaedia", NS, NS, NS),
 "RCN-2017": ("Journal article", "110 uterine leiomyosarcomas of the Rare Cancer Network, Franzetti Pellanda A et al.", "Chinese Journal of Cancer Research", "2017", NS, NS),
 "REFCOM-ULMS": ("Web page", "Survival rate for leiomyosarcoma (quoting older American Cancer Society figures)", "reference.com", NS, NS, NS),
 "ROSWELL": ("Web page", "Survival rate for sarcoma", "Roswell Park Comprehensive Cancer Center", "figures for 2015–2019 (NCI data)", NS, NS),
 "SARCOMAHELP": ("Web page", "Sarcoma statistics", "Sarcoma Alliance", NS, NS, NS),
 "SEER-EOD": ("Registry rules data", "SEER staging algorithm data, Extent of Disease 3.3 (Summary Stage 2018 tables)", "US National Cancer Institute SEER Program (distributed by IMS in staging-client-java)", NS, NS, NS),
 "SEER-TNM7": ("Registry rules data", "SEER staging algorithm data, TNM 7 tables", "US National Cancer Institute SEER Program (distributed by IMS in staging-client-java)", NS, NS, NS),
 "STANDARDOFCARE-R": ("Web page", "R classification (UICC 1987)", "standardofcare.com", NS, NS, NS),
 "STANFORD-DSTLM": ("Pathology criteria", "Leiomyoma of deep soft tissue: differential diagnosis", "Stanford Surgical Pathology Criteria", NS, NS, NS),
 "STATPEARLS-LMS": ("Reference book chapter", "Leiomyosarcoma, Mangla A, Yadav U", "StatPearls", "2020", NS, "read from a mirrored copy"),
 "TORO-2006": ("Journal article", "Incidence patterns of soft tissue sarcomas, regardless of primary site, in SEER 1978–2001, Toro JR et al.", "International Journal of Cancer", "2006", NS, NS),
 "WEBMD-PDQ": ("Consumer health page", "Adult soft tissue sarcoma treatment (older NCI PDQ stage information)", "WebMD", NS, NS, NS),
 "WIKIDOC-SEERCSR": ("Wiki page", "Soft tissue sarcoma epidemiology (quoting the SEER Cancer Statistics Review)", "WikiDoc", "figures for 1975–2003", NS, NS),
 "WITTEKIND-2009": ("Journal article", "A uniform residual tumor (R) classification, Wittekind C et al.", "Cancer", "2009", NS, NS),
 "WJCO-2014": ("Journal article", "Table 3 (AJCC 7 soft tissue sarcoma stages)", "World Journal of Clinical Oncology", "2014", NS, NS),
 "WJCO-2023": ("Journal article", "Table 2 (AJCC 8 soft tissue sarcoma stages)", "World Journal of Clinical Oncology", "2023", NS, NS),
 "WONG-2013": ("Journal article", "Postoperative radiotherapy in uterine leiomyosarcoma, Wong P et al.", "Radiation Oncology", "2013", NS, NS),
}


def link(locator):
    """The first web address of an Appendix A locator, or a DOI as a link; None for a file name or no address."""
    locator = locator.strip()
    m = re.search(r"https?://\S+", locator)
    if m:
        return m.group(0).rstrip(";,")
    m = re.match(r"doi:(\S+)", locator)
    return "https://doi.org/" + m.group(1) if m else None


def entry(key, locator):
    """The knowledge-base entry of one source."""
    if key not in META:
        raise SystemExit("scripts/source_register.py: no entry for source " + key)
    kind, title, publisher, date, label, note = META[key]
    e = {}
    if label: e["label"] = label
    e["kind"] = kind
    e["title"] = title
    if publisher: e["publisher"] = publisher
    if date: e["date"] = date
    l = None if key.endswith(".txt") else link(locator)
    if l: e["link"] = l
    if note: e["note"] = note
    return e
