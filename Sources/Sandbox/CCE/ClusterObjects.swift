import Foundation
import JSON

/// The Kubernetes objects CCE puts into a cluster: a node pool's Nodes and what an add-on's chart installs.
enum ClusterObjects {
    /// The label CCE puts on every node of a pool.
    static let poolLabel = "cce.cloud.com/cce-nodepool"

    /// `spec.initialNodeCount` Nodes named `{pool}-{n}`, labelled with the pool's `k8sTags` (plus the pool
    /// label) and tainted with its `taints`.
    static func nodes(of pool: JSONValue) -> [JSONValue] {
        let name = pool.value(at: ["metadata", "name"])?.stringValue ?? "pool"
        let template = pool.value(at: ["spec", "nodeTemplate"]) ?? [:]
        let count = Int(pool.value(at: ["spec", "initialNodeCount"])?.intValue ?? 0)
        let taints = template["taints"]?.arrayValue ?? []
        return (0..<max(0, count)).map { index in
            let nodeName = "\(name)-\(index + 1)"
            var labels = template["k8sTags"]?.objectValue ?? [:]
            labels[poolLabel] = .string(name)
            labels["kubernetes.io/hostname"] = .string(nodeName)
            labels["kubernetes.io/os"] = "linux"
            var node: JSONValue = [
                "apiVersion": "v1", "kind": "Node",
                "metadata": ["name": .string(nodeName), "labels": .object(labels)],
            ]
            if !taints.isEmpty { node["spec"] = ["taints": .array(taints)] }
            return node
        }
    }

    /// What an add-on's chart creates: for Web Terminal (`web-terminal`), a ClusterRoleBinding of its
    /// ServiceAccount to `cluster-admin` and a NodePort Service, labelled `app: web-terminal`,
    /// `release: <add-on name>`. Deleting the add-on leaves them behind, as the real one does.
    static func installed(by addon: JSONValue) -> [JSONValue] {
        guard addon.value(at: ["spec", "addonTemplateName"]) == "web-terminal" else { return [] }
        let release = addon.value(at: ["metadata", "name"]) ?? "web-terminal"
        let labels: JSONValue = ["app": "web-terminal", "release": release]
        return [
            [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
                "metadata": ["name": "web-terminal", "labels": labels],
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"],
                "subjects": [["kind": "ServiceAccount", "name": "web-terminal", "namespace": "kube-system"]],
            ],
            [
                "apiVersion": "v1", "kind": "Service",
                "metadata": ["name": "web-terminal", "namespace": "kube-system", "labels": labels],
                "spec": [
                    "type": "NodePort", "selector": ["app": "web-terminal"],
                    "ports": [["name": "http", "port": 80, "targetPort": 3000, "nodePort": 30000, "protocol": "TCP"]],
                ],
            ],
        ]
    }
}
