"""Writes the pinned OCSF schema files that the OCSF conformance test reads (see docs/ocsf.md).

usage: python generate.py <ocsf version> <class name> <profile,...> <out dir>

Writes into <out dir>:
  schema.json                  the official compiled schema of that OCSF version, as bundled by ocsf-json-schema
                               (the schema.ocsf.io export: dictionary, classes, objects, types)
  <class name>.schema.json     a JSON Schema (draft 2020-12) of the class with the given profiles, every object
                               embedded under $defs: additionalProperties false, required attributes, enums of
                               *_id attributes, at_least_one / just_one constraints, type patterns
"""
import json
import sys
from pathlib import Path

from ocsf_json_schema import OcsfJsonSchemaEmbedded, get_ocsf_schema, get_packaged_versions


def main(version: str, class_name: str, profiles: list[str], out: Path) -> None:
    if version not in get_packaged_versions():
        sys.exit(f"ocsf: version {version} is not bundled; bundled: {', '.join(sorted(get_packaged_versions()))}")
    schema = get_ocsf_schema(version=version)
    if schema.get("version") != version:
        sys.exit(f"ocsf: the bundled schema of {version} says it is version {schema.get('version')}")
    if class_name not in schema["classes"]:
        sys.exit(f"ocsf: class {class_name} is not in OCSF {version}")
    json_schema = OcsfJsonSchemaEmbedded(schema).get_class_schema(class_name=class_name, profiles=profiles)
    out.mkdir(parents=True, exist_ok=True)
    (out / "schema.json").write_text(json.dumps(schema, sort_keys=True) + "\n", encoding="utf-8")
    (out / f"{class_name}.schema.json").write_text(json.dumps(json_schema, indent=1, sort_keys=True) + "\n",
                                                   encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], [p for p in sys.argv[3].split(",") if p], Path(sys.argv[4]))
