import Foundation
import YAML

/// Reads scalar nodes as typed values, reporting a clear diagnostic when the type is wrong.
enum ScalarReader {
    static func string(_ node: Node, path: FieldPath, _ context: ReadContext) -> String? {
        guard case .scalar(let scalar) = node.content else {
            context.error("expected a string, found \(node.readableKind)", at: node.mark, path: path)
            return nil
        }
        guard case .string(let text) = scalar.resolved else {
            context.error(
                "expected a string, found \(node.readableKind); quote it (\"\(scalar.text)\") if it is meant as text",
                at: node.mark, path: path)
            return nil
        }
        return text
    }

    /// A string that `problem` accepts (it says why a value is refused, or returns nil).
    static func string(_ node: Node, path: FieldPath, _ context: ReadContext, problem: (String) -> String?) -> String? {
        guard let text = string(node, path: path, context) else { return nil }
        if let problem = problem(text) {
            context.error(problem, at: node.mark, path: path)
            return nil
        }
        return text
    }

    static func int(_ node: Node, path: FieldPath, _ context: ReadContext, minimum: Int64? = nil) -> Int64? {
        guard case .scalar(let scalar) = node.content, case .int(let value) = scalar.resolved else {
            context.error("expected a whole number, found \(node.readableKind)", at: node.mark, path: path)
            return nil
        }
        if let minimum, value < minimum {
            context.error("must be at least \(minimum), found \(value)", at: node.mark, path: path)
            return nil
        }
        return value
    }

    static func bool(_ node: Node, path: FieldPath, _ context: ReadContext) -> Bool? {
        guard case .scalar(let scalar) = node.content, case .bool(let value) = scalar.resolved else {
            context.error("expected true or false, found \(node.readableKind)", at: node.mark, path: path)
            return nil
        }
        return value
    }

    /// A quantity written as a string (`"500m"`, `2Gi`) or a plain number (`16`, `1.5`), read from its text exactly.
    static func quantity(_ node: Node, path: FieldPath, _ context: ReadContext) -> Quantity? {
        guard case .scalar(let scalar) = node.content, scalar.resolved != .null, !isBool(scalar) else {
            context.error(
                "expected a quantity such as 500m, 2Gi or 4, found \(node.readableKind)", at: node.mark, path: path)
            return nil
        }
        do {
            return try Quantity(scalar.text)
        } catch {
            context.error(error.description, at: node.mark, path: path)
            return nil
        }
    }

    /// An exact decimal number (money), from a plain number or a numeric string.
    static func decimal(_ node: Node, path: FieldPath, _ context: ReadContext) -> Decimal? {
        if case .scalar(let scalar) = node.content, !isBool(scalar), isAmount(scalar.text),
            let value = Decimal(string: scalar.text, locale: Locale(identifier: "en_US_POSIX"))
        {
            return value
        }
        context.error(
            "expected a non-negative amount such as 5000 or 1234.50, found \(node.readableKind)", at: node.mark,
            path: path)
        return nil
    }

    static func choice<E: RawRepresentable & CaseIterable>(
        _ node: Node, _ type: E.Type, path: FieldPath, _ context: ReadContext
    ) -> E?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        if case .scalar(let scalar) = node.content, case .string(let text) = scalar.resolved {
            if let value = E(rawValue: text) { return value }
            context.error(
                "\"\(text)\" is not one of \(allowed.joined(separator: ", "))\(Suggestion.hint(for: text, in: allowed))",
                at: node.mark, path: path)
            return nil
        }
        context.error(
            "expected one of \(allowed.joined(separator: ", ")), found \(node.readableKind)", at: node.mark, path: path)
        return nil
    }

    /// Digits, then optionally a point and more digits: `5000`, `1234.50`.
    private static func isAmount(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }
    }

    private static func isBool(_ scalar: Scalar) -> Bool {
        if case .bool = scalar.resolved { return true }
        return false
    }
}
