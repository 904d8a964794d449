import Foundation
import JSON

/// The add-on templates the sandbox's CCE offers (`GET /api/v3/addontemplates`), shaped as CCE's: versions with
/// their `input` (`basic`, and `parameters` with `custom` defaults and flavors) and the cluster versions they
/// support. Installs are checked against them as CCE checks them: every section of the input present, and the
/// identity keys of `custom` (`cluster_id`, `tenant_id`) filled with the add-on's cluster and a project.
enum AddonTemplates {
    static let all: [JSONValue] = [
        template(
            "autoscaler", versions: [("1.29.17", #"v1\.2[3-9].*"#), ("1.33.5", #"v1\.3[0-9].*"#)],
            input: [
                "basic": [
                    "cceEndpoint": "https://cce.ap-southeast-1.myhuaweicloud.com",
                    "ecsEndpoint": "https://ecs.ap-southeast-1.myhuaweicloud.com", "region": "ap-southeast-1",
                    "swr_addr": "swr.ap-southeast-1.myhuaweicloud.com", "swr_user": "hwofficial",
                    "platform": "linux-amd64",
                ],
                "parameters": [
                    "custom": [
                        "cluster_id": "", "tenant_id": "", "coresTotal": 32000, "maxNodesTotal": 1000,
                        "memoryTotal": 128000,
                        "scaleDownEnabled": false, "scaleDownUtilizationThreshold": 0.5,
                        "scaleUpUnscheduledPodEnabled": true,
                    ],
                    "flavor1": ["name": "Single", "replicas": 1],
                    "flavor2": ["name": "HA", "replicas": 2],
                ],
            ]),
        template(
            "coredns", versions: [("1.30.8", #"v1\..*"#)],
            input: [
                "basic": ["cluster_ip": "10.247.3.10", "swr_addr": "swr.ap-southeast-1.myhuaweicloud.com"],
                "parameters": ["custom": ["stub_domains": "", "upstream_nameservers": ""]],
            ]),
        // Real CCE offers Web Terminal for clusters up to v1.21 only; the sandbox keeps it for every version, to
        // test its removal (G8).
        template("web-terminal", versions: [("1.1.12", #"v1\..*"#)], input: ["basic": ["swr_user": "hwofficial"]]),
    ]

    private static func template(_ name: String, versions: [(String, String)], input: JSONValue) -> JSONValue {
        [
            "kind": "Addon", "apiVersion": "v3",
            "metadata": ["uid": .string("template-\(name)"), "name": .string(name)],
            "spec": [
                "type": "helm",
                "versions": .array(
                    versions.map { version, pattern in
                        [
                            "version": .string(version), "input": input, "stable": true,
                            "supportVersions": [
                                ["clusterType": "VirtualMachine", "clusterVersion": [.string(pattern)]]
                            ],
                        ]
                    }),
            ],
        ]
    }

    /// The templates named `name` (all without one), with only the versions supporting `clusterVersion` when
    /// it is given.
    static func list(name: String?, clusterVersion: String?) -> [JSONValue] {
        all.filter { name == nil || $0.value(at: ["metadata", "name"])?.stringValue == name }.map { template in
            guard let clusterVersion else { return template }
            var template = template
            let versions = template.value(at: ["spec", "versions"])?.arrayValue ?? []
            template["spec"]?["versions"] = .array(versions.filter { supports($0, clusterVersion) })
            return template
        }
    }

    /// Why CCE refuses the install `addon` of a cluster (`CCE.03400001`); nil when it accepts it.
    static func refusal(_ addon: JSONValue) -> CCEReply? {
        let name = addon.value(at: ["spec", "addonTemplateName"])?.stringValue ?? ""
        let wanted = addon.value(at: ["spec", "version"])?.stringValue
        guard let template = all.first(where: { $0.value(at: ["metadata", "name"])?.stringValue == name }),
            let version = template.value(at: ["spec", "versions"])?.arrayValue?.first(where: {
                wanted == nil || $0["version"]?.stringValue == wanted
            })
        else { return invalid("add-on template \(name) has no version \(wanted ?? "")") }
        let input = version["input"] ?? [:]
        let values = addon.value(at: ["spec", "values"]) ?? [:]
        if input["basic"] != nil, values["basic"]?.objectValue?.isEmpty != false {
            return invalid("spec.values.basic is required for \(name): take it from the template")
        }
        let flavors = (input["parameters"]?.objectValue ?? [:]).keys.filter { $0.hasPrefix("flavor") }
        if !flavors.isEmpty, values["flavor"]?.objectValue == nil {
            return invalid(
                "spec.values.flavor is required for \(name): one of the template's \(flavors.sorted().joined(separator: ", "))"
            )
        }
        let custom = input.value(at: ["parameters", "custom"])?.objectValue ?? [:]
        for key in ["cluster_id", "tenant_id"] where custom[key] != nil {
            let given = values["custom"]?[key]?.stringValue ?? ""
            if given.isEmpty || (key == "cluster_id" && addon.value(at: ["spec", "clusterID"]) != .string(given)) {
                return invalid(
                    "spec.values.custom.\(key) must be the \(key == "cluster_id" ? "add-on's cluster" : "project") ID, found \"\(given)\""
                )
            }
        }
        return nil
    }

    private static func invalid(_ detail: String) -> CCEReply {
        .error(400, "CCE.03400001", "Invalid request: \(detail).")
    }

    private static func supports(_ version: JSONValue, _ clusterVersion: String) -> Bool {
        let patterns = (version["supportVersions"]?.arrayValue ?? []).flatMap { $0["clusterVersion"]?.arrayValue ?? [] }
        return patterns.contains { pattern in
            guard let text = pattern.stringValue, let regex = try? NSRegularExpression(pattern: "^(?:\(text))$") else {
                return false
            }
            return regex.firstMatch(
                in: clusterVersion, range: NSRange(clusterVersion.startIndex..., in: clusterVersion)) != nil
        }
    }
}
