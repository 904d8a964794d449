import Foundation
import JSON
import KubeAPI
import TenancyCore

/// A journal store in the Kubernetes API of a management cluster, for teams: runs and tenant locks live in one
/// namespace, so that every machine working with that namespace sees the same runs and waits for the same locks.
///
/// A run's journal is kept in Secrets — before-images are whole objects and may hold what a ConfigMap should not
/// show to everyone who can read ConfigMaps; Secrets are kept apart by RBAC and may be encrypted at rest —
/// named `tenantctl-run-RUN-N`: chunk 0 holds the begin record and the run's first commit, and every later commit
/// creates the next chunk with its records (more than one when they pass `chunkLimit`, well under the 1 MiB an
/// object may hold). Chunks are only ever created, never rewritten: a commit costs one small request, and two
/// writers can never both append, since the second one's create of the same chunk is refused
/// (`JournalError.concurrentAppend`). A record is acknowledged once the server accepted the write, that is once
/// etcd has persisted it. Tenant locks are Leases (`tenantctl-lock-TENANT`, see `LeaseLock`).
public actor KubernetesJournalStore: JournalStore {
    public static let chunkLimit = 512 * 1024
    static let journalLabel = "tenantctl.io/journal"

    private let client: KubeClient
    public nonisolated let namespace: String
    private let leaseDuration: Int
    /// The index of the last chunk of each run this store wrote or read.
    private var lastChunks: [String: Int] = [:]

    public init(client: KubeClient, namespace: String, leaseDuration: Int = LeaseLock.defaultDuration) {
        self.client = client
        self.namespace = namespace
        self.leaseDuration = leaseDuration
    }

    func chunk(_ run: String, _ index: Int) -> ObjectReference {
        ObjectReference(apiVersion: "v1", kind: "Secret", name: "tenantctl-run-\(run)-\(index)", namespace: namespace)
    }

    /// Creates chunk 0 with the begin record and `records` (one request while they fit in a chunk).
    public func begin(_ header: RunHeader, with records: [JournalRecord]) async throws {
        try StoreName.validate(header.run)
        let chunks = try Self.pack([.begin(header)] + records)
        do {
            try await create(run: header.run, index: 0, content: chunks[0], started: header.started)
        } catch let error as KubeAPIError where error.isAlreadyExists {
            throw JournalError.runExists(header.run)
        }
        lastChunks[header.run] = 0
        try await create(header.run, chunks.dropFirst(), after: 0)
    }

    public func append(_ records: [JournalRecord], run: String) async throws {
        guard !records.isEmpty else { return }
        try StoreName.validate(run)
        let last = try await lastChunk(run)
        try await create(run, try Self.pack(records)[...], after: last)
    }

    /// Creates `chunks` as the chunks after `index`. A chunk that exists already was made by another writer —
    /// unless it holds exactly these records (this writer's create, answered late and sent again).
    private func create(_ run: String, _ chunks: ArraySlice<Data>, after index: Int) async throws {
        var index = index
        for content in chunks {
            index += 1
            do {
                try await create(run: run, index: index, content: content, started: nil)
            } catch let error as KubeAPIError where error.isAlreadyExists {
                let existing = try await client.getIfPresent(chunk(run, index)).map(Self.data)
                guard existing == content else {
                    lastChunks[run] = nil
                    throw JournalError.concurrentAppend(run)
                }
            }
            lastChunks[run] = index
        }
    }

    /// Journal lines in chunks of at most `chunkLimit` bytes (a line longer than that alone in its chunk).
    private static func pack(_ records: [JournalRecord]) throws -> [Data] {
        var chunks: [Data] = [Data()]
        for record in records {
            let line = try JournalLines.encode(record)
            if let last = chunks.last, !last.isEmpty, last.count + line.count > chunkLimit { chunks.append(Data()) }
            chunks[chunks.count - 1] += line
        }
        return chunks
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
            guard let run = secret["metadata"]?["annotations"]?[KubernetesStepWriter.runAnnotation]?.stringValue else {
                return nil
            }
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
            labels: PlaybookContext.ownerLabels(tenant: tenant), run: owner,
            duration: leaseDuration, timeout: timeout,
            busy: { JournalError.locked(tenant: tenant, holder: Self.lockHolder($0)) })
    }

    private func lockReference(_ tenant: String) -> ObjectReference {
        ObjectReference(
            apiVersion: "coordination.k8s.io/v1", kind: "Lease", name: "tenantctl-lock-\(tenant)", namespace: namespace)
    }

    private static func lockHolder(_ seen: LeaseHolder.Seen) -> LockHolder {
        LockHolder(
            owner: seen.holder?.run ?? seen.identity ?? "", pid: seen.holder?.pid ?? 0, host: seen.holder?.host ?? "",
            user: seen.holder?.user, since: seen.renewed.map { $0.ISO8601Format() } ?? "")
    }

    /// Every chunk of a run's journal, joined, each without a torn tail (a chunk the conformance suite tore, or
    /// one written by an older tenantctl that rewrote chunks); remembers the last index for appends.
    private func content(_ run: String) async throws -> Data {
        try StoreName.validate(run)
        var content = Data()
        var index = 0
        while let secret = try await client.getIfPresent(chunk(run, index)) {
            let data = Self.data(of: secret)
            content += data.prefix(JournalLines.completeLength(data))
            lastChunks[run] = index
            index += 1
        }
        guard index > 0 else { throw JournalError.unknownRun(run) }
        return content
    }

    private func lastChunk(_ run: String) async throws -> Int {
        if let last = lastChunks[run] { return last }
        _ = try await content(run)
        guard let last = lastChunks[run] else { throw JournalError.unknownRun(run) }
        return last
    }

    private func create(run: String, index: Int, content: Data, started: String?) async throws {
        var annotations: JSONValue = [
            KubernetesStepWriter.runAnnotation: .string(run), "tenantctl.io/chunk": .string(String(index)),
        ]
        if let started { annotations["tenantctl.io/started"] = .string(started) }
        let labels: JSONValue = [
            Labels.managedBy: .string(Labels.managedByValue), Self.journalLabel: index == 0 ? "begin" : "chunk",
        ]
        _ = try await client.create([
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "data": ["journal.jsonl": .string(content.base64EncodedString())],
            "metadata": [
                "name": .string(chunk(run, index).name), "namespace": .string(namespace), "labels": labels,
                "annotations": annotations,
            ],
        ])
    }

    private static func data(of secret: JSONValue) -> Data {
        secret["data"]?["journal.jsonl"]?.stringValue.flatMap { Data(base64Encoded: $0) } ?? Data()
    }
}
