import JSON

/// The writes CCE makes into a cluster's Kubernetes API: node pools' Nodes, add-ons' objects.
extension KubeStore {
    /// Creates the objects that do not exist yet, as `cce-controller`.
    func createAll(_ objects: [JSONValue]) {
        for object in objects {
            guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue,
                let type = catalog.type(apiVersion: apiVersion, kind: kind)
            else { continue }
            createIfAbsent(
                object, as: type, namespace: object.value(at: ["metadata", "namespace"])?.stringValue,
                manager: "cce-controller")
        }
    }

    /// Deletes the Nodes labelled as the pool's.
    func removeNodes(ofPool pool: String) {
        guard let nodeType = Builtin.type("nodes", catalog) else { return }
        let selector = LabelSelector(requirements: [.equals(ClusterObjects.poolLabel, pool)])
        for node in list(nodeType, selector: selector) {
            guard let name = node.value(at: ["metadata", "name"])?.stringValue else { continue }
            _ = try? delete(nodeType, namespace: nil, name: name)
        }
    }
}
