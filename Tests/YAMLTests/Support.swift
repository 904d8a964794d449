import Testing

@testable import YAML

/// Parses text that must be valid, failing the test otherwise.
func documents(_ text: String, limits: YAMLLimits = .default, sourceLocation: SourceLocation = #_sourceLocation)
    -> [Node]
{
    do {
        return try YAMLParser.parse(text, file: "test.yaml", limits: limits)
    } catch {
        Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
        return []
    }
}

/// The single document of valid text.
func document(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Node {
    let all = documents(text, sourceLocation: sourceLocation)
    #expect(all.count == 1, "expected one document, got \(all.count)", sourceLocation: sourceLocation)
    return all.first ?? Node(.scalar(Scalar.plain("")), mark: Mark(line: 0, column: 0))
}

/// The error that parsing text must produce.
func parseError(
    _ text: String, limits: YAMLLimits = .default, sourceLocation: SourceLocation = #_sourceLocation
) -> YAMLError? {
    parseError(Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
}

func parseError(
    _ bytes: [UInt8], limits: YAMLLimits = .default, sourceLocation: SourceLocation = #_sourceLocation
) -> YAMLError? {
    do {
        let nodes = try YAMLParser.parse(bytes, file: "bad.yaml", limits: limits)
        Issue.record("expected an error, parsed \(nodes.count) documents", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
