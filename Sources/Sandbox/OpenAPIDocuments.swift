import JSON

/// Minimal OpenAPI documents: enough for kubectl. From v3 it learns that the server validates fields itself
/// (the `fieldValidation` parameter on each kind's PATCH operation); kubectl 1.27 and 1.28 also insist on
/// fetching v2, which is served empty. No schemas are published, so kubectl computes strategic merge
/// patches from its built-in types (JSON merge patches for custom kinds).
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

    /// `/openapi/v2` as JSON: no paths, no definitions.
    var v2: JSONValue {
        ["swagger": "2.0", "info": ["title": "Kubernetes", "version": .string(gitVersion)], "paths": [:]]
    }

    /// `/openapi/v2` in the protobuf encoding kubectl asks for (gnostic `openapi_v2.Document`): `swagger`
    /// (field 1), `info` (field 2: `title` 1, `version` 2) and empty `paths` (field 8).
    var v2Protobuf: [UInt8] {
        let info = Self.field(1, Array("Kubernetes".utf8)) + Self.field(2, Array(gitVersion.utf8))
        return Self.field(1, Array("2.0".utf8)) + Self.field(2, info) + Self.field(8, [])
    }

    /// A length-delimited protobuf field (wire type 2).
    private static func field(_ number: UInt8, _ payload: [UInt8]) -> [UInt8] {
        var length = payload.count
        var varint: [UInt8] = []
        repeat {
            varint.append(UInt8(length & 0x7f) | (length > 0x7f ? 0x80 : 0))
            length >>= 7
        } while length > 0
        return [number << 3 | 2] + varint + payload
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
