import ArgumentParser
import Engine
import Foundation
import TenancyCore

/// `tenantctl state`: moving runs into a management cluster, and the rights that needs.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Keep runs and locks in a management cluster: migrate local runs there, print the RBAC it needs.",
        discussion: """
            With --state kube://CONTEXT/NAMESPACE (or TENANTCTL_STATE), apply, resume, rollback, offboard and runs
            keep runs in Secrets and tenant locks in Leases of that namespace, so that every machine naming it
            sees the same runs and waits for the same locks.

            Examples:
              tenantctl state rbac --namespace tenantctl-state | kubectl apply -f -
              tenantctl state migrate --to kube://mgmt/tenantctl-state
            """,
        subcommands: [StateMigrateCommand.self, StateRBACCommand.self])
}

/// `tenantctl state migrate`: copies the local state directory's runs into a cluster namespace.
struct StateMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract:
            "Copy the runs of a local state directory into a cluster store (runs already there are left as they are).")

    @Option(help: "The local state directory to copy from.")
    var stateDir: String = LocalJournalStore.defaultPath

    @Option(help: "The cluster store to copy to: kube://CONTEXT/NAMESPACE.")
    var to: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let target = try StateOptions.parse(["--state", to])
        let destination = try target.store(connection: connection)
        let source = LocalJournalStore(directory: URL(fileURLWithPath: stateDir))
        let existing = Set(try await destination.runs())
        var copied = 0
        for run in try source.runs() {
            let records = try source.records(run: run)
            guard case .begin(let header)? = records.first else { continue }
            if existing.contains(run) {
                guard try await destination.records(run: run) == records else {
                    exitWithError("run \(run) is in \(to) already, with other records; nothing more was copied")
                }
                print("= \(run) is there already")
                continue
            }
            try await destination.begin(header, with: [])
            try await destination.append(Array(records.dropFirst()), run: run)
            print("+ \(run) copied (\(records.count) records)")
            copied += 1
        }
        print("\(copied) run(s) copied from \(stateDir) to \(to); the local copies are left as they were")
    }
}

/// `tenantctl state rbac`: the Role a cluster store needs in its namespace, and nothing more.
struct StateRBACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbac", abstract: "Print the Role (and a RoleBinding) that a cluster store needs in its namespace."
    )

    @Option(help: "The namespace runs and locks are kept in.")
    var namespace: String

    @Option(help: "The group the RoleBinding grants the Role to.")
    var group: String = "tenantctl-operators"

    func validate() throws {
        if let problem = TenantName.problem(namespace) { throw ValidationError("--namespace: \(problem)") }
    }

    func run() throws {
        print(
            """
            # What tenantctl needs to keep runs (Secrets) and tenant locks (Leases) in \(namespace): runs are
            # created and appended to (patch), never updated whole or deleted; locks are taken, renewed and released.
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: tenantctl-state
              namespace: \(namespace)
            rules:
              - apiGroups: [""]
                resources: [secrets]
                verbs: [get, list, create, patch]
              - apiGroups: [coordination.k8s.io]
                resources: [leases]
                verbs: [get, create, patch, delete]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: tenantctl-state
              namespace: \(namespace)
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: tenantctl-state}
            subjects:
              - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: \(group)}
            """)
    }
}
