import JSON

/// Minimal OpenAPI v3 documents: enough for kubectl, which reads them to learn that the server validates
/// fields itself (the `fieldValidation` parameter on each kind's PATCH operation). No schemas are published,
/// so kubectl computes strategic merge patches from its built-in types (JSON merge patches for custom kinds).
/// OpenAPI v2 is not served (404): kubectl only falls back to it when v3 is missing.
struct OpenAPIDocuments: Sendable {
    let catalog: ResourceCatalog
    let gitVersion: String

    /// `/openapi/v3`: where each group-version's document is.
    var root: JSONValue {
        var paths: [String: JSONValue] = [:]
        for (group, version) in groupVersions {
            let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
            let hash = Self.hash(document(group: group, version: version) ?? .null)
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
        }
        return ["paths": .object(paths)]
    }

    /// `/openapi/v3/api/v1`, `/openapi/v3/apis/GROUP/VERSION`.
    func document(group: String, version: String) -> JSONValue? {
        let types = catalog.types(group: group, version: version)
        guard !types.isEmpty else { return nil }
        var paths: [String: JSONValue] = [:]
        for type in types {
            let prefix = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
            let scope = type.isNamespaced ? "/namespaces/{namespace}" : ""
            paths["\(prefix)\(scope)/\(type.plural)/{name}"] = ["patch": patchOperation(type)]
        }
        return [
            "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": .string(gitVersion)],
            "paths": .object(paths), "components": ["schemas": [:]],
        ]
    }

    private var groupVersions: [(String, String)] {
        [("", "v1")] + catalog.groupVersions.flatMap { entry in entry.versions.map { (entry.group, $0) } }
    }

    private func patchOperation(_ type: ResourceType) -> JSONValue {
        let parameters: [JSONValue] = ["dryRun", "fieldManager", "fieldValidation", "force"].map {
            ["name": .string($0), "in": "query", "schema": ["type": .string($0 == "force" ? "boolean" : "string")]]
        }
        return [
            "operationId": .string("patch\(type.kind)"), "parameters": .array(parameters),
            "responses": ["200": ["description": "OK"]], "x-kubernetes-action": "patch",
            "x-kubernetes-group-version-kind": [
                "group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind),
            ],
        ]
    }

    /// A stable digest (FNV-1a) of a document, for the `hash` kubectl caches by.
    static func hash(_ document: JSONValue) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in document.jsonData() {
            value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
