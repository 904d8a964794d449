import Foundation
import JSON

/// Evaluates CEL expressions as a ValidatingAdmissionPolicy's validations are evaluated, with `object` bound to
/// an object, through PyPI's `cel-expr-python` (Google's C++ CEL runtime, with RE2 as Kubernetes uses; installed
/// by `scripts/setup`).
///
/// ```swift
/// let cel = try await CELEvaluator()
/// let outcomes = try await cel.evaluate(["object.spec.type == 'NodePort'"], objects: [service])
/// #expect(outcomes[0][0] == .value(false))
/// ```
///
/// Its environment is standard CEL with `object` dynamically typed: an expression that needs a library only
/// Kubernetes adds (`split`, `lowerAscii`, quantities, URLs) does not compile, so rules tested here use what every
/// kube-apiserver with the policy API evaluates. Python runs on a thread of its own (``onOwnThread(_:)``).
public struct CELEvaluator: Sendable {
    /// What became of one expression over one object.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// It evaluated to a boolean.
        case value(Bool)
        /// It evaluated to a string (a `messageExpression`).
        case text(String)
        /// It did not compile, failed to evaluate (a missing field read without `has`), or gave neither; a
        /// kube-apiserver refuses such a request by its `failurePolicy`, not with the rule's message (and for a
        /// `messageExpression`, uses the rule's `message`).
        case error(String)

        public var description: String {
            switch self {
            case .value(let value): "\(value)"
            case .text(let text): text.debugDescription
            case .error(let message): "error: \(message)"
            }
        }
    }

    /// cel-expr-python could not be run or did not answer as expected.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The installed cel-expr-python's version.
    public let runtimeVersion: String
    private let python: String
    /// Interpreter options, before `-c`.
    private let options: [String]

    /// Checks that cel-expr-python can be imported.
    /// - Parameter options: interpreter options, before `-c` (`-S`: without site-packages).
    public init(python: String = "python3", options: [String] = []) async throws {
        self.python = python
        self.options = options
        guard let version = try await Self.run(python, options, ["version"])["version"]?.stringValue else {
            throw Failure(description: "cel-expr-python did not report its version")
        }
        runtimeVersion = version
    }

    /// Every expression over every object: `outcomes[expression][object]`.
    public func evaluate(_ expressions: [String], objects: [JSONValue]) async throws -> [[Outcome]] {
        let directory = try TemporaryDirectory(prefix: "cel")
        defer { directory.remove() }
        let request: JSONValue = ["expressions": .array(expressions.map(JSONValue.string)), "objects": .array(objects)]
        let file = try directory.write("request.json", request.jsonString())
        let answer = try await Self.run(python, options, ["evaluate", file])
        guard let rows = answer.arrayValue, rows.count == expressions.count else {
            throw Failure(description: "cel-expr-python answered \(answer) for \(expressions.count) expressions")
        }
        return try rows.map { row in
            guard let cells = row.arrayValue, cells.count == objects.count else {
                throw Failure(description: "cel-expr-python answered \(row) for \(objects.count) objects")
            }
            return cells.map { cell in
                cell.boolValue.map(Outcome.value) ?? cell["text"]?.stringValue.map(Outcome.text)
                    ?? .error(cell["error"]?.stringValue ?? "\(cell)")
            }
        }
    }

    /// Runs `python OPTIONS -c script ARGUMENTS` and reads what it prints.
    private static func run(_ python: String, _ options: [String], _ arguments: [String]) async throws -> JSONValue {
        let output: String
        do {
            output = try await onOwnThread { try Tool.run(python, options + ["-c", script] + arguments) }
        } catch let failure as Tool.Failure where failure.stderr.contains("No module named") {
            throw Failure(description: "cel-expr-python is not installed (run scripts/setup): \(failure.stderr)")
        }
        return try JSONValue.parse(Data(output.utf8))
    }
}
