import JSON
import KubeAPI

/// The pods that keep a node pool from being deleted: running on one of its nodes (labelled
/// `cce.cloud.com/cce-nodepool: POOL`), not finished, and neither a DaemonSet's nor a static pod's mirror —
/// those go with the nodes.
enum PoolPods {
    static let poolLabel = "cce.cloud.com/cce-nodepool"

    /// `namespace/name on node` for each such pod.
    static func remaining(onPool pool: String, client: KubeClient) async throws -> [String] {
        let nodes = Set(
            try await client.list(apiVersion: "v1", kind: "Node", labelSelector: "\(poolLabel)=\(pool)").items
                .compactMap { $0["metadata"]?["name"]?.stringValue })
        guard !nodes.isEmpty else { return [] }
        return try await client.list(apiVersion: "v1", kind: "Pod").items.compactMap { pod in
            guard let node = pod["spec"]?["nodeName"]?.stringValue, nodes.contains(node),
                !["Succeeded", "Failed"].contains(pod["status"]?["phase"]?.stringValue ?? ""),
                pod["metadata"]?["annotations"]?["kubernetes.io/config.mirror"] == nil,
                !(pod["metadata"]?["ownerReferences"]?.arrayValue ?? []).contains(where: {
                    $0["kind"]?.stringValue == "DaemonSet"
                })
            else { return nil }
            let metadata = pod["metadata"] ?? [:]
            return "\(metadata["namespace"]?.stringValue ?? "")/\(metadata["name"]?.stringValue ?? "") on \(node)"
        }.sorted()
    }
}
