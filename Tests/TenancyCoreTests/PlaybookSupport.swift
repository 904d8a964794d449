import JSON
import Testing

@testable import TenancyCore

/// Loading playbooks for the playbook tests.
enum PlaybookSupport {
    static let header = "apiVersion: tenantctl.io/v1\nkind: Playbook\nmetadata: {name: test}\nspec:\n  steps:\n"

    /// The diagnostics of loading `steps` (YAML lines under `spec.steps`, indented by four) as a playbook.
    static func load(steps: String) -> (playbook: Playbook?, diagnostics: [Diagnostic]) {
        let workspace = WorkspaceLoader.load([Fixtures.inline(header + steps)])
        return (workspace.playbooks.first, workspace.diagnostics)
    }

    static func fixture(_ name: String) throws -> Playbook {
        let url = Fixtures.directory.appendingPathComponent("playbooks").appendingPathComponent(name)
        let workspace = WorkspaceLoader.load([try Fixtures.source(url)])
        #expect(workspace.diagnostics.isEmpty, "\(workspace.diagnostics.map(\.description))")
        return try #require(workspace.playbooks.first)
    }

    static let context: JSONValue = [
        "tenant": [
            "name": "acme", "namespaces": ["acme-web", "acme-data"], "runtime": "standard",
            "quota": ["pods": 200, "cpu": "16"], "nodePool": ["flavor": "c7.2xlarge.2", "nodes": 3],
            "labels": ["team": "payments"],
        ],
        "decision": ["isolation": "logical"],
        "cluster": ["name": "shared-prod", "version": "v1.30"],
    ]
}
