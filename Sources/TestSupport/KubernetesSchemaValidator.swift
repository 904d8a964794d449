import Foundation
import JSON

/// Validates Kubernetes manifests against the official schemas with PyPI's `kubernetes-validate`
/// (installed by `scripts/setup`), in strict mode: unknown fields are errors.
///
/// ```swift
/// let validator = try await KubernetesSchemaValidator()        // the newest schemas up to 1.33
/// let results = try await validator.validate(yaml: manifests)
/// #expect(results.allSatisfy { $0.outcome == .valid }, "\(results)")
/// ```
///
/// Kinds it has no schema for (custom resources such as `crd.yangtse.cni/v1 SecurityGroup`) are
/// ``Result/Outcome/skipped``, never valid. Python runs on a thread of its own (``onOwnThread(_:)``).
public struct KubernetesSchemaValidator: Sendable {
    /// What became of one document.
    public struct Result: Sendable, Hashable, CustomStringConvertible {
        public enum Outcome: Sendable, Hashable {
            case valid
            /// The schema rejected it: the message names the document, the field path and the problem.
            case invalid(String)
            /// No schema for its kind and apiVersion.
            case skipped(String)
        }

        public var kind: String
        public var name: String
        public var outcome: Outcome

        public var description: String {
            switch outcome {
            case .valid: "\(kind)/\(name): valid"
            case .invalid(let message): message
            case .skipped(let reason): "\(kind)/\(name): skipped: \(reason)"
            }
        }
    }

    /// kubernetes-validate could not be run or could not read the input.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The schema version used, `major.minor` (e.g. `1.33`).
    public let kubernetesVersion: String
    private let python: String

    /// Picks the newest schema version the installed kubernetes-validate ships that is not newer than
    /// `maximumVersion` (`major.minor`).
    public init(maximumVersion: String = "1.33", python: String = "python3") async throws {
        self.python = python
        guard let ceiling = Self.minorVersion(maximumVersion) else {
            throw Failure(description: "\"\(maximumVersion)\" is not a major.minor version")
        }
        let shipped = try await Self.run(python, ["versions"]).arrayValue ?? []
        let usable = shipped.compactMap { $0.stringValue.flatMap(Self.minorVersion) }.filter { $0 <= ceiling }
        guard let newest = usable.max(by: <) else {
            throw Failure(description: "kubernetes-validate ships no schemas up to \(maximumVersion)")
        }
        kubernetesVersion = "\(newest.major).\(newest.minor)"
    }

    /// Validates every document of a multi-document YAML string.
    public func validate(yaml: String) async throws -> [Result] {
        let directory = try TemporaryDirectory(prefix: "schema-validate")
        defer { directory.remove() }
        return try await validate(file: URL(fileURLWithPath: try directory.write("manifests.yaml", yaml)))
    }

    /// Validates every document of a YAML file.
    public func validate(file: URL) async throws -> [Result] {
        let answer = try await Self.run(python, ["validate", file.path, kubernetesVersion])
        if let error = answer["error"]?.stringValue { throw Failure(description: error) }
        return try (answer.arrayValue ?? []).map(Self.result)
    }

    private static func result(_ item: JSONValue) throws -> Result {
        let kind = item["kind"]?.stringValue ?? "", name = item["name"]?.stringValue ?? ""
        let path = item["path"]?.stringValue ?? "", message = item["message"]?.stringValue ?? ""
        switch item["outcome"]?.stringValue {
        case "valid": return Result(kind: kind, name: name, outcome: .valid)
        case "skipped": return Result(kind: kind, name: name, outcome: .skipped(message))
        case "invalid":
            let at = path.isEmpty ? "" : "\(path): "
            return Result(kind: kind, name: name, outcome: .invalid("\(kind)/\(name): \(at)\(message)"))
        default: throw Failure(description: "kubernetes-validate answered an unknown outcome: \(item)")
        }
    }

    private static func run(_ python: String, _ arguments: [String]) async throws -> JSONValue {
        let output: String
        do {
            output = try await onOwnThread { try Tool.run(python, ["-c", script] + arguments) }
        } catch let failure as Tool.Failure where failure.stderr.contains("No module named") {
            throw Failure(description: "kubernetes-validate is not installed (run scripts/setup): \(failure.stderr)")
        }
        return try JSONValue.parse(Data(output.utf8))
    }

    private static func minorVersion(_ text: String) -> (major: Int, minor: Int)? {
        let parts = text.drop { $0 == "v" }.split(separator: ".")
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        return (major, minor)
    }
}
