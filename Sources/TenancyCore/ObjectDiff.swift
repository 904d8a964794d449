import Foundation
import JSON

/// The fields of a desired object that differ from the live one. Only fields the desired object sets are
/// compared (the server adds defaults and status of its own), in metadata only labels and annotations, and
/// after normalising what the server rewrites: quantities by value (`1000m` = `1`, `1Gi` = `1024Mi`), and an
/// empty list or map the same as a missing one (but an empty map wanted where the live one has members, such as
/// a `podSelector: {}` narrowed by hand, is a change). Pure.
public enum ObjectDiff {
    /// Top-level members that are never compared: identity and what the server owns.
    static let ignoredTopLevel: Set<String> = ["apiVersion", "kind", "status"]
    /// Metadata members that are compared: the rest is identity or server-owned.
    static let comparedMetadata: Set<String> = ["labels", "annotations"]
    /// Members whose values are resource quantities: below them `1000m` = `1`; elsewhere strings compare as text.
    static let quantityMembers: Set<String> = [
        "hard", "limits", "requests", "podFixed", "default", "defaultRequest", "min", "max", "maxLimitRequestRatio",
        "capacity",
    ]

    public static func changes(desired: JSONValue, live: JSONValue) -> [FieldChange] {
        guard let members = desired.objectValue else { return same(desired, live, quantities: false) ? [] : [FieldChange(path: "", before: live, after: desired)] }
        var found: [FieldChange] = []
        for key in members.keys.sorted() where !ignoredTopLevel.contains(key) {
            let wanted = members[key]!
            if key == "metadata" {
                for member in comparedMetadata.sorted() {
                    guard let value = wanted[member] else { continue }
                    found += compare(value, live["metadata"]?[member], path: "metadata.\(member)", quantities: false)
                }
            } else {
                found += compare(wanted, live[key], path: segment(key, after: ""), quantities: quantityMembers.contains(key))
            }
        }
        return found
    }

    private static func compare(_ desired: JSONValue, _ live: JSONValue?, path: String, quantities: Bool) -> [FieldChange] {
        guard let live, !live.isNull else { return leaves(of: desired, path: path) }
        switch (desired, live) {
        case (.object(let wanted), .object(let have)) where wanted.isEmpty && !have.isEmpty:
            // An empty selector or map means "everything" or "nothing"; a live one with members differs.
            return [FieldChange(path: path, before: live, after: desired)]
        case (.object(let wanted), .object(let have)):
            return wanted.keys.sorted().flatMap { key in
                compare(wanted[key]!, have[key], path: segment(key, after: path), quantities: quantities || quantityMembers.contains(key))
            }
        case (.array(let wanted), .array(let have)) where wanted.count == have.count:
            return wanted.indices.flatMap { compare(wanted[$0], have[$0], path: "\(path)[\($0)]", quantities: quantities) }
        default:
            return same(desired, live, quantities: quantities) ? [] : [FieldChange(path: path, before: live, after: desired)]
        }
    }

    /// Every non-empty scalar under `value` as an addition, so that a missing subtree reads field by field.
    private static func leaves(of value: JSONValue, path: String) -> [FieldChange] {
        switch value {
        case .object(let members): return members.keys.sorted().flatMap { leaves(of: members[$0]!, path: segment($0, after: path)) }
        case .array(let items): return items.indices.flatMap { leaves(of: items[$0], path: "\(path)[\($0)]") }
        case .null: return []
        default: return [FieldChange(path: path, before: nil, after: value)]
        }
    }

    /// Equal as JSON, as two empty collections, or (with `quantities`) as quantities of equal value.
    static func same(_ a: JSONValue, _ b: JSONValue, quantities: Bool) -> Bool {
        if a == b || (isEmpty(a) && isEmpty(b)) { return true }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            guard quantities, let p = try? Quantity(x), let q = try? Quantity(y) else { return false }
            return p == q
        case (.int(let x), .string(let y)), (.string(let y), .int(let x)):
            return quantities && (try? Quantity(y))?.value == Decimal(x)
        default:
            return false
        }
    }

    private static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return true
        case .array(let items): return items.isEmpty
        case .object(let members): return members.isEmpty
        default: return false
        }
    }

    /// `spec.hard` then `["requests.cpu"]` for keys that are not plain identifiers.
    static func segment(_ key: String, after path: String) -> String {
        let plain = !key.isEmpty && key.first.map { $0.isLetter || $0 == "_" } == true
            && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        if plain { return path.isEmpty ? key : "\(path).\(key)" }
        let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\(path)[\"\(escaped)\"]"
    }
}
