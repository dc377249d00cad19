"""Source of Sources/LeioCore/Resources/Knowledge/knowledge-base.json (run: python3 scripts/knowledge_base.py).

Facts are written for this project in plain language from the clinical reference (shared/clinical-reference.md);
each names the reference section it comes from, its sources (Appendix A keys or seed file names) and the
reference's status tag. Where sources disagree, a fact carries every value with its sources (reference §11, D-26).
"""
import json, os

S000, S001, S002, S003, S004 = ("000_88804929046fcac8.txt", "001_412ead92d411c6f8.txt", "002_112462c0315817a9.txt",
                                "003_0481b7c132e0a5c9.txt", "004_f1fec035b373446b.txt")
P, C, B = ["patient"], ["clinician"], ["patient", "clinician"]

def f(id, topic, audience, title, text, sources, section, status="VERIFIED", keywords=(), values=None, conflict=None):
    d = {"id": id, "topic": topic, "audience": audience, "title": title, "text": text, "sources": sources,
         "section": section, "status": status, "keywords": list(keywords)}
    if values: d["values"] = values
    if conflict: d["conflict"] = conflict
    return d

def v(value, sources, status="VERIFIED", period=None):
    d = {"value": value, "sources": sources, "status": status}
    if period: d["period"] = period
    return d

facts = [
 # Definition and scope
 f("lms-definition", "definition", B, "What leiomyosarcoma is",
   "Leiomyosarcoma (LMS) is a cancer of smooth muscle, the kind of muscle that works without conscious control. "
   "The name means 'smooth muscle sarcoma' (leio = smooth, myo = muscle). Because smooth muscle is found in many "
   "places, LMS can start in the uterus, the wall of the digestive tract, blood-vessel walls, the skin, deep in the "
   "abdomen (retroperitoneum) or in the arms and legs.", ["PO-UTLMS", "NCI-PDQ-STS", S000], "§1.1",
   keywords=["smooth muscle", "sarcoma", "cancer", "what is"]),
 f("lms-is-sts", "definition", B, "LMS is a soft tissue sarcoma",
   "LMS is one of many types of soft tissue sarcoma. Sarcomas are rare: soft tissue sarcomas make up about 1 % of "
   "adult cancers.", ["IRELAND-2016", "STATPEARLS-LMS", S000], "§1.1, §7.4 E-1", "PARTIAL",
   keywords=["soft tissue sarcoma", "rare", "how common"]),
 f("lms-subtypes", "definition", C, "Histologic subtypes and codes",
   "Conventional (spindle-cell) LMS is coded ICD-O-3 8890/3, epithelioid LMS 8891/3 and myxoid LMS 8896/3. "
   "Angiomyosarcoma (8894/3) and myosarcoma (8895/3) are rare or non-specific terms that should be confirmed.",
   ["PO-UTLMS", "ICDO3-LIST"], "§1.2", keywords=["epithelioid", "myxoid", "spindle", "ICD-O-3", "morphology code"]),
 f("lms-benign-counterpart", "leiomyoma-vs-lms", B, "Fibroids (leiomyomas) are not leiomyosarcoma",
   "The benign counterpart of LMS is a leiomyoma; in the uterus it is called a fibroid. Fibroids are very common and "
   "are not cancer. Between the two there is an in-between category, the smooth muscle tumour of uncertain malignant "
   "potential (STUMP). Epithelioid leiomyoma (8891/0) and metastasizing leiomyoma (8898/1) are also not LMS.",
   ["IARC-8897", "IARC-8891-0", "IARC-8898", "PO-UTLMS"], "§1.1, §1.2", keywords=["fibroid", "leiomyoma", "benign", "STUMP"]),
 f("stump", "leiomyoma-vs-lms", B, "STUMP: uncertain malignant potential",
   "A STUMP is a uterine smooth-muscle tumour whose features do not allow a confident benign or malignant diagnosis. "
   "It comes back in 0–36 % of cases (about 13 % on average), either as STUMP or as LMS.",
   ["IARC-8897", "GADDUCCI-2019"], "§1.3", keywords=["STUMP", "uncertain", "recur"]),
 f("bizarre-nuclei", "leiomyoma-vs-lms", C, "Leiomyoma with bizarre nuclei is benign",
   "Leiomyoma with bizarre nuclei is a benign variant (recurrence about 1.9 %) and must not be labelled STUMP or LMS.",
   ["PMC-LBN"], "§1.3", keywords=["bizarre nuclei", "atypical leiomyoma"]),
 f("uterine-criteria", "leiomyoma-vs-lms", C, "How pathologists tell uterine LMS from a fibroid",
   "Three features are weighed: moderate or severe atypia, the mitotic count, and tumour-cell necrosis. Spindle-cell "
   "LMS needs at least 2 of the 3 (mitoses at least 10 per 10 high-power fields); epithelioid and myxoid LMS have lower "
   "thresholds that are reported by secondary sources and not independently verified. Software can only show this as "
   "a checklist; the diagnosis is the pathologist's.", ["PBR-527", "PO-UTLMS", "AJSP-2022-ELMS", "AJSP-2016-MLMS"],
   "§5.2", "PARTIAL", keywords=["WHO criteria", "atypia", "mitoses", "necrosis", "diagnosis"]),
 f("deep-soft-tissue-criteria", "leiomyoma-vs-lms", C, "Deep soft tissue smooth-muscle tumours are judged more strictly",
   "Outside the uterus a leiomyoma needs bland cells, fewer than 1 mitosis per 50 high-power fields and no tumour "
   "necrosis; any atypia, more than 4 mitoses per 50 fields or tumour-cell necrosis favours LMS.", ["STANFORD-DSTLM"],
   "§5.3", keywords=["retroperitoneal leiomyoma", "deep soft tissue"]),
 f("fibroid-after-menopause", "leiomyoma-vs-lms", B, "A fibroid that grows after menopause",
   "A uterine mass that grows quickly after menopause is a recognised way uterine LMS can show itself, so a fibroid that "
   "grows after menopause should be discussed with a gynaecologist. Most uterine LMS are found unexpectedly after "
   "surgery for presumed fibroids (about 0.39 % of hysterectomies for presumed leiomyoma).", ["PO-UTLMS", S002], "§5.4",
   keywords=["fibroid", "menopause", "postmenopausal", "growing", "enlarging", "uterus"]),
 f("morcellation", "leiomyoma-vs-lms", B, "Why an unsuspected LMS should not be cut up during surgery",
   "If a uterine LMS is unexpectedly fragmented (morcellated) during surgery, the outlook is worse. This is why the "
   "uterus should be removed intact when LMS is possible.", ["KARGER-ULMS", "NCI-PDQ-UTS"], "§5.4, §8.1", "PARTIAL",
   keywords=["morcellation", "surgery", "hysterectomy"]),
 f("gist-not-lms", "definition", B, "GIST is a different disease",
   "Gastrointestinal stromal tumours (GIST) arise from different cells (interstitial cells of Cajal), are usually "
   "KIT/CD117 and DOG1 positive and are treated with targeted pills. Many digestive-tract tumours once called LMS were in "
   "fact GIST; today an LMS of the digestive tract is an LMS and a GIST is never an LMS. GIST survival figures are not LMS "
   "figures.", ["NCI-PDQ-GIST", "TORO-2006", "ACS-GIST-SURV"], "§1.3, §7.1 P-3",
   keywords=["GIST", "stomach", "KIT", "DOG1", "gastrointestinal stromal"]),
 f("aismn", "definition", B, "Skin-only 'cutaneous leiomyosarcoma' is now called AISMN",
   "A smooth-muscle tumour confined to the dermis is called an atypical intradermal smooth muscle neoplasm (AISMN) in "
   "the current WHO skin classification. In an 84-case series none of the 52 patients followed developed metastases; "
   "local regrowth happened mostly after incomplete removal. Tumours below the dermis (subcutaneous LMS) behave more "
   "aggressively.", ["PO-AISMN", "KRAFT-2011", "LLOMBART-2019"], "§1.2 R-1.2c, §1.3",
   keywords=["skin", "cutaneous", "dermal", "AISMN", "subcutaneous"]),
 f("ebv-smt", "definition", B, "EBV-associated smooth muscle tumours",
   "People with weakened immunity (HIV/AIDS, after organ transplantation, or inborn immune deficiency) can develop "
   "Epstein-Barr-virus-associated smooth muscle tumours. They are often at several places at once, which does not "
   "mean they have spread.", ["CURESARCOMA-EBV", "KARGER-EBVSMT", S001], "§1.3",
   keywords=["EBV", "immunocompromised", "HIV", "transplant", "immune"]),
 # Sites and epidemiology
 f("sites", "sites", B, "Where leiomyosarcoma grows",
   "Sources name different 'most common' sites. A fair summary: the uterus, the retroperitoneum and abdomen, large "
   "blood vessels and the limbs. About 40 % of LMS in women are uterine. Older data that named the stomach were "
   "largely GIST.", ["TORO-2006", S000, S002, S003, S004], "§11 C-10", "PARTIAL",
   keywords=["where", "location", "uterus", "abdomen", "blood vessel", "limb"]),
 f("vascular-lms", "sites", C, "Vascular LMS",
   "LMS of a vessel wall is staged by the vessel's site: inferior vena cava, aorta and iliac vessels are coded as "
   "visceral (no AJCC 8 stage group); limb veins with the trunk and extremities. Some clinicians stage great-vessel LMS "
   "with the retroperitoneal system; that guideline statement is reported, not independently verified.",
   ["SEER-EOD"], "§1.4 R-1.4b, §11 C-06", "PARTIAL", keywords=["vena cava", "IVC", "vessel", "vascular"]),
 f("lms-share-of-sts", "epidemiology", B, "How common LMS is among sarcomas",
   "Estimates of the share of soft tissue sarcomas that are LMS range from about 10 % to 24 %, depending on whether "
   "uterine and digestive-tract sarcomas are counted and on the era.", ["WIKIDOC-SEERCSR", "TORO-2006", "STATPEARLS-LMS", S000, S002, S004],
   "§7.4, §11 C-01", "PARTIAL", keywords=["how common", "percentage", "incidence"],
   values=[v("about 10 %", [S002], "UNVERIFIED"), v("13–16 %", [S000], "PARTIAL"), v("up to 20 %", [S004], "PARTIAL"),
           v("13.2 %", ["WIKIDOC-SEERCSR"], "PARTIAL", "1975–2003"), v("23.9 % including organ sarcomas", ["TORO-2006"], "PARTIAL", "1978–2001"),
           v("up to 25 %", ["STATPEARLS-LMS"], "PARTIAL")], conflict="C-01"),
 f("sts-cases-us", "epidemiology", B, "New soft tissue sarcoma cases in the US",
   "The American Cancer Society estimated 13,520 new soft tissue sarcoma cases and 5,410 deaths in the US for 2025 "
   "(incidence about 3.4 per 100,000 people a year). A figure of 'at least 15,000' in patient material does not match.",
   ["NCI-PDQ-STS", S002], "§7.4 E-5, §11 C-02", keywords=["how many", "cases", "incidence", "United States"],
   values=[v("13,520 new cases", ["NCI-PDQ-STS"], "VERIFIED", "2025 estimate"), v("at least 15,000", [S002], "UNVERIFIED")],
   conflict="C-02"),
 f("uterine-lms-frequency", "epidemiology", B, "How rare uterine LMS is",
   "Uterine LMS makes up 1–2 % of uterine cancers; about 1 in 100,000 women aged 35 or more in the US are diagnosed "
   "each year. Black women in the US have a higher rate (about 1.7 times).", ["PO-UTLMS-2011", "MODPATH-2022-ULMS", "TORO-2006"],
   "§7.4 E-8, E-12", keywords=["uterine", "rare", "women", "incidence"]),
 f("age", "epidemiology", B, "Age",
   "Soft tissue sarcomas become more common with age. Uterine LMS is diagnosed at about 54 years on average, mostly "
   "between 40 and 69.", ["TORO-2006", "PO-UTLMS-2011"], "§7.4 E-10, E-11", keywords=["age", "old", "young"]),
 # Symptoms
 f("symptoms-early", "symptoms", P, "Often no early symptoms",
   "LMS often causes no symptoms until it is large. It may or may not hurt: one patient source says it is frequently "
   "painful, another that pain is uncommon.", [S000, S002, S003], "§10.1, §11 C-09", "PARTIAL",
   keywords=["symptoms", "signs", "pain", "painless"],
   values=[v("frequently painful", [S000], "PARTIAL"), v("pain may occur but is uncommon", [S003], "PARTIAL")], conflict="C-09"),
 f("symptoms-limb", "symptoms", P, "A lump in an arm, leg or the trunk",
   "A lump under the skin that grows is the usual sign in the limbs or trunk. Any deep lump, or a lump near the surface "
   "that is 5 cm or larger, should be checked at a sarcoma centre (ESMO says larger than 5 cm, the EURACAN tool 5 cm or "
   "more).", ["ESMO-2014", "EURACAN-ETOOLS", S000, S003], "§10.1, §11 C-16", keywords=["lump", "mass", "swelling", "arm", "leg"],
   values=[v("superficial mass > 5 cm", ["ESMO-2014"]), v("superficial mass ≥ 5 cm", ["EURACAN-ETOOLS"])], conflict="C-16"),
 f("symptoms-abdomen", "symptoms", P, "Symptoms in the abdomen",
   "In the retroperitoneum or abdomen LMS can cause swelling, bloating or pain; these tumours are often very large when "
   "found (47 % of retroperitoneal sarcomas were larger than 15 cm in one registry cohort).", ["AJCO-2018-RPS", S000],
   "§10.1", keywords=["abdomen", "belly", "bloating", "swelling"]),
 f("symptoms-gi", "symptoms", P, "Symptoms of LMS in the digestive tract",
   "LMS of the digestive tract can cause bleeding (black stools or vomiting blood), blockage, discomfort or a change in "
   "bowel habits.", [S002, S003, "CURESARCOMA-EBV"], "§10.1", "PARTIAL", keywords=["bleeding", "bowel", "stool", "stomach"]),
 f("symptoms-uterus", "symptoms", P, "Symptoms of uterine LMS",
   "Abnormal vaginal bleeding or discharge, pelvic pain or pressure, or a mass that grows quickly — especially after "
   "menopause. Often it is found unexpectedly after surgery for presumed fibroids.", ["PO-UTLMS", S000, S002, S003],
   "§10.1", keywords=["vaginal bleeding", "pelvic pain", "uterus", "menopause"]),
 f("symptoms-metastatic", "symptoms", P, "Symptoms when the cancer has spread",
   "Breathing difficulty can mean the lungs are involved; tiredness, fever, weight loss and nausea can also occur.",
   [S000, S002, S003], "§10.1", "PARTIAL", keywords=["breathing", "cough", "weight loss", "fatigue", "spread"]),
 # Risk factors
 f("risk-radiation", "risk-factors", B, "Earlier radiation treatment",
   "Radiation given for an earlier cancer raises the risk of sarcoma, including LMS; in uterine sarcoma, earlier pelvic "
   "radiation is the only known factor in 10–25 % of cases.", ["NCI-PDQ-STS", "NCI-PDQ-UTS", "NCI-PDQ-LATE"], "§10.2",
   keywords=["radiation", "risk", "cause"]),
 f("risk-retinoblastoma", "risk-factors", B, "Hereditary retinoblastoma",
   "The strongest inherited link to LMS is hereditary retinoblastoma (RB1): survivors have a clearly raised risk of LMS "
   "later in life, highest after radiation.", ["NCI-PDQ-LATE", "NCI-PDQ-RB"], "§10.2",
   keywords=["retinoblastoma", "RB1", "inherited", "genetic", "hereditary"]),
 f("risk-syndromes", "risk-factors", B, "Inherited syndromes linked to soft tissue sarcoma",
   "Li-Fraumeni syndrome (TP53), neurofibromatosis type 1, Gardner syndrome, Werner syndrome, tuberous sclerosis and "
   "Gorlin syndrome are associated with soft tissue sarcoma in general (all types), not specifically with LMS. LMS "
   "itself is not inherited, but can occur within these syndromes.", ["NCI-PDQ-STS", S003], "§10.2 D-25",
   keywords=["Li-Fraumeni", "TP53", "NF1", "inherited", "genetic", "family", "hereditary"]),
 f("risk-hlrcc", "risk-factors", B, "Hereditary leiomyomatosis and renal cell cancer (HLRCC)",
   "HLRCC (FH gene) causes skin and uterine leiomyomas; whether it truly raises the risk of uterine LMS is unclear.",
   ["NCI-PDQ-HLRCC"], "§10.2", keywords=["HLRCC", "FH", "fibroids", "inherited"]),
 f("risk-other", "risk-factors", B, "Other factors",
   "Tamoxifen use is linked to uterine sarcoma (all types together). Chronic lymphoedema, vinyl chloride, thorotrast and "
   "arsenic are risk factors for angiosarcoma, not for LMS.", ["NCI-PDQ-UTS", "NCI-PDQ-STS", S001], "§10.2, Appendix C E-14",
   keywords=["tamoxifen", "vinyl chloride", "chemicals", "lymphoedema"]),
 # Work-up
 f("workup-biopsy", "work-up", B, "Biopsy",
   "An image-guided core-needle biopsy is the standard way to diagnose a soft tissue sarcoma, planned with the surgeon so "
   "the biopsy track can be removed later, and reviewed by a pathologist experienced in sarcoma.", ["NCI-PDQ-STS", S001],
   "§10.3", keywords=["biopsy", "needle", "diagnosis", "pathology"]),
 f("workup-imaging", "work-up", B, "Imaging at diagnosis",
   "MRI and/or CT show the primary tumour; a chest CT looks for lung spread (the most common distant site); CT of the "
   "abdomen and pelvis is used for retroperitoneal tumours.", ["NCI-PDQ-STS", "WEBMD-PDQ"], "§10.3",
   keywords=["MRI", "CT", "imaging", "staging", "diagnosis"]),
 f("workup-uterus", "work-up", B, "Diagnosing uterine LMS",
   "Uterine LMS is usually diagnosed on the removed uterus or fibroid; no blood test is diagnostic. There is no screening "
   "test for LMS, and a Pap test does not detect uterine sarcoma.", ["PO-UTLMS", "ACS-USARC-DETECT", S001], "§10.3",
   keywords=["Pap test", "screening", "blood test", "uterus"]),
 f("grading", "staging", B, "Grade",
   "The grade describes how abnormal the cancer cells look and how fast they divide. Outside the uterus sarcomas are "
   "graded 1 to 3 with the FNCLCC system (differentiation, mitotic count, necrosis). Uterine LMS is not graded.",
   ["NCI-PDQ-STS", "KOBE-FNCLCC", "PO-UTLMS"], "§5.1", keywords=["grade", "FNCLCC", "high grade", "low grade"]),
 f("staging-systems", "staging", B, "Staging systems",
   "Soft tissue LMS is staged with the AJCC system (8th edition since 2018; 7th edition for older records); uterine LMS "
   "with FIGO 2009. Registries also record a summary stage: localized, regional or distant.",
   ["NCI-PDQ-STS", "NCI-PDQ-UTS", "SEER-EOD", "SEER-TNM7", "WJCO-2014", "WJCO-2023", "NCI-CDE-AJCC7", "OBGYNKEY-FIGO2009", "AJCC8-VISC"],
   "§2–§4, §6", keywords=["stage", "AJCC", "FIGO", "TNM", "localized", "distant"]),
 f("bone-lms", "staging", C, "Leiomyosarcoma of bone",
   "LMS arising in bone is staged with the AJCC bone chapter: in the limbs, trunk and skull T1 is 8 cm or less and T2 "
   "more than 8 cm; discontinuous tumours in the same bone are T3. Leio shows T, N and M for bone but not its stage groups, "
   "which were seen only in a secondary source.", ["PO-BONE", "AJCC-ATLAS-BONE", "BEO-2021-BONE"], "§3.6", "PARTIAL",
   keywords=["bone", "femur", "skeleton"]),
 f("stage-iv-meaning", "staging", P, "Stage IV does not always mean the cancer has spread far",
   "Some patient material says stage 4 tumours are 'metastatic'. In fact FIGO stage IVA means the tumour grows into the "
   "bladder or rectum, and AJCC 8 stage IV for the limbs and trunk includes lymph-node spread without distant "
   "metastasis.", ["NCI-PDQ-UTS", "NCI-PDQ-STS", S002], "§4.5, §11 C-21", keywords=["stage 4", "metastatic", "spread"]),
 # Spread and recurrence
 f("metastatic-sites", "metastasis", B, "Where LMS spreads",
   "The lungs are the most common site of spread for LMS in and outside the uterus; the liver can be an early site "
   "for retroperitoneal tumours. LMS spreads through the bloodstream — the bloodstream is the route, not a site.",
   ["NCI-PDQ-STS", "LAMM-2014", "AGO-AT", "WEBMD-PDQ", S004], "§10.4", keywords=["spread", "metastasis", "lung", "liver"]),
 f("recurrence-uterine", "recurrence", B, "How often uterine LMS comes back",
   "Uterine LMS comes back in about half or more of patients — 53–71 % in one source and 40–75 % even in stage I in "
   "another; patient material says up to 70 %.", ["PO-UTLMS-2011", "MODPATH-2022-ULMS", S002], "§7.3 R-1",
   keywords=["come back", "recurrence", "relapse", "return", "uterine"],
   values=[v("53–71 %", ["PO-UTLMS-2011"]), v("40–75 % (stage I)", ["MODPATH-2022-ULMS"]), v("up to 70 %", [S002], "VERIFIED")]),
 f("recurrence-other", "recurrence", B, "How often LMS at other sites comes back",
   "Across soft tissue sarcomas 40–60 % come back after treatment of the first tumour (47 % in one limb series). Patient "
   "material quotes about 40 % for LMS outside the uterus; no LMS-specific figure was verified.",
   ["MEMO-2014", "NCI-PDQ-STS", S002], "§7.3 R-2", "PARTIAL", keywords=["come back", "recurrence", "relapse", "return"],
   values=[v("40–60 % (all soft tissue sarcomas)", ["MEMO-2014"]), v("47 % (limb series)", ["NCI-PDQ-STS"]),
           v("about 40 % (LMS outside the uterus)", [S002], "PARTIAL")]),
 f("recurrence-timing", "recurrence", B, "When it comes back",
   "The risk is highest in the first two to three years: more than 80 % of limb-sarcoma relapses happen within 2 years. "
   "Late recurrence after 5 years can happen. A claim that about half recur within 8–16 months is reported by patient "
   "material, not independently verified.", ["NCI-PDQ-STS", "MEMO-2014", "AGO-AT", "CORR-FU", S003], "§7.3 R-3–R-5",
   keywords=["when", "come back", "recurrence", "timing", "years", "late"],
   values=[v("> 80 % of limb relapses within 2 years", ["NCI-PDQ-STS"]), v("about 50 % within 8–16 months", [S003], "UNVERIFIED")]),
 # Prognosis (display rules apply)
 f("survival-sts", "prognosis", B, "Five-year survival for soft tissue sarcoma (all types)",
   "Population five-year relative survival for all soft tissue sarcomas (not LMS-specific), by summary stage. These are "
   "population averages, not a prediction for one person.", ["ROSWELL", "MNT-ACS", S002], "§7.2 S-1, §11 C-04", "PARTIAL",
   keywords=["survival", "prognosis", "outlook", "five-year"],
   values=[v("localized 81.5 %, regional 57.8 %, distant 17.1 %, all 65.4 %", ["ROSWELL"], "PARTIAL", "2015–2019"),
           v("localized 81 %, regional 56 %, distant 15 %, all 65 %", ["MNT-ACS"], "PARTIAL", "2010–2016"),
           v("localized 82.4 %, regional 59.8 %, distant 16.7 %", [S002], "UNVERIFIED", "not stated")], conflict="C-04"),
 f("survival-uterine", "prognosis", B, "Five-year survival for uterine LMS",
   "Figures differ between sources and none is marked current. They are population figures, not a prediction for one "
   "person.", ["REFCOM-ULMS", "NCI-PDQ-UTS", "MODPATH-2022-ULMS", "RCN-2017", "LAMM-2014", S002], "§7.2 S-3, §11 C-11", "PARTIAL",
   keywords=["survival", "prognosis", "outlook", "uterine"],
   values=[v("localized 60 %, regional 37 %, metastatic 12 %", [S002], "UNVERIFIED"),
           v("localized 63 %, regional 36 %, distant 14 % (earlier ACS edition)", ["REFCOM-ULMS"], "PARTIAL"),
           v("stage I about 50 %, other stages 0–20 %", ["NCI-PDQ-UTS"], "VERIFIED"),
           v("overall 40–50 %", ["MODPATH-2022-ULMS"], "VERIFIED"), v("overall 50 % (110 patients)", ["RCN-2017"], "VERIFIED"),
           v("41.2 % uterine vs 82.6 % non-uterine (single centre)", ["LAMM-2014"], "VERIFIED")], conflict="C-11"),
 f("prognostic-factors", "prognosis", B, "What influences the outlook",
   "Outside the uterus: age over 60, size over 5 cm, high grade, advanced stage and positive margins are linked to a "
   "worse outlook; retroperitoneal tumours do worse partly because complete removal is harder. In the uterus, stage "
   "matters most.", ["NCI-PDQ-STS", "NCI-PDQ-UTS", "PO-UTLMS"], "§7.5", keywords=["prognosis", "outlook", "factors"]),
 f("curability", "prognosis", B, "Can LMS be cured?",
   "Yes, when it is found while still localized and completely removed; surgery alone can cure uterine LMS confined to "
   "the uterus. One patient source says there is no cure; that statement is outdated.", ["NCI-PDQ-UTS", "NCI-PDQ-STS", S001, S002, S003],
   "§11 C-13, §8.6 T-4", keywords=["cure", "curable", "survive"]),
 # Treatment
 f("treatment-surgery", "treatment", B, "Surgery is the main treatment",
   "Removing the tumour completely with a rim of healthy tissue is the main treatment for localized LMS, planned by a "
   "multidisciplinary sarcoma team at a specialist centre. In the limbs, limb-sparing surgery is usual.",
   ["NCI-PDQ-STS", "ESMO-2014"], "§8.1", keywords=["surgery", "operation", "removal", "margin"]),
 f("small-low-grade", "treatment", B, "Small low-grade tumours",
   "Low-grade tumours of 5 cm or less in a limb or the superficial trunk that are removed with microscopically clear "
   "margins may need no further treatment (about 90 % long-term local control).", ["NCI-PDQ-STS", "NCCN-PT-2014-P21"], "§8.1",
   keywords=["low grade", "small", "surgery alone", "no further treatment"]),
 f("treatment-uterus", "treatment", B, "Treatment of uterine LMS",
   "Removing the uterus intact (hysterectomy), usually with both tubes and ovaries, is the primary treatment; the value "
   "of removing lymph nodes routinely is not established.", ["NCI-PDQ-UTS", "KARGER-ULMS"], "§8.1",
   keywords=["hysterectomy", "uterus", "surgery", "ovaries"]),
 f("margins", "treatment", B, "Margins (R0, R1, R2)",
   "After surgery the pathologist reports whether cancer was left behind: R0 no residual tumour, R1 microscopic residual "
   "tumour at the edge, R2 visible residual tumour, RX cannot be assessed.", ["RADIOPAEDIA-R", "WITTEKIND-2009", "STANDARDOFCARE-R"],
   "§8.1", keywords=["margin", "R0", "R1", "R2", "residual"]),
 f("treatment-radiation", "treatment", B, "Radiation therapy",
   "For limb and trunk sarcomas radiation before or after surgery lowers the chance of the tumour coming back locally but "
   "has not been shown to lengthen survival; radiation before surgery is as established as after. Its value in uterine "
   "LMS is not established.", ["NCI-PDQ-STS", "NCI-PDQ-UTS", "WONG-2013", S002], "§8.2, §8.6 T-5",
   keywords=["radiation", "radiotherapy", "local recurrence"]),
 f("adjuvant-benefit", "treatment", B, "Does extra treatment after surgery help?",
   "Patient material says chemotherapy or radiation after narrow margins gives 'a clear survival benefit'. The checked "
   "sources say radiation improves local control without proven survival benefit, the survival effect of chemotherapy "
   "after surgery is small and debated, and extra treatment after surgery for uterine LMS is unproven.",
   ["NCI-PDQ-STS", "NCI-PDQ-UTS", S000, S004], "§11 C-15, §8.3", keywords=["adjuvant", "after surgery", "chemotherapy", "survival"]),
 f("chemo-first-line", "treatment", C, "First-line chemotherapy for advanced LMS",
   "Doxorubicin alone is the standard comparator. Doxorubicin with ifosfamide raises response (26 % vs 14 %) without a "
   "significant survival gain. Doxorubicin with dacarbazine did better than other regimens in a retrospective EORTC LMS "
   "analysis, while older uterine data found it no more active than doxorubicin alone. Doxorubicin with trabectedin then "
   "trabectedin maintenance (LMS-04) lengthened median survival (33 vs 24 months) with more toxicity.",
   ["NCI-PDQ-STS", "DAMBROSIO-2020", "NCI-PDQ-UTS", "NCI-DRUG-DOX"], "§8.4, §11 C-17",
   keywords=["doxorubicin", "ifosfamide", "dacarbazine", "trabectedin", "chemotherapy", "first line"], conflict="C-17",
   values=[v("doxorubicin + dacarbazine: longer PFS and higher response than doxorubicin alone (retrospective EORTC LMS analysis)", ["DAMBROSIO-2020"]),
           v("doxorubicin + dacarbazine: no more active than doxorubicin alone (older GOG uterine sarcoma data)", ["NCI-PDQ-UTS"])]),
 f("chemo-gem-doc", "treatment", C, "Gemcitabine and docetaxel",
   "Gemcitabine with docetaxel is a common second-line option (sometimes first line); it was not better than doxorubicin "
   "first-line. Neither drug is FDA-approved for soft tissue sarcoma (used in guidelines and trials).",
   ["NCI-PDQ-STS", "NCI-DRUG-GEM", "NCI-DRUG-DOCE"], "§8.4", keywords=["gemcitabine", "docetaxel", "second line"]),
 f("trabectedin", "treatment", B, "Trabectedin",
   "Trabectedin was approved in the US on 23 October 2015 for unresectable or metastatic liposarcoma or leiomyosarcoma "
   "after an anthracycline such as doxorubicin.", ["ESMO-FDA-TRAB", "NCI-DRUG-TRAB", "NCI-PDQ-STS"], "§8.4",
   keywords=["trabectedin", "Yondelis", "approved"]),
 f("pazopanib", "treatment", B, "Pazopanib",
   "Pazopanib is a tablet approved in the US (2012) for advanced soft tissue sarcoma (not fat-cell types) after earlier "
   "chemotherapy, given on its own. Patient material that calls it 'approved for leiomyosarcoma' and 'often combined with "
   "chemotherapy or radiation' overstates this. In its trial it delayed growth (4.6 vs 1.6 months) without a significant "
   "survival gain.", ["NCI-PDQ-STS", "NCI-DRUG-PAZ", S004], "§8.4, §8.6 T-1", keywords=["pazopanib", "Votrient", "tablet", "targeted"]),
 f("eribulin", "treatment", C, "Eribulin",
   "Eribulin is FDA-approved (2016) for liposarcoma only, not for LMS; its survival benefit in the trial was concentrated "
   "in liposarcoma.", ["NCI-PDQ-STS", "NCI-DRUG-ERI"], "§8.4", keywords=["eribulin", "Halaven"]),
 f("later-line-agents", "treatment", C, "Other drugs",
   "Dacarbazine and temozolomide are later-line options (not approved for soft tissue sarcoma); ifosfamide gave partial "
   "responses in 17.2 % of uterine LMS; cisplatin is inactive in uterine LMS; olaratumab was withdrawn in 2019.",
   ["NCI-PDQ-STS", "NCI-PDQ-UTS", "NCI-DRUG-DTIC", "NCI-DRUG-TMZ", "AETNA-OLARA"], "§8.4",
   keywords=["temozolomide", "dacarbazine", "cisplatin", "olaratumab"]),
 f("immunotherapy", "treatment", B, "Immunotherapy",
   "Checkpoint-inhibitor immunotherapy has shown little activity in LMS in trials and is not routinely recommended.",
   ["NCI-PDQ-STS", S000, S004], "§8.4, §8.6 T-6", keywords=["immunotherapy", "pembrolizumab", "nivolumab", "checkpoint"]),
 f("combination-vs-single", "treatment", B, "One drug or several?",
   "Patient material says sarcoma 'usually requires two or more drugs'. Checked sources prefer single drugs given one "
   "after another in most settings, because combinations add side effects without longer survival (LMS-04 is an "
   "exception).", ["NCI-PDQ-STS", S001], "§11 C-14, §8.6 T-3", keywords=["combination", "chemotherapy", "drugs"]),
 f("clinical-trials", "treatment", B, "Clinical trials",
   "Clinical trials are an important option, especially for advanced disease; ClinicalTrials.gov and the NCI trial search "
   "list them.", ["NCI-PDQ-STS", "NCI-PDQ-UTS", "NCCN-PT-2014-P30", S002], "§8.5", keywords=["trial", "study", "research"]),
 f("palliative-care", "treatment", B, "Palliative and supportive care",
   "Palliative care focuses on symptoms and quality of life and can be given alongside other treatment; for stage IV, "
   "options include palliative chemotherapy, radiation, surgery or watchful waiting.", ["NCCN-PT-2014-P26", S002], "§8.5", "PARTIAL",
   keywords=["palliative", "supportive", "comfort", "quality of life"]),
 f("metastasectomy", "treatment", C, "Removing lung metastases",
   "Removing a few slow-growing lung metastases when the primary is controlled can give long disease-free survival, "
   "although selection bias is uncertain.", ["NCI-PDQ-STS"], "§8.1", keywords=["metastasectomy", "lung", "surgery"]),
 # Follow-up
 f("follow-up", "follow-up", B, "Follow-up visits and scans",
   "Because LMS can come back, regular check-ups with chest imaging continue for years: typically every 3 months in the "
   "first 2–3 years for higher-risk tumours, every 6 months to year 5, then yearly. Retroperitoneal and uterine LMS add CT "
   "of the abdomen and pelvis. Schedules are consensus-based; your team may differ.",
   ["BCCANCER-FU", "ESMO-2010-KICK", "MEMO-2014", "AGO-AT", "NCI-PDQ-STS"], "§9.1–§9.4 D-23",
   keywords=["follow-up", "scans", "check-up", "surveillance", "CT"]),
 f("follow-up-length", "follow-up", B, "How long follow-up lasts",
   "Sources differ: yearly follow-up without a fixed end (ESMO summary), at least 10 years (MSKCC), little yield beyond "
   "10 years (one cohort), and 'CT scans for life' (patient material). No verified guideline mandates lifelong CT.",
   ["BCCANCER-FU", "MSKCC-FU", "CORR-FU", S001], "§9.5, §11 C-19 D-24", keywords=["how long", "for life", "lifelong", "life", "CT scans", "follow-up", "forever"],
   values=[v("annual, no fixed end", ["BCCANCER-FU"]), v("at least 10 years", ["MSKCC-FU"]), v("beyond 10 years low yield", ["CORR-FU"], "PARTIAL"),
           v("CT scans for life", [S001], "UNVERIFIED")], conflict="C-19"),
 # Support
 f("specialist-centres", "support", B, "Specialist sarcoma centres",
   "Treatment at a high-volume sarcoma reference centre or network is recommended; outcomes are better at large centres.",
   ["ESMO-2014", "NCI-PDQ-STS", S001], "§10.5", keywords=["specialist", "centre", "hospital", "second opinion"]),
 f("support-organisations", "support", P, "Support organisations",
   "The National Leiomyosarcoma Foundation (leiomyosarcoma.org), NORD, the Sarcoma Alliance (sarcomahelp.org), Cure "
   "Sarcoma, ASCO Cancer.Net, the American Cancer Society and the NCI Cancer Information Service (1-800-4-CANCER) offer "
   "information and support.", [S003, S002, "SARCOMAHELP", "CURESARCOMA-EBV", "CANCERNET-STS-STAGES", "NCI-PDQ-ARCHIVE"],
   "§10.5", keywords=["support", "help", "foundation", "organisation", "patient group"]),
 f("living-with-lms", "support", P, "Living with LMS",
   "Report side effects to your team; staying active, eating well (a dietitian can help), relaxation, counselling, "
   "financial help and support groups can all make treatment easier.", [S002], "§8.5", "PARTIAL",
   keywords=["coping", "living", "diet", "exercise", "counselling"]),
 f("not-medical-advice", "support", B, "About this information",
   "This is general educational information from published sources. Decisions about your care belong to your sarcoma "
   "team.", ["NCI-PDQ-STS"], "§8 D-20", keywords=["disclaimer", "advice"]),
]

# Appendix A entries for every key cited (name, locator); seeds by file name.
register = {}
ref = open(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "clinical-reference.md")).read() if os.path.exists(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "clinical-reference.md")) else ""
import re
for line in ref[ref.find("## Appendix A"):ref.find("## Appendix B")].splitlines():
    m = re.match(r"\| (.+?) \| (.+?) \| (.+?) \|$", line)
    if not m: continue
    keys = [k.strip() for k in m.group(1).split("/")]
    base = keys[0]
    for k in keys:
        if k.startswith("-"): k = base.rsplit("-", 1)[0] + k
        register[k.strip()] = {"name": m.group(2).strip(), "locator": m.group(3).strip()}
register["NCI-DRUG-DTIC"] = register.get("NCI-DRUG-DTIC") or register.get("NCI-DRUG-DOX")
cited = sorted({s for fact in facts for s in fact["sources"]} | {s for fact in facts for val in fact.get("values", []) for s in val["sources"]})
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import source_register
sources = {}
for key in cited:
    if key.endswith(".txt"):
        sources[key] = source_register.entry(key, "")
    else:
        entry = register.get(key)
        if entry is None:
            raise SystemExit("no Appendix A entry for " + key)
        sources[key] = source_register.entry(key, entry["locator"])
doc = {"version": "kb-1", "reference": "shared/clinical-reference.md",
       "statusLabels": {"UNVERIFIED": "reported by {source}, not independently verified"},
       "synonyms": {"come back": ["recurrence", "recur"], "comes back": ["recurrence", "recur"], "return": ["recurrence"],
                    "relapse": ["recurrence"], "spread": ["metastasis"], "fibroid": ["leiomyoma"], "menopause": ["postmenopausal"],
                    "outlook": ["prognosis", "survival"], "inherited": ["hereditary", "genetic"], "cancer": ["sarcoma"],
                    "scan": ["imaging", "ct", "mri"], "check-up": ["follow-up"], "cure": ["curable"]},
       "sources": sources, "facts": facts}
out = os.path.join(os.path.dirname(__file__), "..", "Sources", "LeioCore", "Resources", "Knowledge", "knowledge-base.json")
json.dump(doc, open(out, "w"), indent=1, ensure_ascii=False)
print(len(facts), "facts,", len(sources), "sources")
