#!/usr/bin/env python3
"""Independent FHIR validation for Vigie's tests: fhir.resources (PyPI), FHIR R4B models (pydantic).

  fhir-validate.py FILE
FILE holds one JSON resource a line. Each is parsed by the model class of its resourceType (unknown elements,
wrong types, malformed dates and ids are errors) and written back by the model, which must keep every element.
Prints `ok N`; on the first failure prints the line and the error to stderr and exits 1. Exit 2 when
fhir.resources is missing.
"""
import json
import sys

try:
    from fhir.resources.R4B import get_fhir_model_class
except ImportError:
    sys.stderr.write("fhir.resources is required: python3 -m pip install fhir.resources\n")
    sys.exit(2)



def main():
    count = 0
    with open(sys.argv[1], encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            data = json.loads(line)
            try:
                model = get_fhir_model_class(data["resourceType"]).model_validate(data)
                round_trip = json.loads(model.model_dump_json(exclude_none=True))
            except Exception as error:  # noqa: BLE001 - report any validation failure
                sys.stderr.write(f"line {number} ({data.get('resourceType')}): {error}\n")
                sys.exit(1)
            if round_trip != data:
                sys.stderr.write(f"line {number} ({data.get('resourceType')}): the model does not keep every element\n"
                                 f"  sent:     {json.dumps(data, sort_keys=True)}\n  returned: {json.dumps(round_trip, sort_keys=True)}\n")
                sys.exit(1)
            count += 1
    print(f"ok {count}")


if __name__ == "__main__":
    main()
