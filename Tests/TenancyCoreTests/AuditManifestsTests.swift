import JSON
import Testing

@testable import TenancyCore

/// The manifests an offline audit reads: every document, a list's items in its place, and every file that is not
/// YAML reported (the others still read).
@Suite struct AuditManifestsTests {
    static func file(_ path: String, _ text: String) -> SourceFile { SourceFile(path: path, bytes: Array(text.utf8)) }

    @Test func documentsAndListItemsAreObjects() {
        let manifests = AuditManifests([
            Self.file(
                "pods.yaml",
                "kind: Pod\nmetadata: {name: a}\n---\nkind: PodList\nitems: [{kind: Pod, metadata: {name: b}}]\n---\n"),
            Self.file("scalar.yaml", "just text\n"),
        ])
        #expect(manifests.objects.compactMap { $0.value(at: ["metadata", "name"])?.stringValue } == ["a", "b"])
        #expect(manifests.diagnostics.isEmpty)
    }

    @Test func everyBadFileIsReportedAndTheGoodOnesAreRead() {
        let manifests = AuditManifests([
            Self.file("broken.yaml", "kind: Pod\nspec: [unclosed\n"),
            Self.file("good.yaml", "kind: Pod\nmetadata: {name: kept}\n"),
            Self.file("tabs.yaml", "kind: Pod\n\tspec: {}\n"),
        ])
        #expect(manifests.objects.count == 1)
        #expect(manifests.diagnostics.map(\.file) == ["broken.yaml", "tabs.yaml"])
        #expect(manifests.diagnostics.allSatisfy { $0.severity == .error && $0.line > 1 })
    }
}
