import JSON

/// Strategic merge patch (`application/strategic-merge-patch+json`), as kubectl's client-side apply sends it.
///
/// Approximation: the real server reads merge keys and strategies from each Go type; this one knows the
/// common list fields by name (`containers`, `env`, `volumes`, `ports`, … merged by their key; `finalizers`
/// merged as a set) and replaces every other list, like a JSON merge patch. It honours the directives
/// kubectl emits: `$patch` (`replace`, `delete`, `merge`), `$setElementOrder/…`, `$deleteFromPrimitiveList/…`
/// and `$retainKeys`.
enum StrategicMergePatch {
    /// Merge keys of well-known lists of objects, by field name.
    static let mergeKeys: [String: String] = [
        "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name",
        "env": "name", "imagePullSecrets": "name", "volumeMounts": "mountPath", "volumeDevices": "devicePath",
        "hostAliases": "ip", "conditions": "type", "ownerReferences": "uid", "resourceClaims": "name",
        "topologySpreadConstraints": "topologyKey",
    ]
    /// Lists of scalars the real types merge as sets.
    static let mergedScalarLists: Set<String> = ["finalizers"]

    static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(var patchMembers) = patch else { return patch }
        switch patchMembers.removeValue(forKey: "$patch")?.stringValue {
        case "replace": return .object(patchMembers)
        case "delete": return .null
        default: break
        }
        let retainKeys = patchMembers.removeValue(forKey: "$retainKeys")?.arrayValue?.compactMap(\.stringValue)
        var result = target.objectValue ?? [:]
        var orders: [String: [JSONValue]] = [:]
        for (key, value) in patchMembers {
            if let field = key.droppingPrefix("$setElementOrder/") {
                orders[field] = value.arrayValue ?? []
            } else if let field = key.droppingPrefix("$deleteFromPrimitiveList/") {
                let doomed = Set(value.arrayValue ?? [])
                result[field] = result[field]?.arrayValue.map { .array($0.filter { !doomed.contains($0) }) }
            }
        }
        for (key, value) in patchMembers where !key.hasPrefix("$") {
            if value.isNull {
                result[key] = nil
            } else if case .array(let items) = value {
                result[key] = mergeList(field: key, patch: items, into: result[key]?.arrayValue ?? [])
            } else {
                let merged = apply(value, to: result[key] ?? .null)
                result[key] = merged.isNull ? JSONValue?.none : merged
            }
        }
        for (field, order) in orders {
            if let items = result[field]?.arrayValue { result[field] = .array(reorder(items, by: order, field: field)) }
        }
        if let retainKeys {
            let keep = Set(retainKeys)
            result = result.filter { keep.contains($0.key) }
        }
        return .object(result)
    }

    private static func mergeList(field: String, patch: [JSONValue], into original: [JSONValue]) -> JSONValue {
        if patch.contains(where: { $0["$patch"]?.stringValue == "replace" }) {
            return .array(patch.filter { $0["$patch"] == nil })
        }
        if mergedScalarLists.contains(field) {
            var merged = original
            for item in patch where !merged.contains(item) { merged.append(item) }
            return .array(merged)
        }
        guard let key = mergeKey(field: field, items: patch + original) else { return .array(patch) }
        var merged = original
        for item in patch {
            let identity = item[key]
            let index = merged.firstIndex { $0[key] == identity }
            if item["$patch"]?.stringValue == "delete" {
                if let index { merged.remove(at: index) }
            } else if let index {
                merged[index] = apply(item, to: merged[index])
            } else {
                merged.append(apply(item, to: .object([:])))
            }
        }
        return .array(merged)
    }

    private static func mergeKey(field: String, items: [JSONValue]) -> String? {
        if field == "ports" {
            return items.contains { $0["containerPort"] != nil } ? "containerPort" : "port"
        }
        return mergeKeys[field]
    }

    /// Puts the items named in `order` first, in that order; the rest keep their relative order after them.
    private static func reorder(_ items: [JSONValue], by order: [JSONValue], field: String) -> [JSONValue] {
        let key = mergeKey(field: field, items: items)
        let identity: (JSONValue) -> JSONValue = { item in key.flatMap { item[$0] } ?? item }
        let wanted = order.map(identity)
        let ordered = wanted.compactMap { want in items.first { identity($0) == want } }
        let rest = items.filter { !wanted.contains(identity($0)) }
        return ordered + rest
    }
}

extension String {
    func droppingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
