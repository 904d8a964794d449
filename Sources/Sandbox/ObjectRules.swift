import Foundation
import JSON

/// What the server checks and fills in on a written object before storing it: identity against the URL,
/// name validity, and the defaults of the kinds whose defaults clients read back.
enum ObjectRules {
    /// Checks `apiVersion`/`kind` (filling them when absent), the name against the URL and its kind's rule,
    /// and the namespace against the URL. Returns the object with `metadata.name` and `metadata.namespace` set.
    static func checkIdentity(
        _ object: JSONValue, type: ResourceType, namespace: String?, urlName: String?
    ) throws(KubeStatusError) -> JSONValue {
        guard case .object = object else { throw .badRequest("the body of the request must be a JSON object") }
        var result = object
        let apiVersion = object["apiVersion"]?.stringValue ?? type.apiVersion
        let kind = object["kind"]?.stringValue ?? type.kind
        var metadata = object["metadata"] ?? .object([:])
        var name = metadata["name"]?.stringValue ?? ""
        if name.isEmpty, urlName == nil, let prefix = metadata["generateName"]?.stringValue, !prefix.isEmpty {
            name = prefix + randomSuffix()
        }
        if let urlName, !name.isEmpty, name != urlName {
            throw .badRequest("the name of the object (\(name)) does not match the name on the URL (\(urlName))")
        }
        if let urlName, name.isEmpty { name = urlName }
        if apiVersion != type.apiVersion {
            throw .badRequest(
                "the API version in the data (\(apiVersion)) does not match the expected API version (\(type.apiVersion))"
            )
        }
        var causes: [KubeStatusError.Cause] = []
        if kind != type.kind {
            causes.append(
                .init(
                    reason: "FieldValueInvalid",
                    message: "Invalid value: \"\(kind)\": must be \(type.kind) to be served by \(type.plural)",
                    field: "kind"))
        }
        if name.isEmpty {
            causes.append(
                .init(
                    reason: "FieldValueRequired", message: "Required value: name or generateName is required",
                    field: "metadata.name"))
        }
        for problem in name.isEmpty ? [] : NameValidation.problems(name, rule: type.nameRule) {
            causes.append(
                .init(
                    reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": \(problem)",
                    field: "metadata.name"))
        }
        if let given = metadata["namespace"]?.stringValue, !given.isEmpty, type.isNamespaced, given != namespace {
            throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        guard causes.isEmpty else { throw .invalid(type, name, causes) }
        metadata["name"] = .string(name)
        metadata["namespace"] = type.isNamespaced ? namespace.map(JSONValue.string) : nil
        result["apiVersion"] = .string(apiVersion)
        result["kind"] = .string(kind)
        result["metadata"] = metadata
        return result
    }

    /// Defaults the real server adds on create that clients are seen to read back.
    static func defaultsOnCreate(_ object: JSONValue, type: ResourceType) -> JSONValue {
        var result = object
        if type.hasStatusSubresource { result["status"] = .object([:]) }
        switch (type.group, type.kind) {
        case ("", "Namespace"):
            result = namespaceLabel(result)
            if result["spec"]?["finalizers"] == nil {
                result["spec"] = MergePatch.overlay(["finalizers": ["kubernetes"]], on: result["spec"] ?? [:])
            }
            result["status"] = ["phase": "Active"]
        case ("", "Secret"):
            if result["type"] == nil { result["type"] = "Opaque" }
        case ("", "Pod"), ("", "PersistentVolumeClaim"):
            result["status"] = ["phase": "Pending"]
        case ("", "Service"):
            if result["spec"]?["type"] == nil {
                result["spec"] = MergePatch.overlay(["type": "ClusterIP"], on: result["spec"] ?? [:])
            }
            result["status"] = ["loadBalancer": [:]]
        default:
            break
        }
        return result
    }

    /// Defaults kept on every write.
    static func defaultsOnUpdate(_ object: JSONValue, type: ResourceType) -> JSONValue {
        type.group.isEmpty && type.kind == "Namespace" ? namespaceLabel(object) : object
    }

    private static func namespaceLabel(_ object: JSONValue) -> JSONValue {
        var result = object
        let name = object["metadata"]?["name"] ?? .null
        var labels = object["metadata"]?["labels"] ?? .object([:])
        labels["kubernetes.io/metadata.name"] = name
        result["metadata"]?["labels"] = labels
        return result
    }

    /// The object without `metadata` and `status`: what a generation bump compares.
    static func specPart(_ object: JSONValue) -> JSONValue {
        var result = object
        result["metadata"] = nil
        result["status"] = nil
        return result
    }

    private static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
    }

    static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(.iso8601)
    }
}
