import Foundation
import JSON

/// JSON patch (RFC 6902, `application/json-patch+json`): add, remove, replace, move, copy and test.
/// kubectl uses it (with a `test` on `/metadata/resourceVersion`) to migrate managed fields.
enum JSONPatch {
    static func apply(_ patch: JSONValue, to target: JSONValue) throws(KubeStatusError) -> JSONValue {
        guard let operations = patch.arrayValue else { throw .badRequest("json patch must be an array of operations") }
        var document = target
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw .badRequest("json patch operation needs \"op\" and \"path\": \(operation.jsonString())")
            }
            let pointer = try parsePointer(path)
            switch op {
            case "add":
                document = try set(operation["value"] ?? .null, at: pointer, in: document, inserting: true)
            case "remove":
                _ = try value(at: pointer, in: document)
                document = try remove(at: pointer, in: document)
            case "replace":
                _ = try value(at: pointer, in: document)
                document = try set(operation["value"] ?? .null, at: pointer, in: document, inserting: false)
            case "move", "copy":
                guard let from = operation["from"]?.stringValue else { throw .badRequest("\(op) needs \"from\"") }
                let source = try parsePointer(from)
                let moved = try value(at: source, in: document)
                if op == "move" { document = try remove(at: source, in: document) }
                document = try set(moved, at: pointer, in: document, inserting: true)
            case "test":
                let actual = try value(at: pointer, in: document)
                guard actual == (operation["value"] ?? .null) else {
                    throw unprocessable("testing value \(path) failed: test failed")
                }
            default:
                throw .badRequest("unknown json patch operation \"\(op)\"")
            }
        }
        return document
    }

    private static func parsePointer(_ path: String) throws(KubeStatusError) -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else { throw .badRequest("invalid json pointer \"\(path)\"") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func value(at pointer: [String], in document: JSONValue) throws(KubeStatusError) -> JSONValue {
        var current = document
        for token in pointer {
            switch current {
            case .object(let members):
                guard let next = members[token] else { throw missing(pointer) }
                current = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { throw missing(pointer) }
                current = items[index]
            default:
                throw missing(pointer)
            }
        }
        return current
    }

    private static func set(_ newValue: JSONValue, at pointer: [String], in document: JSONValue, inserting: Bool)
        throws(KubeStatusError) -> JSONValue
    {
        guard let token = pointer.first else { return newValue }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var members):
            if rest.isEmpty {
                members[token] = newValue
            } else {
                guard let child = members[token] else { throw missing(pointer) }
                members[token] = try set(newValue, at: rest, in: child, inserting: inserting)
            }
            return .object(members)
        case .array(var items):
            if rest.isEmpty, inserting {
                if token == "-" { items.append(newValue); return .array(items) }
                guard let index = Int(token), (0...items.count).contains(index) else { throw missing(pointer) }
                items.insert(newValue, at: index)
                return .array(items)
            }
            guard let index = Int(token), items.indices.contains(index) else { throw missing(pointer) }
            items[index] = rest.isEmpty ? newValue : try set(newValue, at: rest, in: items[index], inserting: inserting)
            return .array(items)
        default:
            throw missing(pointer)
        }
    }

    private static func remove(at pointer: [String], in document: JSONValue) throws(KubeStatusError) -> JSONValue {
        guard let token = pointer.first else { return .null }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var members):
            guard let child = members[token] else { throw missing(pointer) }
            if rest.isEmpty {
                members.removeValue(forKey: token)
            } else {
                members[token] = try remove(at: rest, in: child)
            }
            return .object(members)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else { throw missing(pointer) }
            if rest.isEmpty { items.remove(at: index) } else { items[index] = try remove(at: rest, in: items[index]) }
            return .array(items)
        default:
            throw missing(pointer)
        }
    }

    private static func missing(_ pointer: [String]) -> KubeStatusError {
        unprocessable("doc is missing path: \"/\(pointer.joined(separator: "/"))\": missing value")
    }

    private static func unprocessable(_ message: String) -> KubeStatusError {
        KubeStatusError(code: 422, reason: "Invalid", message: message)
    }
}
