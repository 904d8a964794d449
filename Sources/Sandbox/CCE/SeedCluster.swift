import Foundation
import JSON

extension CCEConfiguration {
    /// A CCE cluster that exists, `Available`, from the start: it stands for the sandbox's own Kubernetes API.
    ///
    /// Its node pools' Nodes and its add-ons' objects appear in the sandbox's main store, and its
    /// `clustercert` kubeconfig points at the sandbox's root, so CCE and the main kubeconfig describe one cluster.
    public struct SeedCluster: Sendable, Hashable {
        /// `spec.category`: a CCE standard or a CCE Turbo cluster.
        public enum Category: String, Sendable, Hashable {
            case cce = "CCE"
            case turbo = "Turbo"
        }

        /// `spec.containerNetwork.mode`, as the CCE API spells it.
        public enum NetworkMode: String, Sendable, Hashable {
            /// Container tunnel network.
            case overlayL2 = "overlay_l2"
            /// VPC network.
            case vpcRouter = "vpc-router"
            /// Cloud Native 2.0 (Turbo).
            case eni
        }

        /// The cluster ID (`metadata.uid`).
        public var id: String
        public var name: String
        /// `vX.Y`, e.g. `v1.31`.
        public var version: String
        /// Control-plane scale, e.g. `cce.s2.medium`.
        public var flavor: String
        public var category: Category
        public var networkMode: NetworkMode
        /// The project in whose `/api/v3/projects/{project_id}/…` paths the cluster is addressed.
        public var projectID: String

        public init(
            id: String, name: String, version: String, flavor: String = "cce.s2.medium", category: Category = .cce,
            networkMode: NetworkMode = .overlayL2, projectID: String
        ) {
            self.id = id
            self.name = name
            self.version = version
            self.flavor = flavor
            self.category = category
            self.networkMode = networkMode
            self.projectID = projectID
        }

        /// The cluster as the CCE API reports it, created at `now`.
        func object(createdAt now: Date) -> JSONValue {
            [
                "kind": "Cluster", "apiVersion": "v3",
                "metadata": [
                    "name": .string(name), "uid": .string(id),
                    "creationTimestamp": .string(CCEReply.timestamp(now)),
                ],
                "spec": [
                    "category": .string(category.rawValue),
                    "type": "VirtualMachine", "flavor": .string(flavor), "version": .string(version),
                    "hostNetwork": ["vpc": "sandbox-vpc", "subnet": "sandbox-subnet"],
                    "containerNetwork": ["mode": .string(networkMode.rawValue)],
                    "authentication": ["mode": "rbac"],
                ],
                "status": ["phase": "Available"],
            ]
        }
    }
}
