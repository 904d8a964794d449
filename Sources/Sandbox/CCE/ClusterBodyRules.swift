import IPv4
import JSON

/// Why CCE refuses a cluster create body, as the error it answers with; nil when it accepts it.
enum ClusterBodyRules {
    static func problem(_ cluster: JSONValue, networks: [CCEConfiguration.VPC]) -> CCEReply? {
        let name = cluster.value(at: ["metadata", "name"])?.stringValue ?? ""
        if let refusal = CCENames.refusal(name, length: CCENames.clusterLength) { return refusal }
        guard cluster.value(at: ["spec", "flavor"])?.stringValue != nil else {
            return .badRequest("Invalid request: spec.flavor is required.")
        }
        return networkProblem(cluster["spec"] ?? [:], networks)
    }

    /// The VPC must exist, `hostNetwork.subnet` must be the network ID of one of its subnets, and a Turbo
    /// cluster's `eniNetwork.subnets[].subnetID` the IPv4 subnet IDs of its subnets; the container network mode
    /// must suit the category (`eni` on Turbo only, and always there).
    private static func networkProblem(_ spec: JSONValue, _ networks: [CCEConfiguration.VPC]) -> CCEReply? {
        let vpcID = spec.value(at: ["hostNetwork", "vpc"])?.stringValue ?? ""
        guard let vpc = networks.first(where: { $0.id == vpcID }) else {
            return .badRequest("Invalid request: spec.hostNetwork.vpc: VPC \"\(vpcID)\" not found.")
        }
        let networkID = spec.value(at: ["hostNetwork", "subnet"])?.stringValue ?? ""
        guard vpc.subnets.contains(where: { $0.networkID == networkID }) else {
            return .error(
                400, "CCE.01400002",
                "Subnet not found in the VPC: spec.hostNetwork.subnet \"\(networkID)\" is not the network ID of a subnet of VPC \(vpcID)."
            )
        }
        let turbo = spec["category"]?.stringValue == "Turbo"
        let mode = spec.value(at: ["containerNetwork", "mode"])?.stringValue ?? ""
        guard turbo == (mode == "eni"), ["overlay_l2", "vpc-router", "eni"].contains(mode) else {
            return .badRequest(
                "Invalid request: spec.containerNetwork.mode \"\(mode)\" does not suit category \(spec["category"]?.stringValue ?? "CCE"): eni on Turbo, overlay_l2 or vpc-router on CCE."
            )
        }
        guard turbo else { return rangeProblem(spec, vpc) }
        let subnetIDs = (spec.value(at: ["eniNetwork", "subnets"])?.arrayValue ?? []).map {
            $0["subnetID"]?.stringValue ?? ""
        }
        guard !subnetIDs.isEmpty else {
            return .badRequest("Invalid request: spec.eniNetwork.subnets is required for a Turbo cluster.")
        }
        for subnetID in subnetIDs where !vpc.subnets.contains(where: { $0.subnetID == subnetID }) {
            return .error(
                400, "CCE.01400002",
                "Subnet not found in the VPC: spec.eniNetwork.subnets[].subnetID \"\(subnetID)\" is not the IPv4 subnet ID of a subnet of VPC \(vpcID)."
            )
        }
        return nil
    }

    /// A container range (`cidr`, or each of `cidrs`) must overlap neither the VPC's nor the Service range
    /// (`serviceNetwork.IPv4CIDR`, 10.247.0.0/16 by default).
    private static func rangeProblem(_ spec: JSONValue, _ vpc: CCEConfiguration.VPC) -> CCEReply? {
        let network = spec["containerNetwork"] ?? [:]
        let texts = ([network["cidr"]] + (network["cidrs"]?.arrayValue ?? []).map { $0["cidr"] }).compactMap {
            $0?.stringValue
        }
        let service = spec.value(at: ["serviceNetwork", "IPv4CIDR"])?.stringValue ?? "10.247.0.0/16"
        let others = [("VPC \(vpc.id)", vpc.cidr), ("the Service range", service)]
        for text in texts {
            guard let range = IPv4Network(text) else {
                return .badRequest("Invalid request: spec.containerNetwork cidr \"\(text)\" is not an IPv4 CIDR.")
            }
            for case let (name, other?) in others where IPv4Network(other).map(range.overlaps) == true {
                return .error(
                    400, "CCE.01400005", "Container network CIDR blocks conflict: \(text) overlaps \(name) (\(other)).")
            }
        }
        return nil
    }
}
