import Foundation
import JSON
import KubeAPI

/// A run's claim on its tenant in the tenant's cluster: the Lease `kube-system/tenantctl-tenant-<tenant>`, held
/// while the run writes and renewed every third of its duration. The local lock keeps runs of one state directory
/// apart; the lease keeps apart runs from different state directories or machines, which meet only in the
/// cluster. A lease whose holder stopped renewing it (or, on this host, whose process is gone) is taken over.
public actor TenantLease {
    public static let namespace = "kube-system"
    /// Seconds a lease stays held without renewal.
    public static let duration = 30

    private let client: KubeClient
    private let reference: ObjectReference
    private var uid: String?
    private var renewal: Task<Void, Never>?

    private init(client: KubeClient, reference: ObjectReference) {
        self.client = client
        self.reference = reference
    }

    public static func reference(tenant: String) -> ObjectReference {
        ObjectReference(
            apiVersion: "coordination.k8s.io/v1", kind: "Lease", name: "tenantctl-tenant-\(tenant)", namespace: namespace)
    }

    /// Takes the tenant's lease for `run`, waiting up to `timeout` seconds while another live run holds it.
    public static func acquire(
        client: KubeClient, tenant: String, run: String, timeout: Double,
        sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) async throws -> TenantLease {
        let lease = TenantLease(client: client, reference: reference(tenant: tenant))
        let holder = LeaseHolder(run: run, host: LocalProcess.hostName, pid: LocalProcess.id)
        let deadline = Date().addingTimeInterval(max(0, timeout))
        while true {
            if let other = try await lease.take(tenant: tenant, holder: holder) {
                guard Date() < deadline else { throw ApplyError(other.busyMessage(tenant: tenant, lease: lease.reference)) }
                try await sleep(.seconds(1))
                continue
            }
            await lease.startRenewing(holder)
            return lease
        }
    }

    /// Creates the lease, or takes it over when its holder is this run or gone; returns the live other holder.
    private func take(tenant: String, holder: LeaseHolder) async throws -> LeaseHolder.Seen? {
        let now = Date()
        do {
            let made = try await client.create(Self.object(reference, tenant: tenant, holder: holder, at: now))
            uid = made["metadata"]?["uid"]?.stringValue
            return nil
        } catch let error as KubeAPIError where error.isAlreadyExists {}
        guard let live = try await client.getIfPresent(reference) else { return try await take(tenant: tenant, holder: holder) }
        let seen = LeaseHolder.Seen(live)
        if seen.holder?.run != holder.run, !seen.hasLapsed(at: now) { return seen }
        var patch = Self.spec(holder: holder, at: now, acquired: true)
        patch["metadata"] = ["resourceVersion": live["metadata"]?["resourceVersion"] ?? .null]
        do {
            let taken = try await client.mergePatch(reference, patch: patch)
            uid = taken["metadata"]?["uid"]?.stringValue
            return nil
        } catch let error as KubeAPIError where error.isConflict || error.isNotFound {
            return try await take(tenant: tenant, holder: holder)
        }
    }

    private func startRenewing(_ holder: LeaseHolder) {
        let client = client, reference = reference
        renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(Self.duration / 3))
                guard !Task.isCancelled else { return }
                _ = try? await client.mergePatch(reference, patch: Self.spec(holder: holder, at: Date(), acquired: false))
            }
        }
    }

    /// Stops renewing and deletes the lease (only the very lease this run took).
    public func release() async {
        renewal?.cancel()
        renewal = nil
        _ = try? await client.delete(reference, uid: uid)
    }

    static func object(_ reference: ObjectReference, tenant: String, holder: LeaseHolder, at now: Date) -> JSONValue {
        var object = spec(holder: holder, at: now, acquired: true)
        object["apiVersion"] = .string(reference.apiVersion)
        object["kind"] = .string(reference.kind)
        object["metadata"] = [
            "name": .string(reference.name), "namespace": .string(namespace),
            "labels": ["app.kubernetes.io/managed-by": "tenantctl", "tenantctl.io/tenant": .string(tenant)],
        ]
        return object
    }

    static func spec(holder: LeaseHolder, at now: Date, acquired: Bool) -> JSONValue {
        var spec: JSONValue = [
            "holderIdentity": .string(holder.identity), "leaseDurationSeconds": .int(Int64(duration)),
            "renewTime": .string(LeaseHolder.microTime(now)),
        ]
        if acquired { spec["acquireTime"] = .string(LeaseHolder.microTime(now)) }
        return ["spec": spec]
    }
}
