/// How long the emulated controllers take to react. Real clusters take from milliseconds to seconds;
/// clients must not assume any of these writes is already there.
public struct ControllerTimings: Sendable, Hashable {
    /// From a namespace's creation to its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap appearing.
    public var namespaceSetup: Duration
    /// From a namespace turning Terminating, or an object in it that waits on finalizers changing, to the
    /// namespace controller's pass: its contents deleted, the namespace gone once nothing is left.
    public var namespaceDeletion: Duration
    /// From a change in a namespace to its ResourceQuotas' `status` reflecting it.
    public var quotaStatus: Duration

    public init(
        namespaceSetup: Duration = .milliseconds(200), namespaceDeletion: Duration = .milliseconds(300),
        quotaStatus: Duration = .milliseconds(150)
    ) {
        self.namespaceSetup = namespaceSetup
        self.namespaceDeletion = namespaceDeletion
        self.quotaStatus = quotaStatus
    }

    /// Short delays for tests that wait for the controllers.
    public static let fast = ControllerTimings(
        namespaceSetup: .milliseconds(30), namespaceDeletion: .milliseconds(50), quotaStatus: .milliseconds(30))

    /// What kube-controller-manager takes on a busy two-core machine (measured on v1.32): the namespace controller's
    /// first pass over a deleted namespace (its conditions, its contents deleted) about 5 s after the DELETE, the
    /// quota controller about a second. `tenantctl sandbox start` runs with these, so clients meet real latency.
    public static let realistic = ControllerTimings(
        namespaceSetup: .milliseconds(500), namespaceDeletion: .seconds(5), quotaStatus: .seconds(1))
}
