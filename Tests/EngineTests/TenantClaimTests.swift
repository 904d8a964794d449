import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

@testable import Engine

/// The tenant's Lease against the sandbox: taken, renewed by its run, taken over once its holder lapsed, and
/// refused while another run holds it.
@Suite struct TenantClaimTests {
    static func holdLease(_ client: KubeClient, holder: String, renewed: Date) async throws {
        _ = try await client.create([
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": ["name": "tenantctl-tenant-acme", "namespace": "kube-system"],
            "spec": [
                "holderIdentity": .string(holder), "leaseDurationSeconds": 30,
                "renewTime": .string(LeaseHolder.microTime(renewed)),
            ],
        ])
    }

    static func holder(_ client: KubeClient) async throws -> String? {
        try await client.getIfPresent(TenantClaim.reference(tenant: "acme"))?["spec"]?["holderIdentity"]?.stringValue
    }

    @Test func aRunTakesTheLeaseAndReleasesIt() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            let lease = try await TenantClaim.acquire(client: client, tenant: "acme", run: "run-1", timeout: 0)
            #expect(
                try await Self.holder(client)
                    == "run-1 \(LocalProcess.userName)@\(LocalProcess.hostName):\(LocalProcess.id)")
            await lease.release()
            #expect(try await Self.holder(client) == nil)
        }
    }

    @Test(arguments: [
        ("another-run@elsewhere:1", -3600.0, "not renewed for an hour"),
        ("another-run@\(LocalProcess.hostName):999999", 0.0, "its process on this host is gone"),
    ])
    func aLapsedOrOwnLeaseIsTakenOver(holder: String, renewedAgo: Double, why: String) async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            try await Self.holdLease(client, holder: holder, renewed: Date().addingTimeInterval(renewedAgo))
            let lease = try await TenantClaim.acquire(client: client, tenant: "acme", run: "run-1", timeout: 0)
            #expect(
                try await Self.holder(client)?.hasPrefix("run-1 \(LocalProcess.userName)@\(LocalProcess.hostName):")
                    == true, "\(why)")
            await lease.release()
        }
    }

    @Test(arguments: [
        ("run-1 ana@ci-7:42", LeaseHolder(run: "run-1", user: "ana", host: "ci-7", pid: 42)),
        ("run-1 ana@example.com@ci-7:42", LeaseHolder(run: "run-1", user: "ana@example.com", host: "ci-7", pid: 42)),
        ("run-1@ci-7:42", LeaseHolder(run: "run-1", user: nil, host: "ci-7", pid: 42)),
    ])
    func aHolderIdentityNamesTheRunUserHostAndProcess(identity: String, holder: LeaseHolder) {
        #expect(LeaseHolder(identity: identity) == holder)
        if holder.user != nil { #expect(holder.identity == identity) }
    }

    @Test func aRefusalNamesTheHoldersUser() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            try await Self.holdLease(client, holder: "run-1 ana@elsewhere:7", renewed: Date())
            let error = await #expect(throws: ApplyError.self) {
                try await TenantClaim.acquire(client: client, tenant: "acme", run: "run-2", timeout: 0)
            }
            #expect("\(error.map { "\($0)" } ?? "")".contains("run run-1 (pid 7 on host elsewhere of user ana)"))
        }
    }

    @Test func aResumeOfTheSameRunElsewhereWaitsForTheLeaseToLapse() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            try await Self.holdLease(client, holder: "run-1@elsewhere:7", renewed: Date())
            await #expect(throws: ApplyError.self) {
                try await TenantClaim.acquire(client: client, tenant: "acme", run: "run-1", timeout: 0)
            }
        }
    }

    @Test func aLiveHolderStopsTheRunAfterItsWait() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            try await Self.holdLease(client, holder: "another-run@elsewhere:7", renewed: Date())
            let started = ContinuousClock.now
            let error = await #expect(throws: ApplyError.self) {
                try await TenantClaim.acquire(client: client, tenant: "acme", run: "run-1", timeout: 1)
            }
            #expect(
                error?.description.hasPrefix(
                    "tenant \"acme\" is being applied by run another-run (pid 7 on host elsewhere), from another state directory or machine: the cluster's Lease kube-system/tenantctl-tenant-acme was renewed"
                ) == true, "\(error?.description ?? "")")
            #expect(ContinuousClock.now - started >= .seconds(1), "it waited before giving up")
            #expect(try await Self.holder(client) == "another-run@elsewhere:7")
        }
    }

    /// A holder whose Lease was taken over (it lapsed while the holder was stalled) finds out at its next renewal
    /// and must not write on.
    @Test func aHolderWhoseLeaseWasTakenOverHasLostIt() async throws {
        try await withSandbox { sandbox in
            let client = KubeClient(connection: sandbox.connection())
            let lease = try await TenantClaim.acquire(
                client: client, tenant: "acme", run: "run-1", duration: 3, timeout: 0)
            try await lease.check()
            _ = try await client.mergePatch(
                TenantClaim.reference(tenant: "acme"), patch: ["spec": ["holderIdentity": "run-2@elsewhere:9"]])
            #expect(try await Self.holder(client) == "run-2@elsewhere:9")
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await Self.holder(client) == "run-2@elsewhere:9")
            let error = await #expect(throws: ApplyError.self) { try await lease.check() }
            #expect(error?.description.contains("was taken over or removed") == true, "\(error?.description ?? "")")
            await lease.release()
            #expect(
                try await Self.holder(client) == "run-2@elsewhere:9", "a lost Lease's release leaves the new holder's")
        }
    }
}
