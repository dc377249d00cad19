#!/usr/bin/env python3
"""Parse FHIR bundles with the fhir.resources package (its R4B models, the closest it ships to R4).

Usage: fhir-validate.py FILE_OR_DIRECTORY...

Every bundle must parse as a Bundle, and every entry's resource as its own resource type. Prints one line per
failure and a summary; exits 1 on any failure, 3 when fhir.resources is not installed.
"""
import json
import os
import sys

try:
    import fhir.resources
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle
except ImportError:
    print("MISSING fhir.resources (python3 -m pip install fhir.resources)")
    sys.exit(3)


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if name.endswith(".json"):
                    yield os.path.join(path, name)
        else:
            yield path


def main(paths):
    bundles = resources = 0
    failures = []
    for path in files(paths):
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        try:
            Bundle.model_validate(document)
        except Exception as error:  # pydantic ValidationError: the message names the element
            failures.append(f"{path}: Bundle: {error}")
            continue
        bundles += 1
        for index, entry in enumerate(document.get("entry", [])):
            resource = entry["resource"]
            try:
                get_fhir_model_class(resource["resourceType"]).model_validate(resource)
                resources += 1
            except Exception as error:
                failures.append(f"{path}: entry[{index}] {resource.get('resourceType')}: {error}")
    for failure in failures:
        print(failure)
    print(f"{'FAIL' if failures else 'OK'} {bundles} bundles, {resources} resources parsed "
          f"(fhir.resources {fhir.resources.__version__}, R4B models)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
