#!/usr/bin/env python3
"""Writes the golden outputs that GoldenOutputTests compares byte for byte:

    python3 scripts/golden.py .build/debug/leio          # rewrite Tests/Fixtures/golden/ (only for an intended change)

- stage/<id>.json: `leio stage --input - --json` for every worked example of Tests/Fixtures/worked-examples.json
- report/<example>[-dated].{txt,html}: `leio report` for every example case in Examples/ (fixed --today, with and
  without --treatment-end)
- batch/registry-sample.csv: `leio batch stage Examples/registry-sample.csv`

A change to any of these outputs must be deliberate: rerun this script and review the diff.
"""
import json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEIO = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/leio"))
OUT = os.path.join(ROOT, "Tests/Fixtures/golden")
TODAY, TREATMENT_END = "2026-11-30", "2026-01-15"


def run(args, stdin=None):
    """stdout; for a refused input, "exit N" and stderr instead (the refusal is golden too)."""
    result = subprocess.run([LEIO, *args], input=stdin, capture_output=True, cwd=ROOT)
    return result.stdout if result.returncode == 0 else f"exit {result.returncode}\n".encode() + result.stderr


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    examples = json.load(open(os.path.join(ROOT, "Tests/Fixtures/worked-examples.json")))["examples"]
    for example in examples:
        write(os.path.join(OUT, "stage", example["id"] + ".json"), run(["stage", "--input", "-", "--json"], json.dumps(example["input"], sort_keys=True).encode()))
    for name in sorted(os.listdir(os.path.join(ROOT, "Examples"))):
        if not name.endswith(".json"):
            continue
        stem = name[:-5]
        for fmt, ext in [("text", "txt"), ("html", "html")]:
            base = ["report", "--input", os.path.join("Examples", name), "--format", fmt, "--today", TODAY, "--label", "Fictional example case"]
            write(os.path.join(OUT, "report", f"{stem}.{ext}"), run(base))
            write(os.path.join(OUT, "report", f"{stem}-dated.{ext}"), run(base + ["--treatment-end", TREATMENT_END]))
    write(os.path.join(OUT, "batch", "registry-sample.csv"), run(["batch", "stage", "Examples/registry-sample.csv"]))
    print(f"wrote {len(examples)} stage outputs, report and batch outputs to {OUT}")


if __name__ == "__main__":
    main()
