import Foundation
import JSON
import KubeAPI

extension FakeCCE {
    /// `…/clusters[/{id}[/clustercert | /nodepools…]]`.
    func clusters(_ request: HTTPRequest, _ rest: [String], state: inout State) -> HTTPResponse {
        switch (request.method, rest.count) {
        case (.get, 0):
            let items = state.clusters.values.map(\.object).sorted { "\($0)" < "\($1)" }
            return .json(200, ["kind": "List", "apiVersion": "v3", "items": .array(items)])
        case (.post, 0): return createCluster(request, state: &state)
        default: break
        }
        let id = rest[0]
        guard state.clusters[id] != nil else { return Self.notFound }
        switch (request.method, rest.count > 1 ? rest[1] : nil) {
        case (.get, nil):
            advanceCluster(id, state: &state)
            return state.clusters[id].map { .json(200, $0.object) } ?? Self.notFound
        case (.delete, nil): return deleteCluster(id, state: &state)
        case (.post, "clustercert"): return certificate(id, state: state)
        case (_, "nodepools"): return nodePools(request, cluster: id, Array(rest.dropFirst(2)), state: &state)
        default: return Self.notFound
        }
    }

    /// `GET …/jobs/{id}`: advances the job's cluster one poll.
    func job(_ id: String, state: inout State) -> HTTPResponse {
        guard let clusterID = state.jobs[id]?.object.value(at: ["spec", "clusterUID"])?.stringValue else {
            return Self.notFound
        }
        advanceCluster(clusterID, state: &state)
        return state.jobs[id].map { .json(200, $0.object) } ?? Self.notFound
    }

    private func createCluster(_ request: HTTPRequest, state: inout State) -> HTTPResponse {
        guard var cluster = Self.body(of: request), let name = cluster.value(at: ["metadata", "name"])?.stringValue,
            cluster.value(at: ["spec", "flavor"])?.stringValue != nil
        else { return Self.badRequest("Invalid request: metadata.name and spec.flavor are required.") }
        if state.clusters.values.contains(where: { $0.object.value(at: ["metadata", "name"]) == .string(name) }) {
            return Self.error(409, "CCE.01409001", "Resource already exists: cluster \(name).")
        }
        let id = state.newID("c")
        let jobID = state.newID("job")
        let now = Self.timestamp(configuration.now())
        cluster["metadata"]?["uid"] = .string(id)
        cluster["metadata"]?["creationTimestamp"] = .string(now)
        cluster["metadata"]?["annotations"] = ["jobid": .string(jobID), "resourceJobId": .string(jobID)]
        cluster["status"] = ["phase": "Creating", "jobID": .string(jobID)]
        state.clusters[id] = Stored(object: cluster, pollsLeft: configuration.clusterPolls)
        state.jobs[jobID] = Stored(
            object: Self.job(jobID, type: "CreateCluster", cluster: id, name: name), pollsLeft: 0)
        return .json(201, cluster)
    }

    private func deleteCluster(_ id: String, state: inout State) -> HTTPResponse {
        guard var stored = state.clusters[id] else { return Self.notFound }
        let name = stored.object.value(at: ["metadata", "name"])?.stringValue ?? ""
        let jobID = state.newID("job")
        stored.deleting = true
        stored.pollsLeft = configuration.deletionPolls
        stored.object["status"] = ["phase": "Deleting", "jobID": .string(jobID)]
        state.clusters[id] = stored
        state.jobs[jobID] = Stored(
            object: Self.job(jobID, type: "DeleteCluster", cluster: id, name: name), pollsLeft: 0)
        if configuration.deletionPolls == 0 { advanceCluster(id, state: &state) }
        return .json(200, stored.object)
    }

    /// One poll of a cluster: creating → Available (or Error for names in `failingClusters`), deleting → gone.
    private func advanceCluster(_ id: String, state: inout State) {
        guard var stored = state.clusters[id] else { return }
        let done = Self.tick(&stored)
        let jobID = stored.object.value(at: ["status", "jobID"])?.stringValue ?? ""
        let name = stored.object.value(at: ["metadata", "name"])?.stringValue ?? ""
        let phase = stored.object.value(at: ["status", "phase"])?.stringValue
        if stored.deleting {
            state.clusters[id] = done ? nil : stored
            setJob(jobID, phase: done ? "Success" : "Running", reason: nil, state: &state)
            return
        }
        if phase == "Creating" && done {
            let fails = name.contains("fail")
            stored.object["status"]?["phase"] = .string(fails ? "Error" : "Available")
            if fails { stored.object["status"]?["reason"] = "Insufficient ECS quota." }
            setJob(
                jobID, phase: fails ? "Failed" : "Success", reason: fails ? "Insufficient ECS quota." : nil,
                state: &state)
        } else if phase == "Creating" {
            setJob(jobID, phase: "Running", reason: nil, state: &state)
        }
        state.clusters[id] = stored
    }

    private func setJob(_ id: String, phase: String, reason: String?, state: inout State) {
        state.jobs[id]?.object["status"] = ["phase": .string(phase), "reason": .string(reason ?? "")]
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

    /// A JSON kubeconfig like CCE's: `internal` always, `external` when the cluster has
    /// `spec.extendParam.clusterExternalIP`.
    private func certificate(_ id: String, state: State) -> HTTPResponse {
        guard let cluster = state.clusters[id]?.object else { return Self.notFound }
        let cert = Data("fake-client-certificate-\(id)".utf8).base64EncodedString()
        let key = Data("fake-client-key-\(id)".utf8).base64EncodedString()
        var clusters: [JSONValue] = [
            ["name": "internalCluster", "cluster": ["server": .string("https://\(id).internal.test:5443")]]
        ]
        var contexts: [JSONValue] = [["name": "internal", "context": ["cluster": "internalCluster", "user": "user"]]]
        if let ip = cluster.value(at: ["spec", "extendParam", "clusterExternalIP"])?.stringValue {
            clusters.append([
                "name": "externalCluster",
                "cluster": ["server": .string("https://\(ip):5443"), "insecure-skip-tls-verify": true],
            ])
            contexts.append(["name": "external", "context": ["cluster": "externalCluster", "user": "user"]])
        }
        return .json(
            200,
            [
                "kind": "Config", "apiVersion": "v1", "preferences": [:], "clusters": .array(clusters),
                "users": [
                    [
                        "name": "user",
                        "user": ["client-certificate-data": .string(cert), "client-key-data": .string(key)],
                    ]
                ],
                "contexts": .array(contexts), "current-context": .string(contexts.count > 1 ? "external" : "internal"),
            ], headers: [("Port-ID", "port-\(id)")])
    }
}
