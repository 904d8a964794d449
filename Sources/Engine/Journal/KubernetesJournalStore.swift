import Foundation
import JSON
import KubeAPI

/// A journal store in the Kubernetes API of a management cluster, for teams: runs and tenant locks live in one
/// namespace, so that every machine working with that namespace sees the same runs and waits for the same locks.
///
/// A run's journal is kept in Secrets — before-images are whole objects and may hold what a ConfigMap should not
/// show to everyone who can read ConfigMaps; Secrets are kept apart by RBAC and may be encrypted at rest —
/// named `tenantctl-run-RUN-N`, each holding up to `chunkLimit` bytes of journal lines (well under the 1 MiB an
/// object may hold). An append replaces the last chunk on the resourceVersion it was read at, or creates the next
/// chunk, so two writers can never both append: the second is refused (`JournalError.concurrentAppend`). A
/// record is acknowledged once the server accepted the write, that is once etcd has persisted it. Tenant locks
/// are Leases (`tenantctl-lock-TENANT`, see `LeaseLock`).
public actor KubernetesJournalStore: JournalStore {
    public static let chunkLimit = 512 * 1024
    static let journalLabel = "tenantctl.io/journal"

    private let client: KubeClient
    public nonisolated let namespace: String
    private let leaseDuration: Int
    /// The last chunk of each run this store appended to or read: its index, resourceVersion and content.
    private var tails: [String: Tail] = [:]

    private struct Tail {
        var index: Int
        var resourceVersion: String
        var content: Data
    }

    public init(client: KubeClient, namespace: String, leaseDuration: Int = LeaseLock.defaultDuration) {
        self.client = client
        self.namespace = namespace
        self.leaseDuration = leaseDuration
    }

    func chunk(_ run: String, _ index: Int) -> ObjectReference {
        ObjectReference(apiVersion: "v1", kind: "Secret", name: "tenantctl-run-\(run)-\(index)", namespace: namespace)
    }

    /// Creates the run's first chunk with the begin record and `records` (one request), or with the begin record
    /// alone, the records appended after, when they would not fit.
    public func begin(_ header: RunHeader, with records: [JournalRecord]) async throws {
        try StoreName.validate(header.run)
        let first = try JournalLines.encode(.begin(header))
        let rest = try records.reduce(into: Data()) { $0 += try JournalLines.encode($1) }
        let fits = first.count + rest.count <= Self.chunkLimit
        do {
            try await write(
                run: header.run, index: 0, content: fits ? first + rest : first, replacing: nil, started: header.started)
        } catch let error as KubeAPIError where error.isAlreadyExists {
            throw JournalError.runExists(header.run)
        }
        if !fits { try await append(records, run: header.run) }
    }

    public func append(_ records: [JournalRecord], run: String) async throws {
        guard !records.isEmpty else { return }
        try StoreName.validate(run)
        let lines = try records.reduce(into: Data()) { $0 += try JournalLines.encode($1) }
        // A torn tail (a writer that died mid-record) is cut off, as the local store does.
        let tail = Self.cut(try await currentTail(run))
        do {
            try await append(lines, to: tail, run: run)
        } catch let error as KubeAPIError where error.isConflict || error.isAlreadyExists || error.isNotFound {
            // The chunk moved since this store read it: whole records appended by someone else mean two writers.
            tails[run] = nil
            let now = Self.cut(try await currentTail(run))
            guard now.index == tail.index, now.content == tail.content else { throw JournalError.concurrentAppend(run) }
            try await append(lines, to: now, run: run)
        }
    }

    private static func cut(_ tail: Tail) -> Tail {
        var whole = tail
        whole.content = tail.content.prefix(JournalLines.completeLength(tail.content))
        return whole
    }

    /// Appends `lines` to the run's last chunk, or starts the next chunk when the last is full.
    private func append(_ lines: Data, to tail: Tail, run: String) async throws {
        if tail.content.count + lines.count > Self.chunkLimit {
            try await write(run: run, index: tail.index + 1, content: lines, replacing: nil, started: nil)
        } else {
            try await write(run: run, index: tail.index, content: tail.content + lines, replacing: tail.resourceVersion, started: nil)
        }
    }

    public func records(run: String) async throws -> [JournalRecord] {
        try JournalLines.decode(try await content(run), run: run)
    }

    public func salvage(run: String) async throws -> (records: [JournalRecord], damaged: [Int]) {
        JournalLines.salvage(try await content(run))
    }

    public func runs() async throws -> [String] {
        let first = try await client.list(
            apiVersion: "v1", kind: "Secret", namespace: namespace, labelSelector: "\(Self.journalLabel)=begin")
        let keyed = first.items.compactMap { secret -> (String, String)? in
            guard let run = secret["metadata"]?["annotations"]?["tenantctl.io/run"]?.stringValue else { return nil }
            return (secret["metadata"]?["annotations"]?["tenantctl.io/started"]?.stringValue ?? "", run)
        }
        return keyed.sorted { $0 < $1 }.map(\.1)
    }

    public func holder(of tenant: String) async throws -> LockHolder? {
        try StoreName.validate(tenant)
        return try await LeaseLock.holder(client: client, reference: lockReference(tenant)).map(Self.lockHolder)
    }

    public func lock(tenant: String, owner: String, timeout: Double) async throws -> any TenantLock {
        try StoreName.validate(tenant)
        return try await LeaseLock.acquire(
            client: client, reference: lockReference(tenant),
            labels: ["app.kubernetes.io/managed-by": "tenantctl", "tenantctl.io/tenant": tenant], run: owner,
            duration: leaseDuration, timeout: timeout,
            busy: { JournalError.locked(tenant: tenant, holder: Self.lockHolder($0)) })
    }

    private func lockReference(_ tenant: String) -> ObjectReference {
        ObjectReference(apiVersion: "coordination.k8s.io/v1", kind: "Lease", name: "tenantctl-lock-\(tenant)", namespace: namespace)
    }

    private static func lockHolder(_ seen: LeaseHolder.Seen) -> LockHolder {
        LockHolder(
            owner: seen.holder?.run ?? seen.identity ?? "", pid: seen.holder?.pid ?? 0, host: seen.holder?.host ?? "",
            since: seen.renewed.map { $0.ISO8601Format() } ?? "")
    }

    /// Every chunk of a run's journal, joined; remembers the last one for appends.
    private func content(_ run: String) async throws -> Data {
        try StoreName.validate(run)
        var content = Data()
        var index = 0
        while let secret = try await client.getIfPresent(chunk(run, index)) {
            let data = Self.data(of: secret)
            content += data
            remember(run, index, secret, data)
            index += 1
        }
        guard index > 0 else { throw JournalError.unknownRun(run) }
        return content
    }

    private func currentTail(_ run: String) async throws -> Tail {
        if let tail = tails[run] { return tail }
        _ = try await content(run)
        guard let tail = tails[run] else { throw JournalError.unknownRun(run) }
        return tail
    }

    private func remember(_ run: String, _ index: Int, _ secret: JSONValue, _ data: Data) {
        let version = secret["metadata"]?["resourceVersion"]?.stringValue ?? ""
        tails[run] = Tail(index: index, resourceVersion: version, content: data)
    }

    /// Creates chunk `index` (`replacing` nil), or replaces its content on resourceVersion `replacing`.
    private func write(run: String, index: Int, content: Data, replacing: String?, started: String?) async throws {
        let data: JSONValue = ["journal.jsonl": .string(content.base64EncodedString())]
        let written: JSONValue
        if let replacing {
            written = try await client.mergePatch(
                chunk(run, index), patch: ["metadata": ["resourceVersion": .string(replacing)], "data": data])
        } else {
            var annotations: JSONValue = ["tenantctl.io/run": .string(run), "tenantctl.io/chunk": .string(String(index))]
            if let started { annotations["tenantctl.io/started"] = .string(started) }
            let labels: JSONValue = [
                "app.kubernetes.io/managed-by": "tenantctl", Self.journalLabel: index == 0 ? "begin" : "chunk",
            ]
            written = try await client.create([
                "apiVersion": "v1", "kind": "Secret", "type": "Opaque", "data": data,
                "metadata": [
                    "name": .string(chunk(run, index).name), "namespace": .string(namespace), "labels": labels,
                    "annotations": annotations,
                ],
            ])
        }
        remember(run, index, written, content)
    }

    private static func data(of secret: JSONValue) -> Data {
        secret["data"]?["journal.jsonl"]?.stringValue.flatMap { Data(base64Encoded: $0) } ?? Data()
    }
}
