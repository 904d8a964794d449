import Foundation
import JSON

/// `…/clusters[/{id}[/clustercert | /nodepools…]]`: clusters, their jobs and certificates.
extension CCEAPI {
    func clusters(
        _ call: Call, _ rest: [String], now: Date, state: inout CCEState, effects: inout [CCEEffect]
    ) -> CCEReply {
        switch (call.method, rest.count) {
        case ("GET", 0):
            let items = state.clusters.values.sorted { $0.id < $1.id }.map { reported($0.object, call) }
            return .list(items)
        case ("POST", 0): return createCluster(call, now: now, state: &state, effects: &effects)
        default: break
        }
        let id = rest[0]
        guard let cluster = state.clusters[id] else { return .notFound }
        switch (call.method, rest.count > 1 ? rest[1] : nil) {
        case ("GET", nil): return .json(200, reported(cluster.object, call))
        case ("DELETE", nil): return deleteCluster(id, now: now, state: &state)
        case ("POST", "clustercert"): return certificate(cluster.object, call)
        case (_, "nodepools"): return nodePools(call, cluster: id, Array(rest.dropFirst(2)), now: now, state: &state)
        default: return .notFound
        }
    }

    /// Without `errorStatus`, a cluster in `Error` is reported as `Deleting` (CCE's compatibility mode).
    private func reported(_ cluster: JSONValue, _ call: Call) -> JSONValue {
        guard call.query["errorStatus"] == nil, cluster.value(at: ["status", "phase"]) == "Error" else {
            return cluster
        }
        var cluster = cluster
        cluster["status"]?["phase"] = "Deleting"
        return cluster
    }

    private func createCluster(
        _ call: Call, now: Date, state: inout CCEState, effects: inout [CCEEffect]
    ) -> CCEReply {
        guard var cluster = call.json, let name = cluster.value(at: ["metadata", "name"])?.stringValue else {
            return .badRequest("Invalid request: metadata.name is required.")
        }
        if let refusal = ClusterBodyRules.problem(cluster, networks: configuration.networks) { return refusal }
        if state.clusters.values.contains(where: { $0.name == name }) {
            return .error(409, "CCE.01409001", "Resource already exists: cluster \(name).")
        }
        let id = state.newID("c")
        let jobID = state.newID("job")
        cluster["metadata"]?["uid"] = .string(id)
        cluster["metadata"]?["creationTimestamp"] = .string(CCEReply.timestamp(now))
        cluster["metadata"]?["annotations"] = ["jobid": .string(jobID), "resourceJobId": .string(jobID)]
        cluster["status"] = ["phase": "Creating", "jobID": .string(jobID)]
        state.clusters[id] = CCEObject(object: cluster, since: now)
        state.jobs[jobID] = CCEObject(
            object: Self.job(jobID, type: "CreateCluster", cluster: id, name: name), since: now)
        effects.append(.addCluster(id, version: cluster.value(at: ["spec", "version"])?.stringValue))
        return .json(201, cluster)
    }

    private func deleteCluster(_ id: String, now: Date, state: inout CCEState) -> CCEReply {
        guard var stored = state.clusters[id] else { return .notFound }
        let jobID = state.newID("job")
        stored.deleting = true
        stored.since = now
        stored.object["status"] = ["phase": "Deleting", "jobID": .string(jobID)]
        state.clusters[id] = stored
        state.jobs[jobID] = CCEObject(
            object: Self.job(jobID, type: "DeleteCluster", cluster: id, name: stored.name), since: now)
        return .json(200, stored.object)
    }

    private static func job(_ id: String, type: String, cluster: String, name: String) -> JSONValue {
        [
            "kind": "Job", "apiVersion": "v3", "metadata": ["uid": .string(id)],
            "spec": [
                "type": .string(type), "clusterUID": .string(cluster), "resourceID": .string(cluster),
                "resourceName": .string(name),
            ],
            "status": ["phase": "Initializing", "reason": ""],
        ]
    }

    /// A JSON kubeconfig like CCE's for `{"duration": days}` (1–1827, or -1 for the longest): its server is this
    /// cluster's Kubernetes API in the sandbox (`{sandbox}/clusters/{id}`, or the sandbox's root for a seeded
    /// cluster), and its user has a client certificate and key issued for the cluster, as CCE's. `internal`
    /// always, trusting the sandbox's CA (`certificate-authority-data`); when the cluster has `clusterExternalIP`,
    /// as CCE's, `external` (current) on the same server with `insecure-skip-tls-verify` and no CA, and
    /// `externalTLSVerify` on it with the CA.
    private func certificate(_ cluster: JSONValue, _ call: Call) -> CCEReply {
        guard let days = call.json?["duration"]?.intValue, days == -1 || (1...1827).contains(days) else {
            return .badRequest("Invalid request: duration must be a whole number of days from 1 to 1827, or -1.")
        }
        let id = cluster.value(at: ["metadata", "uid"])?.stringValue ?? ""
        guard
            let credentials = try? authority.issueClientCredentials(
                user: "tenantctl-sandbox-user", groups: ["system:masters"], unit: id,
                days: days == -1 ? 1827 : Int(days))
        else { return .error(500, "CCE.01500001", "Internal error: the cluster certificate could not be issued.") }
        let server = JSONValue.string(
            configuration.isSeeded(id) ? call.baseURL : "\(call.baseURL)/clusters/\(id)")
        let authority = JSONValue.string(Data(certificateAuthorityPEM.utf8).base64EncodedString())
        var clusters: [JSONValue] = [
            ["name": "internalCluster", "cluster": ["server": server, "certificate-authority-data": authority]]
        ]
        var contexts: [JSONValue] = [["name": "internal", "context": ["cluster": "internalCluster", "user": "user"]]]
        if cluster.value(at: ["spec", "extendParam", "clusterExternalIP"]) != nil {
            clusters.append(
                ["name": "externalCluster", "cluster": ["server": server, "insecure-skip-tls-verify": true]])
            clusters.append(
                [
                    "name": "externalClusterTLSVerify",
                    "cluster": ["server": server, "certificate-authority-data": authority],
                ])
            contexts.append(["name": "external", "context": ["cluster": "externalCluster", "user": "user"]])
            contexts.append(
                ["name": "externalTLSVerify", "context": ["cluster": "externalClusterTLSVerify", "user": "user"]])
        }
        let config: JSONValue = [
            "kind": "Config", "apiVersion": "v1", "preferences": [:], "clusters": .array(clusters),
            "users": [
                [
                    "name": "user",
                    "user": [
                        "client-certificate-data": .string(Data(credentials.certificatePEM.utf8).base64EncodedString()),
                        "client-key-data": .string(Data(credentials.keyPEM.utf8).base64EncodedString()),
                    ],
                ]
            ],
            "contexts": .array(contexts), "current-context": .string(contexts.count > 1 ? "external" : "internal"),
        ]
        return .json(200, config, headers: [("Port-ID", "port-\(id)")])
    }
}
