#!/usr/bin/env python3
"""Writes the NAACCR XML test fixtures of Tests/Fixtures/naaccr (issue 14): one small incidence file per base
dictionary 180-260, a gzip copy, a namespace-prefixed file, and malformed variants. Fictional patients only.
Run from the repository root: python3 scripts/naaccr-fixtures.py"""
import gzip, os

OUT = "Tests/Fixtures/naaccr"
VERSIONS = [180, 210, 220, 230, 240, 250, 260]

def tumour(items, indent="        "):
    lines = [indent + "<Tumor>"]
    lines += [f'{indent}    <Item naaccrId="{k}">{v}</Item>' for k, v in items]
    return "\n".join(lines + [indent + "</Tumor>"])

def document(version, prefix=""):
    p = prefix + ":" if prefix else ""
    sex = "sexAssignedAtBirth" if version >= 260 else "sex"
    ns = f'xmlns:{prefix}="http://naaccr.org/naaccrxml"' if prefix else 'xmlns="http://naaccr.org/naaccrxml"'
    body = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Synthetic NAACCR XML incidence file for Leio's tests: fictional patients. -->
<{p}NaaccrData baseDictionaryUri="http://naaccr.org/naaccrxml/naaccr-dictionary-{version}.xml"
            recordType="I" specificationVersion="1.6" {ns}>
    <{p}Item naaccrId="registryId">0000009999</{p}Item>
    <{p}Patient>
        <{p}Item naaccrId="patientIdNumber">00000101</{p}Item>
        <{p}Item naaccrId="nameLast">TESTPATIENT</{p}Item>
        <{p}Item naaccrId="nameFirst">ALPHA &amp; OMEGA</{p}Item>
        <{p}Item naaccrId="dateOfBirth">19600214</{p}Item>
        <{p}Item naaccrId="{sex}">2</{p}Item>
        <{p}Item naaccrId="vitalStatus">1</{p}Item>
        <{p}Item naaccrId="dateOfLastContact">20250610</{p}Item>
"""
    t1 = [("tumorRecordNumber", "01"), ("dateOfDiagnosis", "20220315"), ("primarySite", "C492"),
          ("histologicTypeIcdO3", "8890"), ("behaviorCodeIcdO3", "3"), ("schemaDiscriminator2", "1"),
          ("eodPrimaryTumor", "200"), ("eodRegionalNodes", "000"), ("eodMets", "00"), ("tumorSizeSummary", "075"),
          ("gradeClinical", "3"), ("gradePathological", "3"), ("summaryStage2018", "2"), ("derivedSummaryStage2018", "2")]
    t2 = [("tumorRecordNumber", "02"), ("dateOfDiagnosis", "20230901"), ("primarySite", "C541"),
          ("histologicTypeIcdO3", "8890"), ("behaviorCodeIcdO3", "3"), ("eodPrimaryTumor", "100"),
          ("eodRegionalNodes", "000"), ("eodMets", "00"), ("peritonealCytology", "2"), ("tumorSizeSummary", "060"),
          ("gradePathological", "3"), ("summaryStage2018", "1")]
    t3 = [("tumorRecordNumber", "03"), ("dateOfDiagnosis", "2024"), ("primarySite", "C169"),
          ("histologicTypeIcdO3", "8936"), ("behaviorCodeIcdO3", "3")]
    body += tumour(t1).replace("<", "<" + p).replace("<" + p + "/", "</" + p) + "\n"
    body += tumour(t2).replace("<", "<" + p).replace("<" + p + "/", "</" + p) + "\n"
    body += tumour(t3).replace("<", "<" + p).replace("<" + p + "/", "</" + p) + "\n"
    body += f"""    </{p}Patient>
    <{p}Patient>
        <{p}Item naaccrId="patientIdNumber">00000102</{p}Item>
        <{p}Item naaccrId="dateOfBirth">1971</{p}Item>
        <{p}Item naaccrId="vitalStatus">0</{p}Item>
        <{p}Item naaccrId="dateOfLastContact">20240102</{p}Item>
"""
    t4 = [("tumorRecordNumber", "01"), ("dateOfDiagnosis", "20210510"), ("primarySite", "C509"),
          ("histologicTypeIcdO3", "8500"), ("behaviorCodeIcdO3", "3"), ("summaryStage2018", "1")]
    t5 = [("tumorRecordNumber", "02"), ("dateOfDiagnosis", "20211120"), ("primarySite", "C169"),
          ("histologicTypeIcdO3", "8890"), ("behaviorCodeIcdO3", "3"), ("eodPrimaryTumor", "550"),
          ("eodRegionalNodes", "800"), ("eodMets", "00")]
    body += tumour(t4).replace("<", "<" + p).replace("<" + p + "/", "</" + p) + "\n"
    body += tumour(t5).replace("<", "<" + p).replace("<" + p + "/", "</" + p) + "\n"
    body += f"    </{p}Patient>\n</{p}NaaccrData>\n"
    return body

def write(name, text):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(text)

os.makedirs(OUT, exist_ok=True)
for version in VERSIONS:
    write(f"incidence-{version}.xml", document(version))
base = document(230)
with open(os.path.join(OUT, "incidence-230.xml.gz"), "wb") as f:
    f.write(gzip.compress(base.encode(), mtime=0))
write("prefixed-230.xml", document(230, "n"))
# Malformed variants: each must stop the run with the named line and leave no output.
write("malformed-mismatched-tag.xml", base.replace("</Tumor>", "</Tumour>", 1))
write("malformed-truncated.xml", base[: base.index("<Item naaccrId=\"eodMets\">")+10])
write("malformed-no-namespace.xml", base.replace(' xmlns="http://naaccr.org/naaccrxml"', ""))
write("malformed-unknown-dictionary.xml", base.replace("naaccr-dictionary-230", "naaccr-dictionary-190"))
write("malformed-item-outside-tumour.xml",
      base.replace('<Item naaccrId="vitalStatus">1</Item>', '<Item naaccrId="primarySite">C492</Item>', 1))
write("malformed-doctype.xml", base.replace("<!-- Synthetic", '<!DOCTYPE NaaccrData [<!ENTITY x "y">]>\n<!-- Synthetic', 1))
write("malformed-bad-entity.xml", base.replace("ALPHA &amp; OMEGA", "ALPHA & OMEGA"))
write("malformed-two-roots.xml", base + "<NaaccrData/>\n")
with open(os.path.join(OUT, "malformed-truncated.xml.gz"), "wb") as f:
    f.write(gzip.compress(base.encode(), mtime=0)[:-40])
print("wrote", len(os.listdir(OUT)), "fixtures to", OUT)
