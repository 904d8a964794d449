/// Where runs and tenant locks are kept when not in a local state directory: a namespace of a management cluster,
/// written `kube://CONTEXT/NAMESPACE` (the context from the usual kubeconfig). Named by `--state`,
/// `TENANTCTL_STATE` or the inventory's `state:`.
public struct StateLocation: Sendable, Hashable, CustomStringConvertible {
    public var context: String
    public var namespace: String

    /// What a location must look like, for messages.
    public static let form = "kube://CONTEXT/NAMESPACE, with NAMESPACE a DNS-1123 label"

    /// The location `text` names; nil when it is not of the form `kube://CONTEXT/NAMESPACE`.
    public init?(_ text: String) {
        guard text.hasPrefix("kube://") else { return nil }
        let parts = text.dropFirst("kube://".count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, Names.dnsLabelProblem(String(parts[1])) == nil else { return nil }
        context = String(parts[0])
        namespace = String(parts[1])
    }

    public var description: String { "kube://\(context)/\(namespace)" }
}
