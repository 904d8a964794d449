extension TenantSpec {
    /// What the tenant's admission policies allow, from `spec.admission` (issue 18). A list that is absent
    /// (nil) turns its rule off; a list that is given holds everything the tenant may use.
    public struct Admission: Sendable, Hashable {
        /// Which taints the tenant's pods may tolerate.
        public enum Tolerations: String, Sendable, Hashable, CaseIterable {
            /// Any taint: no rule.
            case any
            /// Only the tenant's own pool taint and the taints Kubernetes sets for a node's condition
            /// (`node.kubernetes.io/not-ready` and the like).
            case own
        }

        /// The Service types Kubernetes knows.
        public enum ServiceType: String, Sendable, Hashable, CaseIterable {
            case clusterIP = "ClusterIP", nodePort = "NodePort", loadBalancer = "LoadBalancer"
            case externalName = "ExternalName"
        }

        /// Registry hosts the tenant's images may come from: `docker.io`, `registry.example.com:5000`.
        public var registries: [String]?
        /// StorageClass names its PersistentVolumeClaims may name.
        public var storageClasses: [String]?
        /// IngressClass names its Ingresses may name.
        public var ingressClasses: [String]?
        public var tolerations: Tolerations
        /// The types its Services may have.
        public var serviceTypes: [ServiceType]?

        public init(
            registries: [String]? = nil, storageClasses: [String]? = nil, ingressClasses: [String]? = nil,
            tolerations: Tolerations = .any, serviceTypes: [ServiceType]? = nil
        ) {
            self.registries = registries
            self.storageClasses = storageClasses
            self.ingressClasses = ingressClasses
            self.tolerations = tolerations
            self.serviceTypes = serviceTypes
        }
    }
}
