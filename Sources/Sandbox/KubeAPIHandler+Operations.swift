import Foundation
import Hummingbird
import JSON

extension KubeAPIHandler {
    static let patchTypes: Set<String> = [
        "application/merge-patch+json", "application/strategic-merge-patch+json", "application/json-patch+json",
        "application/apply-patch+yaml",
    ]

    func list(_ type: ResourceType, _ namespace: String?, query: QueryParameters, accept: String?) async throws
        -> Response
    {
        let selector = try LabelSelector(parsing: query["labelSelector"] ?? "")
        let fields = try FieldSelector(parsing: query["fieldSelector"] ?? "")
        let (objects, version) = await store.snapshot(type, namespace: namespace, selector: selector)
        let items = objects.filter(fields.matches)
        if Table.isRequested(by: accept) {
            return KubeResponse.json(Table.make(type, items, resourceVersion: version))
        }
        return KubeResponse.json(listDocument(type, items, resourceVersion: version))
    }

    func listDocument(_ type: ResourceType, _ items: [JSONValue], resourceVersion: String) -> JSONValue {
        [
            "kind": .string("\(type.kind)List"), "apiVersion": .string(type.apiVersion),
            "metadata": ["resourceVersion": .string(resourceVersion)],
            "items": .array(
                items.map { item in
                    var trimmed = item
                    trimmed["kind"] = nil
                    trimmed["apiVersion"] = nil
                    return trimmed
                }),
        ]
    }

    func patch(
        _ request: Request, _ type: ResourceType, _ namespace: String?, _ name: String, query: QueryParameters,
        context: SandboxRequestContext, subresource: String?
    ) async throws -> Response {
        let patch = try await body(of: request, context: context, allowing: Self.patchTypes)
        let mediaType = Self.mediaType(request.headers[.contentType])
        var options = try writeOptions(query, request)
        if mediaType != "application/apply-patch+yaml", query["force"] != nil {
            throw KubeStatusError.invalidPatchOptions(
                field: "force", reason: "FieldValueForbidden", "Forbidden: may not be specified for non-apply patch")
        }
        switch mediaType {
        case "application/apply-patch+yaml":
            guard let manager = query["fieldManager"], !manager.isEmpty else {
                throw KubeStatusError.invalidPatchOptions(
                    field: "fieldManager", reason: "FieldValueRequired", "Required value: is required for apply patch")
            }
            options.fieldManager = manager
            let (object, created) = try await store.apply(
                patch, as: type, namespace: namespace, name: name, options: options)
            return KubeResponse.json(object, status: created ? .created : .ok)
        case "application/json-patch+json":
            let patched = try await store.patch(
                type, namespace: namespace, name: name, subresource: subresource,
                options: options
            ) { object throws(KubeStatusError) in try JSONPatch.apply(patch, to: object) }
            return KubeResponse.json(patched)
        case "application/strategic-merge-patch+json":
            let patched = try await store.patch(
                type, namespace: namespace, name: name, subresource: subresource,
                options: options
            ) { StrategicMergePatch.apply(patch, to: $0) }
            return KubeResponse.json(patched)
        default:
            let patched = try await store.patch(
                type, namespace: namespace, name: name, subresource: subresource,
                options: options
            ) { MergePatch.apply(patch, to: $0) }
            return KubeResponse.json(patched)
        }
    }

    func delete(
        _ request: Request, _ type: ResourceType, _ namespace: String?, _ name: String, query: QueryParameters,
        context: SandboxRequestContext
    ) async throws -> Response {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let body = buffer.readableBytes == 0 ? JSONValue.object([:]) : try JSONValue.parse(String(buffer: buffer))
        try query.checkPropagationPolicy(body["propagationPolicy"]?.stringValue)
        let bodyDryRun = body["dryRun"]?.arrayValue?.contains("All") ?? false
        let options = DeleteOptions(
            dryRun: try query.dryRun() || bodyDryRun,
            resourceVersion: body["preconditions"]?["resourceVersion"]?.stringValue,
            uid: body["preconditions"]?["uid"]?.stringValue)
        switch try await store.delete(type, namespace: namespace, name: name, options: options) {
        case .pending(let object):
            return KubeResponse.json(object)
        case .deleted(let object) where type.returnsDeletedObject:
            return KubeResponse.json(object)
        case .deleted(let object):
            var details: JSONValue = [
                "name": .string(name), "kind": .string(type.plural),
                "uid": object["metadata"]?["uid"] ?? .null,
            ]
            if !type.group.isEmpty { details["group"] = .string(type.group) }
            return KubeResponse.json(
                ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": details])
        }
    }

    /// `DELETE` on a collection: deletes what the selectors match, answers with the list of deleted objects.
    func deleteCollection(_ type: ResourceType, _ namespace: String?, query: QueryParameters) async throws -> Response {
        let selector = try LabelSelector(parsing: query["labelSelector"] ?? "")
        let fields = try FieldSelector(parsing: query["fieldSelector"] ?? "")
        let options = DeleteOptions(dryRun: try query.dryRun())
        var deleted: [JSONValue] = []
        for object in await store.list(type, namespace: namespace, selector: selector) where fields.matches(object) {
            let name = object["metadata"]?["name"]?.stringValue ?? ""
            let objectNamespace = object["metadata"]?["namespace"]?.stringValue
            switch try await store.delete(type, namespace: objectNamespace, name: name, options: options) {
            case .deleted(let last), .pending(let last): deleted.append(last)
            }
        }
        return KubeResponse.json(listDocument(type, deleted, resourceVersion: await store.resourceVersion))
    }
}

/// A `fieldSelector` over `metadata.name` and `metadata.namespace` (`=`, `==`, `!=`, comma-separated),
/// the fields every kind supports.
struct FieldSelector {
    private var terms: [(path: String, value: String, equal: Bool)] = []

    init(parsing text: String) throws(KubeStatusError) {
        for term in text.split(separator: ",").map(String.init) {
            let equal = !term.contains("!=")
            let parts = term.components(separatedBy: equal ? (term.contains("==") ? "==" : "=") : "!=")
            guard parts.count == 2, ["metadata.name", "metadata.namespace"].contains(parts[0]) else {
                throw .badRequest(
                    "\"\(term)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
            }
            terms.append((parts[0], parts[1], equal))
        }
    }

    func matches(_ object: JSONValue) -> Bool {
        terms.allSatisfy { term in
            let actual = object.value(at: term.path.split(separator: ".").map(String.init))?.stringValue ?? ""
            return (actual == term.value) == term.equal
        }
    }
}

extension KubeStore {
    /// A list and the resourceVersion it is current at, read atomically.
    func snapshot(_ type: ResourceType, namespace: String?, selector: LabelSelector) -> ([JSONValue], String) {
        (list(type, namespace: namespace, selector: selector), resourceVersion)
    }
}

extension KubeStatusError {
    /// The real server validates PatchOptions before anything else and answers 422 with these causes.
    static func invalidPatchOptions(field: String, reason: String, _ message: String) -> KubeStatusError {
        KubeStatusError(
            code: 422, reason: "Invalid", message: "PatchOptions.meta.k8s.io \"\" is invalid: \(field): \(message)",
            group: "meta.k8s.io", kind: "PatchOptions", causes: [Cause(reason: reason, message: message, field: field)])
    }
}
