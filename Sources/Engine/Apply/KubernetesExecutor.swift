import Foundation
import JSON
import KubeAPI
import TenancyCore

/// Writes Kubernetes objects for an apply. Created objects carry the annotation `tenantctl.io/run: RUN`, so that
/// undoing a create deletes only what this run made; a create that meets an object the control plane made a
/// moment earlier (the namespace's `default` ServiceAccount) patches it when the step adopts such objects.
public struct KubernetesExecutor: StepExecutor {
    public static let runAnnotation = "tenantctl.io/run"
    public static let defaultDeletionTimeout: Duration = .seconds(300)

    public let source: KubeClientSource
    /// How long a deleted object (a namespace terminates with its contents) may take to go.
    public let deletionTimeout: Duration

    public init(source: KubeClientSource, deletionTimeout: Duration = defaultDeletionTimeout) {
        self.source = source
        self.deletionTimeout = deletionTimeout
    }

    public func read(_ change: PlannedChange) async throws -> JSONValue? {
        guard let client = try await source.client() else { return nil }
        return try await client.getIfPresent(try reference(change))
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
            } catch let error as KubeAPIError where error.isAlreadyExists && change.adopt {
                return try await client.mergePatch(reference, patch: change.desired ?? [:])
            }
        case .update:
            return try await client.mergePatch(reference, patch: change.desired ?? [:])
        case .delete:
            do {
                try await client.delete(reference)
            } catch let error as KubeAPIError where error.isNotFound {
                return nil
            } catch let error as KubeAPIError where error.isConflict && live?["metadata"]?["deletionTimestamp"] != nil {
                // Already terminating (a namespace answers 409): wait for it like a fresh deletion.
            }
            try await waitUntilGone(reference, client, run: run)
            return nil
        case .undo:
            return live
        }
    }

    public func undo(_ undo: ApplyMachine.Undo, live: JSONValue?, run: String) async throws {
        guard let client = try await source.client() else { return }
        let reference = try reference(undo.change)
        switch undo.operation {
        case .create:
            // What the control plane creates by itself (the default ServiceAccount) it also re-creates when
            // deleted: it goes with its namespace, never on its own.
            guard !undo.change.adopt else { return }
            guard let live, live["metadata"]?["annotations"]?[Self.runAnnotation]?.stringValue == run else { return }
            do {
                try await client.delete(reference)
            } catch let error as KubeAPIError where error.isNotFound {
                return
            }
            try await waitUntilGone(reference, client, run: run)
        case .update:
            guard live != nil, let before = undo.before, let desired = undo.change.desired else { return }
            _ = try await client.mergePatch(reference, patch: RestorePatch.patch(desired: desired, before: before))
        case .delete:
            guard live == nil, var object = undo.before else { return }
            object["status"] = nil
            for field in [
                "resourceVersion", "uid", "creationTimestamp", "managedFields", "generation", "deletionTimestamp",
            ] {
                object["metadata"]?[field] = nil
            }
            _ = try await client.create(object)
        case .undo: return
        }
    }

    /// Waits for a deleted object (a namespace terminates with its contents) to be gone; past the deletion
    /// timeout, fails naming what holds it, for `resume` once that is dealt with.
    private func waitUntilGone(_ reference: ObjectReference, _ client: KubeClient, run: String) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + deletionTimeout
        while let object = try await client.getIfPresent(reference) {
            guard clock.now < deadline else {
                throw ApplyError(
                    "\(reference) is still terminating after \(deletionTimeout.components.seconds) s: \(Self.holders(of: object)); "
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
