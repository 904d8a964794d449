import Foundation
import JSON
import KubeAPI
import TenancyCore

/// Writes Kubernetes objects for an apply. Created objects carry the annotation `tenantctl.io/run: RUN`, so that
/// undoing a create deletes only what this run made; a create that meets an object the control plane made a
/// moment earlier (the namespace's `default` ServiceAccount) patches it when the step adopts such objects.
public struct KubernetesExecutor: StepExecutor {
    public static let runAnnotation = "tenantctl.io/run"

    public let source: KubeClientSource
    /// How long an undone namespace may take to finish terminating.
    public let deletionTimeout: Duration

    public init(source: KubeClientSource, deletionTimeout: Duration = .seconds(300)) {
        self.source = source
        self.deletionTimeout = deletionTimeout
    }

    public func read(_ change: PlannedChange) async throws -> JSONValue? {
        guard let client = try await source.client() else { return nil }
        return try await client.getIfPresent(try reference(change))
    }

    public func write(_ change: PlannedChange, operation: Intent.Operation, live: JSONValue?, run: String) async throws -> JSONValue? {
        guard let client = try await source.client() else { throw ApplyError("\(change.target): the tenant's cluster does not exist") }
        let reference = try reference(change)
        switch operation {
        case .create:
            guard var object = change.desired else { throw ApplyError("\(change.target): nothing to create") }
            let annotations = (object["metadata"]?["annotations"]?.objectValue ?? [:]).merging([Self.runAnnotation: .string(run)]) { $1 }
            object["metadata"]?["annotations"] = .object(annotations)
            do {
                return try await client.create(object)
            } catch let error as KubeAPIError where error.isAlreadyExists && change.adopt {
                return try await client.mergePatch(reference, patch: change.desired ?? [:])
            }
        case .update:
            return try await client.mergePatch(reference, patch: change.desired ?? [:])
        case .delete:
            try await client.delete(reference)
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
            try await waitUntilGone(reference, client)
        case .update:
            guard live != nil, let before = undo.before, let desired = undo.change.desired else { return }
            _ = try await client.mergePatch(reference, patch: RestorePatch.patch(desired: desired, before: before))
        case .delete:
            guard live == nil, var object = undo.before else { return }
            object["status"] = nil
            for field in ["resourceVersion", "uid", "creationTimestamp", "managedFields", "generation", "deletionTimestamp"] {
                object["metadata"]?[field] = nil
            }
            _ = try await client.create(object)
        case .undo: return
        }
    }

    /// Waits for a deleted object (a namespace terminates with its contents) to be gone.
    private func waitUntilGone(_ reference: ObjectReference, _ client: KubeClient) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + deletionTimeout
        while try await client.getIfPresent(reference) != nil {
            guard clock.now < deadline else { throw ApplyError("\(reference) is still being deleted after \(deletionTimeout)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    private func reference(_ change: PlannedChange) throws -> ObjectReference {
        guard case .object(let key) = change.target else { throw ApplyError("\(change.target) is not a Kubernetes object") }
        return ObjectReference(apiVersion: key.apiVersion, kind: key.kind, name: key.name, namespace: key.namespace)
    }
}
