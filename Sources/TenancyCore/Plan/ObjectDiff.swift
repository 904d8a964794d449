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
        guard let members = desired.objectValue else {
            return same(desired, live, quantities: false) ? [] : [FieldChange(path: "", before: live, after: desired)]
        }
        var found: [FieldChange] = []
        for (key, wanted) in members.sorted(by: { $0.key < $1.key }) where !ignoredTopLevel.contains(key) {
            if key == "metadata" {
                for member in comparedMetadata.sorted() {
                    guard let value = wanted[member] else { continue }
                    let path = "metadata.\(member)"
                    compare(value, live["metadata"]?[member], path: path, quantities: false, into: &found)
                }
            } else {
                let quantities = quantityMembers.contains(key)
                compare(wanted, live[key], path: segment(key, after: ""), quantities: quantities, into: &found)
            }
        }
        return found
    }

    /// Appends to `found` what differs under `path` (every change goes into one list, not a list per level).
    private static func compare(
        _ desired: JSONValue, _ live: JSONValue?, path: String, quantities: Bool, into found: inout [FieldChange]
    ) {
        guard let live, !live.isNull else { return leaves(of: desired, path: path, into: &found) }
        switch (desired, live) {
        case (.object(let wanted), .object(let have)) where wanted.isEmpty && !have.isEmpty:
            // An empty selector or map means "everything" or "nothing"; a live one with members differs.
            found.append(FieldChange(path: path, before: live, after: desired))
        case (.object(let wanted), .object(let have)):
            for (key, value) in wanted.sorted(by: { $0.key < $1.key }) {
                let inQuantities = quantities || quantityMembers.contains(key)
                compare(value, have[key], path: segment(key, after: path), quantities: inQuantities, into: &found)
            }
        case (.array(let wanted), .array(let have)) where wanted.count == have.count:
            for (index, value) in wanted.enumerated() {
                compare(value, have[index], path: "\(path)[\(index)]", quantities: quantities, into: &found)
            }
        default:
            if !same(desired, live, quantities: quantities) {
                found.append(FieldChange(path: path, before: live, after: desired))
            }
        }
    }

    /// Appends every non-empty scalar under `value` as an addition, so that a missing subtree reads field by field.
    private static func leaves(of value: JSONValue, path: String, into found: inout [FieldChange]) {
        switch value {
        case .object(let members):
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                leaves(of: member, path: segment(key, after: path), into: &found)
            }
        case .array(let items):
            for (index, item) in items.enumerated() { leaves(of: item, path: "\(path)[\(index)]", into: &found) }
        case .null: return
        default: found.append(FieldChange(path: path, before: nil, after: value))
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
        if isIdentifier(key) { return path.isEmpty ? key : "\(path).\(key)" }
        return "\(path)[\"\(escaped(key))\"]"
    }

    /// A letter or `_`, then letters, digits, `_` and `-`, in any script. ASCII keys (nearly all) are read byte by
    /// byte, without Unicode's tables: a path is built for every field of every plan.
    private static func isIdentifier(_ key: String) -> Bool {
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else {
            guard let first = key.first, first.isLetter || first == "_" else { return false }
            return key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }
        func letter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte | 0x20) || byte == UInt8(ascii: "_") }
        guard let first = key.utf8.first, letter(first) else { return false }
        return key.utf8.allSatisfy { letter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
    }

    /// `key` with `\` and `"` escaped by a backslash.
    private static func escaped(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }) else { return key }
        var escaped = ""
        for scalar in key.unicodeScalars {
            if scalar == "\\" || scalar == "\"" { escaped.unicodeScalars.append("\\") }
            escaped.unicodeScalars.append(scalar)
        }
        return escaped
    }
}
