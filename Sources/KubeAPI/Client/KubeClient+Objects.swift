import Foundation
import JSON

extension KubeClient {
    /// Reads an object; throws `KubeAPIError` (`isNotFound`) when it does not exist.
    public func get(_ reference: ObjectReference) async throws -> JSONValue {
        let (mapping, namespace) = try await locate(reference)
        return try await executor.json(
            APICall(method: .get, path: mapping.objectPath(name: reference.name, namespace: namespace)))
    }

    /// Reads an object, or nil when it does not exist.
    public func getIfPresent(_ reference: ObjectReference) async throws -> JSONValue? {
        do {
            return try await get(reference)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }

    /// Lists objects of a kind, following `continue` tokens until the list is complete.
    /// - Parameters:
    ///   - namespace: the namespace to list in; nil lists across all namespaces (or a cluster-scoped kind).
    ///   - labelSelector: a selector such as `tenantctl.io/tenant=acme,app.kubernetes.io/managed-by`.
    public func list(apiVersion: String, kind: String, namespace: String? = nil, labelSelector: String? = nil)
        async throws -> ObjectList
    {
        let mapping = try await mapping(apiVersion: apiVersion, kind: kind)
        var items: [JSONValue] = []
        var resourceVersion: String?
        var continueToken: String?
        repeat {
            var query: [(name: String, value: String)] = [("limit", "500")]
            if let labelSelector { query.append(("labelSelector", labelSelector)) }
            if let continueToken { query.append(("continue", continueToken)) }
            let page = try await executor.json(
                APICall(method: .get, path: mapping.collectionPath(namespace: namespace), query: query))
            resourceVersion = resourceVersion ?? page.value(at: ["metadata", "resourceVersion"])?.stringValue
            for var item in page["items"]?.arrayValue ?? [] {
                item["apiVersion"] = .string(mapping.apiVersion)
                item["kind"] = .string(mapping.kind)
                items.append(item)
            }
            continueToken = page.value(at: ["metadata", "continue"])?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        } while continueToken != nil
        return ObjectList(items: items, resourceVersion: resourceVersion ?? "")
    }

    /// Creates an object (POST); a 409 `AlreadyExists` comes back as a `KubeAPIError`.
    public func create(_ object: JSONValue, dryRun: Bool = false) async throws -> JSONValue {
        let reference = try ObjectReference(of: object)
        let (mapping, namespace) = try await locate(reference)
        return try await executor.json(
            APICall(
                method: .post, path: mapping.collectionPath(namespace: namespace), query: dryRunQuery(dryRun),
                body: object.jsonData(), contentType: "application/json"))
    }

    /// Applies a JSON merge patch (RFC 7386) to an object.
    public func mergePatch(_ reference: ObjectReference, patch: JSONValue, dryRun: Bool = false) async throws
        -> JSONValue
    {
        let (mapping, namespace) = try await locate(reference)
        return try await executor.json(
            APICall(
                method: .patch, path: mapping.objectPath(name: reference.name, namespace: namespace),
                query: dryRunQuery(dryRun), body: patch.jsonData(), contentType: "application/merge-patch+json"))
    }

    /// Server-side apply: sends the full desired object as field manager `options.fieldManager`. Creates the
    /// object when absent. With `force`, takes over fields other managers own instead of failing with 409.
    public func apply(_ object: JSONValue, force: Bool = false, dryRun: Bool = false) async throws -> JSONValue {
        let reference = try ObjectReference(of: object)
        let (mapping, namespace) = try await locate(reference)
        var query: [(name: String, value: String)] = [("fieldManager", options.fieldManager)]
        if force { query.append(("force", "true")) }
        return try await executor.json(
            APICall(
                method: .patch, path: mapping.objectPath(name: reference.name, namespace: namespace),
                query: query + dryRunQuery(dryRun), body: object.jsonData(),
                contentType: "application/apply-patch+yaml"))
    }

    /// Deletes an object. Returns what the server answers: the object (still terminating, for kinds with
    /// finalizers) or a `Status`. With `resourceVersion`, the server deletes only that version of the object; with
    /// `uid`, only that very object (whatever controllers wrote to it since); either answers 409 `Conflict` when
    /// the object there is otherwise.
    @discardableResult
    public func delete(
        _ reference: ObjectReference, propagation: PropagationPolicy = .background, resourceVersion: String? = nil,
        uid: String? = nil, dryRun: Bool = false
    ) async throws -> JSONValue {
        let (mapping, namespace) = try await locate(reference)
        var options: JSONValue = [
            "apiVersion": "v1", "kind": "DeleteOptions", "propagationPolicy": .string(propagation.rawValue),
        ]
        var preconditions: [String: JSONValue] = [:]
        if let resourceVersion { preconditions["resourceVersion"] = .string(resourceVersion) }
        if let uid { preconditions["uid"] = .string(uid) }
        if !preconditions.isEmpty { options["preconditions"] = .object(preconditions) }
        return try await executor.json(
            APICall(
                method: .delete, path: mapping.objectPath(name: reference.name, namespace: namespace),
                query: dryRunQuery(dryRun), body: options.jsonData(), contentType: "application/json"))
    }

    /// The mapping of a reference's kind and the namespace its path uses (nil for cluster-scoped kinds).
    private func locate(_ reference: ObjectReference) async throws -> (ResourceMapping, String?) {
        let mapping = try await mapping(apiVersion: reference.apiVersion, kind: reference.kind)
        return (mapping, mapping.namespaced ? reference.namespace ?? connection.namespace : nil)
    }

    private func dryRunQuery(_ dryRun: Bool) -> [(name: String, value: String)] {
        dryRun ? [("dryRun", "All")] : []
    }
}
