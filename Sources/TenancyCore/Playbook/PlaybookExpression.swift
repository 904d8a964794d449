import JSON

/// An expression inside `${…}` in a playbook string: paths over the render context, literals,
/// comparisons and boolean logic. Parsed when the playbook is read, evaluated when it is rendered.
public indirect enum PlaybookExpression: Sendable, Hashable {
    /// A literal value: a string, a number, `true`, `false` or `null`.
    case literal(JSONValue)
    /// A path from one of the context roots: `tenant.namespaces[0]`.
    case path(root: String, [PathStep])
    /// Member or index access on a computed value: `(a)[1]`.
    case access(PlaybookExpression, PathStep)
    case not(PlaybookExpression)
    case equal(PlaybookExpression, PlaybookExpression)
    case notEqual(PlaybookExpression, PlaybookExpression)
    case and(PlaybookExpression, PlaybookExpression)
    case or(PlaybookExpression, PlaybookExpression)

    /// One step of a path: a member name or an index (itself an expression).
    public enum PathStep: Sendable, Hashable {
        case member(String)
        case index(PlaybookExpression)
    }

    /// The roots an expression may start from (`live`: what the cluster holds of a tenant, for offboarding).
    public static let roots = ["tenant", "decision", "cluster", "item", "live"]
}

extension PlaybookExpression {
    /// The roots this expression reads.
    var roots: Set<String> {
        switch self {
        case .literal: return []
        case .path(let root, let steps): return steps.reduce([root]) { $0.union($1.roots) }
        case .access(let base, let step): return base.roots.union(step.roots)
        case .not(let operand): return operand.roots
        case .equal(let a, let b), .notEqual(let a, let b), .and(let a, let b), .or(let a, let b):
            return a.roots.union(b.roots)
        }
    }
}

extension PlaybookExpression.PathStep {
    var roots: Set<String> {
        if case .index(let expression) = self { return expression.roots }
        return []
    }
}

/// Why an expression could not be evaluated; the renderer adds the template's position.
struct ExpressionError: Error, Sendable {
    let message: String
}

extension PlaybookExpression {
    /// The value of this expression over `context`, an object holding the roots.
    func evaluate(in context: JSONValue) throws(ExpressionError) -> JSONValue {
        switch self {
        case .literal(let value): return value
        case .path(let root, let steps):
            guard let value = context[root] else {
                let known = context.objectValue.map { Array($0.keys).sorted() } ?? []
                throw ExpressionError(
                    message: "\"\(root)\" is not available here\(Suggestion.hint(for: root, in: known))")
            }
            var current = value, described = root
            for step in steps {
                current = try Self.apply(step, to: current, described: described, context)
                described += step.text
            }
            return current
        case .access(let base, let step):
            return try Self.apply(step, to: try base.evaluate(in: context), described: "the value", context)
        case .not(let operand): return .bool(!(try operand.boolean(in: context, for: "!")))
        case .equal(let a, let b): return .bool(Self.same(try a.evaluate(in: context), try b.evaluate(in: context)))
        case .notEqual(let a, let b): return .bool(!Self.same(try a.evaluate(in: context), try b.evaluate(in: context)))
        case .and(let a, let b):
            guard try a.boolean(in: context, for: "&&") else { return false }
            return .bool(try b.boolean(in: context, for: "&&"))
        case .or(let a, let b):
            if try a.boolean(in: context, for: "||") { return true }
            return .bool(try b.boolean(in: context, for: "||"))
        }
    }

    /// The value as a boolean, or an error naming the operator or clause that needed one.
    func boolean(in context: JSONValue, for user: String) throws(ExpressionError) -> Bool {
        let value = try evaluate(in: context)
        guard let bool = value.boolValue else {
            throw ExpressionError(message: "\(user) needs true or false, found \(value.readableKind)")
        }
        return bool
    }

    private static func apply(_ step: PathStep, to value: JSONValue, described: String, _ context: JSONValue)
        throws(ExpressionError) -> JSONValue
    {
        switch step {
        case .member(let name):
            guard let members = value.objectValue else {
                throw ExpressionError(message: "\(described) is \(value.readableKind), which has no field \"\(name)\"")
            }
            guard let member = members[name] else {
                throw ExpressionError(
                    message:
                        "\(described) has no field \"\(name)\"\(Suggestion.hint(for: name, in: Array(members.keys).sorted()))"
                )
            }
            return member
        case .index(let expression):
            let index = try expression.evaluate(in: context)
            if let items = value.arrayValue, let position = index.intValue {
                guard position >= 0, position < items.count else {
                    throw ExpressionError(
                        message: "index \(position) is out of range: \(described) has \(items.count) items")
                }
                return items[Int(position)]
            }
            if let members = value.objectValue, let key = index.stringValue {
                guard let member = members[key] else {
                    throw ExpressionError(message: "\(described) has no field \"\(key)\"")
                }
                return member
            }
            throw ExpressionError(message: "cannot index \(value.readableKind) with \(index.readableKind)")
        }
    }

    /// Equality where a whole double equals the same integer.
    private static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let i), .double(let d)), (.double(let d), .int(let i)): return Double(i) == d
        default: return a == b
        }
    }
}

extension PlaybookExpression.PathStep {
    /// How the step reads after a path: `.name` or `[0]`.
    var text: String {
        switch self {
        case .member(let name): return ".\(name)"
        case .index(.literal(let value)): return "[\(value.interpolated ?? "…")]"
        case .index: return "[…]"
        }
    }
}

extension JSONValue {
    /// How a value reads in a message.
    var readableKind: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "the boolean \(b)"
        case .int, .double: return "the number \(interpolated ?? "")"
        case .string(let s): return "the string \"\(s)\""
        case .array: return "a list"
        case .object: return "a mapping"
        }
    }

    /// The text of a scalar when interpolated into a string; nil for null, lists and mappings.
    var interpolated: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }
}
