extension KubernetesSchemaValidator {
    /// The Python side, run as `python3 -c script MODE ...` with kubernetes-validate's own API
    /// (`kubernetes_validate.utils`): `versions` prints the schema versions it ships as a JSON array;
    /// `validate FILE VERSION` splits FILE as its CLI does and prints one JSON result per document:
    /// `{"kind", "name", "outcome": "valid" | "invalid" | "skipped", "path", "message"}`, or
    /// `{"error": …}` when FILE cannot be read or parsed.
    static let script = #"""
        import json, sys
        import kubernetes_validate.utils as kv

        def describe(doc, outcome, path="", message=""):
            metadata = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
            return {"kind": str(doc.get("kind", "")), "name": str(metadata.get("name", "")),
                    "outcome": outcome, "path": path, "message": message}

        def check(doc, version):
            if not isinstance(doc, dict):
                return {"kind": "", "name": "", "outcome": "invalid", "path": "",
                        "message": "the document is not a mapping"}
            if not isinstance(doc.get("apiVersion"), str) or not isinstance(doc.get("kind"), str):
                return describe(doc, "invalid", "", "apiVersion and kind are required strings")
            try:
                kv.validate(doc, version, strict=True)
                return describe(doc, "valid")
            except kv.ValidationError as e:
                return describe(doc, "invalid", ".".join(str(p) for p in e.path), e.message)
            except kv.SchemaNotFoundError as e:
                return describe(doc, "skipped", "", e.message)

        if sys.argv[1] == "versions":
            print(json.dumps(kv.all_versions()))
        else:
            try:
                docs = kv.resources_from_file(sys.argv[2])
            except SystemExit as e:
                print(json.dumps({"error": str(e)}))
                sys.exit(0)
            print(json.dumps([check(doc, sys.argv[3]) for doc in docs]))
        """#
}
