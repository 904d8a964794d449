import Testing

@testable import TenancyCore

/// The inventory's `state:` names the team's cluster store; a malformed one is an error at its place.
@Suite struct InventoryStateTests {
    static func read(_ state: String) -> Workspace {
        let text = """
            apiVersion: tenantctl.io/v1
            kind: ClusterInventory
            state: \(state)
            clusters:
              - {name: c1, version: v1.31, networkMode: tunnel, containerCIDR: 10.0.0.0/16, apiServerAddress: 10.0.0.1,
                 flavor: cce.s2.medium, sharedNodes: {flavor: c7.2xlarge.2, count: 2}}
            """
        return WorkspaceLoader.load([Fixtures.inline(text, path: "clusters.yaml")])
    }

    @Test func aClusterStoreIsReadWithItsContextAndNamespace() {
        let workspace = Self.read("kube://mgmt/tenantctl-state")
        #expect(workspace.diagnostics.filter { $0.severity == .error }.isEmpty, "\(workspace.diagnostics)")
        #expect(workspace.inventory?.state == StateLocation("kube://mgmt/tenantctl-state"))
        #expect(
            workspace.inventory?.state?.context == "mgmt" && workspace.inventory?.state?.namespace == "tenantctl-state")
    }

    @Test(arguments: ["mgmt/state", "kube://mgmt", "kube:///state", "kube://mgmt/Not_A_Label", "kube://a/b/c"])
    func aMalformedOneIsAnErrorAtItsLine(state: String) {
        let workspace = Self.read(state)
        let error = workspace.diagnostics.first { $0.severity == .error }
        #expect(
            error?.description.hasPrefix("clusters.yaml:3:8: error: state: state must be kube://CONTEXT/NAMESPACE")
                == true, "\(workspace.diagnostics)")
        #expect(workspace.inventory?.state == nil)
    }
}
