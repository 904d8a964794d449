import Foundation
import JSON
import KubeAPI

/// What a CCE add-on leaves in the cluster's Kubernetes API after CCE uninstalls it, and how to tell it apart
/// from someone else's object of the same name: only objects carrying the add-on's chart labels are its own.
///
/// Web Terminal (`web-terminal`) installs a ClusterRoleBinding `web-terminal` of its ServiceAccount to
/// `cluster-admin` and a NodePort Service `kube-system/web-terminal`, both labelled `app: web-terminal`,
/// `release: <add-on name>` (the add-on's `metadata.name`, which is its template name); uninstalling the
/// add-on leaves both behind.
public enum AddonCleanup {
    /// One object an add-on is known to leave behind.
    public struct Footprint: Sendable, Hashable {
        public var reference: ObjectReference
        /// The labels the add-on's chart puts on it; every one must match for the object to be the add-on's.
        public var labels: [String: String]

        public init(reference: ObjectReference, labels: [String: String]) {
            self.reference = reference
            self.labels = labels
        }
    }

    /// An object found where an add-on's footprint says, with whether it is the add-on's.
    public struct Leftover: Sendable, Hashable {
        public var reference: ObjectReference
        /// Whether it carries every one of the add-on's labels (only then may it be deleted).
        public var isLabelled: Bool
        /// The labels it carries.
        public var labels: [String: String]

        /// `ClusterRoleBinding web-terminal` or `Service kube-system/web-terminal`.
        public var displayName: String {
            "\(reference.kind) \(reference.namespace.map { "\($0)/" } ?? "")\(reference.name)"
        }
    }

    /// The objects the add-on template leaves behind; empty for templates that leave nothing known.
    /// - Parameter release: the add-on's `metadata.name` (nil: the template name, as CCE names it).
    public static func footprint(template: String, release: String? = nil) -> [Footprint] {
        switch template {
        case "web-terminal":
            let labels = ["app": "web-terminal", "release": release.flatMap { $0.isEmpty ? nil : $0 } ?? template]
            return [
                Footprint(
                    reference: ObjectReference(
                        apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", name: "web-terminal"),
                    labels: labels),
                Footprint(
                    reference: ObjectReference(
                        apiVersion: "v1", kind: "Service", name: "web-terminal", namespace: "kube-system"),
                    labels: labels),
            ]
        default:
            return []
        }
    }

    /// Whether an object's labels hold every label of the footprint.
    public static func matches(_ labels: [String: String], _ footprint: Footprint) -> Bool {
        footprint.labels.allSatisfy { labels[$0.key] == $0.value }
    }

    /// The footprint's objects that exist in the cluster, each marked as the add-on's or not.
    public static func leftovers(of footprint: [Footprint], in client: KubeClient) async throws -> [Leftover] {
        var found: [Leftover] = []
        for item in footprint {
            guard let object = try await client.getIfPresent(item.reference) else { continue }
            let labels = (object.value(at: ["metadata", "labels"])?.objectValue ?? [:])
                .compactMapValues { $0.stringValue }
            found.append(Leftover(reference: item.reference, isLabelled: matches(labels, item), labels: labels))
        }
        return found
    }

    /// Deletes the labelled leftovers (never an unlabelled one); an object already gone counts as deleted.
    /// Returns the ones deleted.
    @discardableResult
    public static func delete(_ leftovers: [Leftover], in client: KubeClient) async throws -> [Leftover] {
        var deleted: [Leftover] = []
        for leftover in leftovers where leftover.isLabelled {
            do {
                try await client.delete(leftover.reference)
            } catch let error as KubeAPIError where error.isNotFound {}
            deleted.append(leftover)
        }
        return deleted
    }
}
