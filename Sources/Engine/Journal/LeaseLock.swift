import Foundation
import JSON
import KubeAPI

/// A lock held as a `coordination.k8s.io/v1` Lease, with the semantics of client-go's leader election: the holder
/// (`RUN@HOST:PID`) renews it every third of `duration`; another — even a resume of the same run elsewhere — may
/// take it over only once it lapses (not renewed within `duration`, or — on this host — its process is gone); a
/// holder that finds it taken over has lost it and must stop before its next write (`check`). Released by deleting
/// that very Lease.
public actor LeaseLock: TenantLock {
    public static let defaultDuration = 30

    private let client: KubeClient
    public nonisolated let reference: ObjectReference
    private let holder: LeaseHolder
    private let duration: Int
    private var renewal: Task<Void, Never>?
    private var lost: String?
    /// The Lease's resourceVersion as this holder last wrote it: renewing and releasing on it needs no read first.
    private var written: String?

    private init(client: KubeClient, reference: ObjectReference, holder: LeaseHolder, duration: Int) {
        self.client = client
        self.reference = reference
        self.holder = holder
        self.duration = duration
    }

    /// Takes the Lease `reference` for `run`, waiting up to `timeout` seconds while another live holder has it;
    /// past the wait, throws `busy(thatHolder)`.
    public static func acquire(
        client: KubeClient, reference: ObjectReference, labels: [String: String], run: String,
        duration: Int = defaultDuration, timeout: Double, busy: @Sendable (LeaseHolder.Seen) -> any Error
    ) async throws -> LeaseLock {
        let holder = LeaseHolder(
            run: run, user: LocalProcess.userName, host: LocalProcess.hostName, pid: LocalProcess.id)
        let lock = LeaseLock(client: client, reference: reference, holder: holder, duration: max(1, duration))
        let deadline = Date().addingTimeInterval(max(0, min(timeout, 86_400)))
        while let other = try await lock.take(labels: labels) {
            guard Date() < deadline else { throw busy(other) }
            try await Task.sleep(for: .milliseconds(250))
        }
        await lock.startRenewing()
        return lock
    }

    /// The Lease's holder, or nil when it is absent or has lapsed.
    public static func holder(client: KubeClient, reference: ObjectReference) async throws -> LeaseHolder.Seen? {
        guard let live = try await client.getIfPresent(reference) else { return nil }
        let seen = LeaseHolder.Seen(live)
        return seen.hasLapsed(at: Date()) ? nil : seen
    }

    /// Creates the Lease, or takes it over when its holder is this run or has lapsed; returns the live other holder.
    private func take(labels: [String: String]) async throws -> LeaseHolder.Seen? {
        let now = Date()
        var object = spec(at: now, acquired: true)
        object["apiVersion"] = .string(reference.apiVersion)
        object["kind"] = .string(reference.kind)
        object["metadata"] = [
            "name": .string(reference.name), "namespace": .string(reference.namespace ?? ""),
            "labels": .object(labels.mapValues(JSONValue.string)),
        ]
        do {
            remember(try await client.create(object))
            return nil
        } catch let error as KubeAPIError where error.isAlreadyExists {}
        guard let live = try await client.getIfPresent(reference) else { return try await take(labels: labels) }
        let seen = LeaseHolder.Seen(live)
        if seen.identity != holder.identity, !seen.hasLapsed(at: now) { return seen }
        var patch = spec(at: now, acquired: true)
        patch["metadata"] = ["resourceVersion": live["metadata"]?["resourceVersion"] ?? .null]
        do {
            remember(try await client.mergePatch(reference, patch: patch))
            return nil
        } catch let error as KubeAPIError where error.isConflict || error.isNotFound {
            return try await take(labels: labels)
        }
    }

    private func remember(_ lease: JSONValue) {
        written = lease["metadata"]?["resourceVersion"]?.stringValue
    }

    private func startRenewing() {
        renewal = Task { [duration] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(Double(duration) / 3))
                guard !Task.isCancelled else { return }
                await renew()
            }
        }
    }

    /// Renews the Lease on the resourceVersion this holder last wrote; when that was refused, renews what it reads
    /// if it still holds it, else notes it lost (another holder has taken it over, or it was removed).
    private func renew() async {
        guard lost == nil else { return }
        do {
            if let written {
                do {
                    remember(try await client.mergePatch(reference, patch: renewalPatch(on: written)))
                    return
                } catch let error as KubeAPIError where error.isConflict {
                    // Written since: by this holder's takeover race, or by another holder.
                }
            }
            guard let version = try await heldVersion() else {
                lost = "its Lease \(reference.namespace ?? "")/\(reference.name) was taken over or removed"
                return
            }
            remember(try await client.mergePatch(reference, patch: renewalPatch(on: version)))
        } catch {
            // A failed renewal is tried again next time; the Lease lapses only after `duration`.
        }
    }

    private func renewalPatch(on version: String) -> JSONValue {
        var patch = spec(at: Date(), acquired: false)
        patch["metadata"] = ["resourceVersion": .string(version)]
        return patch
    }

    /// Throws when this holder has lost the Lease: a run must not write on.
    public func check() throws {
        if let lost { throw ApplyError("run \(holder.run) stopped: \(lost); nothing more was written") }
    }

    /// Stops renewing and deletes the Lease, only while this holder still holds it: on the resourceVersion it last
    /// wrote, else on the one it reads, so that a takeover in between keeps it.
    public func release() async {
        renewal?.cancel()
        renewal = nil
        if let written {
            do {
                _ = try await client.delete(reference, resourceVersion: written)
                return
            } catch let error as KubeAPIError where error.isNotFound {
                return
            } catch {
                // Renewed since, taken over, or not answered: decided on what is read.
            }
        }
        guard let version = try? await heldVersion() else { return }
        _ = try? await client.delete(reference, resourceVersion: version)
    }

    /// The Lease's resourceVersion as read now, while this holder holds it; nil once it is gone or another's.
    private func heldVersion() async throws -> String? {
        guard let live = try await client.getIfPresent(reference),
            live["spec"]?["holderIdentity"]?.stringValue == holder.identity
        else { return nil }
        return live["metadata"]?["resourceVersion"]?.stringValue
    }

    private func spec(at now: Date, acquired: Bool) -> JSONValue {
        var spec: JSONValue = [
            "holderIdentity": .string(holder.identity), "leaseDurationSeconds": .int(Int64(duration)),
            "renewTime": .string(LeaseHolder.microTime(now)),
        ]
        if acquired { spec["acquireTime"] = .string(LeaseHolder.microTime(now)) }
        return ["spec": spec]
    }
}
