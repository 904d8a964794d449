import Foundation
import JSON
import TestSupport
import Testing

/// `CELEvaluator` runs cel-expr-python with `object` bound, and tells values and texts from errors.
@Suite struct CELEvaluatorTests {
    let cel: CELEvaluator

    init() async throws { cel = try await CELEvaluator() }

    @Test func evaluatesEveryExpressionOverEveryObject() async throws {
        let nodePort: JSONValue = ["kind": "Service", "spec": ["type": "NodePort"]]
        let plain: JSONValue = ["kind": "Service", "spec": [:]]
        let outcomes = try await cel.evaluate(
            ["has(object.spec.type) && object.spec.type == 'NodePort'", "object.kind.startsWith('Serv')"],
            objects: [nodePort, plain])
        #expect(outcomes == [[.value(true), .value(false)], [.value(true), .value(true)]])
    }

    @Test func regularExpressionsAreRE2() async throws {
        let pod: JSONValue = ["image": "registry.example.com:5000/team/app"]
        let outcomes = try await cel.evaluate(
            ["object.image.matches('^[^/]*[.:A-Z][^/]*/')", "object.image.matches('^team')"], objects: [pod])
        #expect(outcomes == [[.value(true)], [.value(false)]])
    }

    @Test func aStringIsAText() async throws {
        let pod: JSONValue = ["spec": ["containers": [["image": "a"], ["image": "quay.io/b"]]]]
        let outcomes = try await cel.evaluate(
            ["'image ' + object.spec.containers.filter(c, c.image.startsWith('quay.io/')).map(c, c.image)[0]"],
            objects: [pod])
        #expect(outcomes == [[.text("image quay.io/b")]])
    }

    @Test func aMissingFieldAKubernetesOnlyFunctionAndANonBooleanAreErrors() async throws {
        let outcomes = try await cel.evaluate(
            ["object.spec.type == 'NodePort'", "object.kind.lowerAscii() == 'pod'", "size(object.kind)"],
            objects: [["kind": "Pod", "spec": [:]]])
        guard case .error(let missing) = outcomes[0][0] else { Issue.record("\(outcomes[0])"); return }
        #expect(missing.contains("type"), "\(missing)")
        guard case .error(let undeclared) = outcomes[1][0] else { Issue.record("\(outcomes[1])"); return }
        #expect(undeclared.contains("does not compile") && undeclared.contains("lowerAscii"), "\(undeclared)")
        #expect(outcomes[2][0] == .error("neither a boolean nor a string: 3"))
    }

    @Test func withoutTheRuntimeItFailsSayingToRunSetup() async {
        // Python without its site-packages, where cel-expr-python is installed.
        let error = await #expect(throws: CELEvaluator.Failure.self) { try await CELEvaluator(options: ["-S"]) }
        #expect(
            error?.description.contains("cel-expr-python is not installed (run scripts/setup)") == true,
            "\(String(describing: error))")
    }

    @Test func reportsTheRuntimesVersion() {
        #expect(cel.runtimeVersion.split(separator: ".").count == 3, "\(cel.runtimeVersion)")
    }
}
