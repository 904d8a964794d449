import IPv4
import YAML

extension ClusterInventory {
    /// Reads a `kind: ClusterInventory` document; every problem is reported, valid clusters are kept.
    static func read(_ root: MappingReader) -> ClusterInventory {
        let context = root.context
        let clusters =
            root.list("clusters", required: true) { node, path in ClusterProfile.read(node, path, context) } ?? []
        var seen: [String: Int] = [:]
        for (index, item) in (root.value("clusters")?.sequence ?? []).enumerated() {
            guard let nameNode = item["name"], case .scalar(let name) = nameNode.content else { continue }
            if let first = seen[name.text] {
                context.error(
                    "cluster \"\(name.text)\" is listed twice (first as clusters[\(first)])", at: nameNode.mark,
                    path: FieldPath("clusters").appending(index: index).appending("name"))
            } else {
                seen[name.text] = index
            }
        }
        let valid = Set(clusters.map(\.name))
        return ClusterInventory(clusters: clusters, invalid: Set(seen.keys).subtracting(valid), state: readState(root))
    }

    /// `state: kube://CONTEXT/NAMESPACE`, the team's cluster store; nil (an error when malformed) otherwise.
    private static func readState(_ root: MappingReader) -> StateLocation? {
        guard let text = root.string("state") else { return nil }
        guard let location = StateLocation(text) else {
            root.context.error(
                "state must be \(StateLocation.form), not \"\(text)\"", at: root.value("state")?.mark ?? root.node.mark,
                path: FieldPath("state"))
            return nil
        }
        return location
    }
}

extension ClusterProfile.CCERef {
    /// The fields of a `cce:` entry; `subnet` is read only to say what replaced it.
    static let keys = [
        "region", "projectID", "clusterID", "vpc", "vpcCIDR", "networkID", "subnetID", "subnet", "az", "keyPair",
        "secureNodeOS",
    ]
}

extension ClusterProfile {
    static let keys = [
        "name", "kubeconfig", "cce", "version", "category", "networkMode", "secureRuntime", "containerCIDR",
        "apiServerAddress", "flavor", "sharedNodes",
    ]

    static func read(_ node: Node, _ path: FieldPath, _ context: ReadContext) -> ClusterProfile? {
        guard let m = MappingReader(context, node, path: path, keys: keys) else { return nil }
        let name = m.value("name", required: true).flatMap { TenantSpec.readName($0, path.appending("name"), context) }
        let kubeconfig =
            m.mapping("kubeconfig", keys: ["path", "context"]).map {
                KubeconfigRef(path: $0.string("path"), context: $0.string("context"))
            } ?? KubeconfigRef()
        let cce = m.mapping("cce", keys: CCERef.keys).flatMap { readCCE($0, context) }
        let version = m.value("version", required: true).flatMap { readVersion($0, path.appending("version"), context) }
        let category = m.choice("category", Category.self) ?? .cce
        let networkMode = m.choice("networkMode", NetworkMode.self) ?? .tunnel
        let secureRuntime = m.bool("secureRuntime") ?? false
        let cidr = m.cidr("containerCIDR")
        let apiServer = m.string("apiServerAddress")
        let flavor = m.string("flavor")
        let shared = m.mapping("sharedNodes", keys: ["flavor", "count"]).flatMap { s -> SharedNodes? in
            guard let flavor = s.string("flavor", required: true),
                let count = s.int("count", required: true, minimum: 1)
            else { return nil }
            return SharedNodes(flavor: flavor, count: count)
        }

        if let apiServer, IPv4Address(apiServer) == nil, let node = m.value("apiServerAddress") {
            context.error(
                "\"\(apiServer)\" is not an IPv4 address", at: node.mark, path: path.appending("apiServerAddress"))
        }
        if (category == .turbo) != (networkMode == .cloudNative2),
            let node = m.value("networkMode") ?? m.value("category")
        {
            let message =
                category == .turbo
                ? "a CCE Turbo cluster uses the Cloud Native 2.0 network; set networkMode: cloud-native-2"
                : "the Cloud Native 2.0 network (cloud-native-2) exists only on CCE Turbo; set category: Turbo"
            context.error(
                message, at: node.mark, path: path.appending(m.has("networkMode") ? "networkMode" : "category"))
        }
        if secureRuntime, category != .turbo, let node = m.value("secureRuntime") {
            context.error(
                "the secure (Kata) runtime is offered only on CCE Turbo clusters with physical nodes", at: node.mark,
                path: path.appending("secureRuntime"))
        }
        guard let name, let version else { return nil }
        return ClusterProfile(
            name: name, kubeconfig: kubeconfig, cce: cce, version: version, category: category,
            networkMode: networkMode,
            secureRuntime: secureRuntime, containerCIDR: cidr, apiServerAddress: apiServer, flavor: flavor,
            sharedNodes: shared)
    }

    private static func readCCE(_ c: MappingReader, _ context: ReadContext) -> CCERef? {
        if let subnet = c.value("subnet") {
            context.error(
                "\"subnet\" named one ID for two uses: write networkID (the subnet's network ID, CCE's hostNetwork.subnet) and subnetID (its IPv4 subnet ID, for the Cloud Native 2.0 network)",
                at: subnet.mark, path: c.path.appending("subnet"))
        }
        guard let region = c.string("region", required: true), let project = c.string("projectID", required: true),
            let cluster = c.string("clusterID", required: true)
        else { return nil }
        return CCERef(
            region: region, projectID: project, clusterID: cluster, vpc: c.string("vpc"), vpcCIDR: c.cidr("vpcCIDR"),
            networkID: c.string("networkID"), subnetID: c.string("subnetID"), az: c.string("az"),
            keyPair: c.string("keyPair"), secureNodeOS: c.string("secureNodeOS"))
    }

    static func readVersion(_ node: Node, _ path: FieldPath, _ context: ReadContext) -> KubernetesVersion? {
        if case .scalar(let s) = node.content, case .float = s.resolved {
            context.error(
                "write the version as a string with a leading v, such as \"v\(s.text)\": a bare \(s.text) is read as a number",
                at: node.mark, path: path)
            return nil
        }
        guard let text = ScalarReader.string(node, path: path, context) else { return nil }
        guard let version = KubernetesVersion(text) else {
            context.error("\"\(text)\" is not a Kubernetes version such as v1.30", at: node.mark, path: path)
            return nil
        }
        return version
    }
}
