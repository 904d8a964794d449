import Foundation
import JSON
import KubeAPI
import TenancyCore

/// Writes Kubernetes objects for an apply. Created objects carry the annotation `tenantctl.io/run: RUN`, so that
/// undoing a create deletes only what this run made. Every write is conditional on the target being as it was
/// seen: a create on its absence, an update and a delete on its resourceVersion (an undo's delete on its uid). When the server finds otherwise
/// (409), the write throws `StaleTarget` and nothing was written; the runner reads the target and decides again
/// (a create that meets the `default` ServiceAccount the control plane made a moment earlier becomes an update).
public struct KubernetesStepWriter: StepWriter {
    public static let runAnnotation = "tenantctl.io/run"
    public static let defaultDeletionTimeout: Duration = .seconds(300)

    public let source: KubeClientSource
    /// How long a deleted object (a namespace terminates with its contents) may take to go.
    public let deletionTimeout: Duration

    public init(source: KubeClientSource, deletionTimeout: Duration = defaultDeletionTimeout) {
        self.source = source
        self.deletionTimeout = deletionTimeout
    }

    public func claim(tenant: String, run: String, duration: Int, timeout: Double) async throws -> LeaseLock? {
        guard let client = try await source.client() else { return nil }
        return try await TenantClaim.acquire(
            client: client, tenant: tenant, run: run, duration: duration, timeout: timeout)
    }

    /// The live object, nil when absent. A kind of an API group the server does not serve at all cannot exist
    /// there, so it reads as absent: the undo of a create the server refused for that reason then finishes.
    public func read(_ change: PlannedChange) async throws -> JSONValue? {
        guard let client = try await source.client() else { return nil }
        do {
            return try await client.getIfPresent(try reference(change))
        } catch let error as ResourceMappingError where error.servedVersions.isEmpty {
            return nil
        }
    }

    public func write(_ change: PlannedChange, operation: Intent.Operation, live: JSONValue?, run: String) async throws
        -> JSONValue?
    {
        guard let client = try await source.client() else {
            throw ApplyError("\(change.target): the tenant's cluster does not exist")
        }
        let reference = try reference(change)
        switch operation {
        case .create:
            guard var object = change.desired else { throw ApplyError("\(change.target): nothing to create") }
            let annotations = (object["metadata"]?["annotations"]?.objectValue ?? [:]).merging([
                Self.runAnnotation: .string(run)
            ]) { $1 }
            object["metadata"]?["annotations"] = .object(annotations)
            do {
                return try await client.create(object)
            } catch let error as KubeAPIError where error.isAlreadyExists {
                throw StaleTarget(change: change, detail: "it exists now")
            }
        case .update:
            var patch = change.desired ?? [:]
            if let version = live?["metadata"]?["resourceVersion"] { patch["metadata"]?["resourceVersion"] = version }
            do {
                return try await client.mergePatch(reference, patch: patch)
            } catch let error as KubeAPIError where error.isConflict || error.isNotFound {
                throw StaleTarget(change: change, detail: error.isNotFound ? "it is gone" : "it changed")
            }
        case .delete:
            let version = live?["metadata"]?["resourceVersion"]?.stringValue
            do {
                try await client.delete(reference, resourceVersion: version)
            } catch let error as KubeAPIError where error.isNotFound {
                return nil
            } catch let error as KubeAPIError where error.isConflict && live?["metadata"]?["deletionTimestamp"] != nil {
                // Already terminating (a namespace answers 409): wait for it like a fresh deletion.
            } catch let error as KubeAPIError where error.isConflict {
                throw StaleTarget(change: change, detail: "it changed")
            }
            try await waitUntilGone(reference, client, run: run)
            return nil
        case .undo:
            return live
        }
    }

    public func undo(_ undo: ApplyMachine.Undo, live: JSONValue?, run: String) async throws -> String? {
        guard let client = try await source.client() else { return "already gone with the tenant's cluster" }
        let reference = try reference(undo.change)
        switch undo.operation {
        case .create:
            // What the control plane creates by itself (the default ServiceAccount) it also re-creates when
            // deleted: it goes with its namespace, never on its own.
            guard !undo.change.adopt else { return "kept: it goes with its namespace" }
            guard let live else { return "already gone" }
            guard live["metadata"]?["annotations"]?[Self.runAnnotation]?.stringValue == run,
                undo.after == nil || live["metadata"]?["uid"] == undo.after?["metadata"]?["uid"]
            else { return "left alone: this run did not make the object there now" }
            if let kept = try await SharedTargets.keep(undo.change, client: client) { return kept }
            // The object's uid, not its resourceVersion: controllers write to what the run made (a quota's
            // status) and that must not stop its undo.
            do {
                try await client.delete(reference, uid: live["metadata"]?["uid"]?.stringValue)
            } catch let error as KubeAPIError where error.isNotFound {
                return "already gone"
            } catch let error as KubeAPIError where error.isConflict && live["metadata"]?["deletionTimestamp"] != nil {
                // Already terminating (a namespace answers 409): wait for it to go.
            } catch let error as KubeAPIError where error.isConflict {
                return "left alone: this run did not make the object there now"
            }
            try await waitUntilGone(reference, client, run: run)
        case .update:
            guard let live, let before = undo.before, let desired = undo.change.desired else { return "already gone" }
            guard live["metadata"]?["uid"] == (undo.after ?? before)["metadata"]?["uid"] else {
                return "left alone: it was replaced since this run changed it"
            }
            var patch = RestorePatch.patch(desired: desired, before: before)
            if let version = live["metadata"]?["resourceVersion"] { patch["metadata"]?["resourceVersion"] = version }
            _ = try await client.mergePatch(reference, patch: patch)
        case .delete:
            guard live == nil, var object = undo.before else { return live == nil ? nil : "exists again" }
            object["status"] = nil
            for field in [
                "resourceVersion", "uid", "creationTimestamp", "managedFields", "generation", "deletionTimestamp",
            ] {
                object["metadata"]?[field] = nil
            }
            _ = try await client.create(object)
        case .undo: return nil
        }
        return nil
    }

    /// Waits for a deleted object (a namespace terminates with its contents) to be gone; past the deletion
    /// timeout, fails naming what holds it, for `resume` once that is dealt with.
    private func waitUntilGone(_ reference: ObjectReference, _ client: KubeClient, run: String) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + deletionTimeout
        while let object = try await client.getIfPresent(reference) {
            guard clock.now < deadline else {
                var holders = [Self.holders(of: object)]
                if reference.kind == "Namespace" {
                    let left = await NamespaceContent.remaining(in: reference.name, client: client)
                    if !left.isEmpty { holders.insert("it still holds \(left.joined(separator: ", "))", at: 0) }
                }
                throw ApplyError(
                    "\(reference) is still terminating after \(deletionTimeout.components.seconds) s: \(holders.joined(separator: "; ")); "
                        + "deal with them, then continue with `tenantctl resume \(run)`")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// What keeps a terminating object: its True conditions (a namespace's remaining content and finalizers),
    /// else its finalizers.
    static func holders(of object: JSONValue) -> String {
        let conditions = DeletionHolds.conditions(object)
        if !conditions.isEmpty { return conditions.joined(separator: "; ") }
        let finalizers = DeletionHolds.finalizers(object)
        return finalizers.isEmpty
            ? "the server has not finished deleting it" : "finalizers \(finalizers.joined(separator: ", "))"
    }

    private func reference(_ change: PlannedChange) throws -> ObjectReference {
        guard case .object(let key) = change.target else {
            throw ApplyError("\(change.target) is not a Kubernetes object")
        }
        return ObjectReference(apiVersion: key.apiVersion, kind: key.kind, name: key.name, namespace: key.namespace)
    }
}
