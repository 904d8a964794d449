import Foundation

extension CCEClient.Endpoints {
    /// The regions CCE serves and the domain their endpoints are under, as the official Go SDK's CCE region table
    /// (`services/cce/v3/region/region.go`) lists them: Europe's `eu-west-101` is under `myhuaweicloud.eu`, every
    /// other region under `myhuaweicloud.com`. IAM is at the same domain (its SDK table agrees).
    public static let regionDomains: [String: String] = {
        let com = [
            "af-south-1", "ae-ad-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
            "cn-east-2", "cn-east-3", "cn-north-1", "cn-north-2", "cn-north-4", "cn-north-9", "cn-north-11",
            "cn-south-1", "cn-south-2", "cn-south-4", "cn-southwest-2", "la-north-2", "la-south-2", "na-mexico-1",
            "ru-northwest-2", "sa-brazil-1", "tr-west-1",
        ]
        var domains = Dictionary(uniqueKeysWithValues: com.map { ($0, "myhuaweicloud.com") })
        domains["eu-west-101"] = "myhuaweicloud.eu"
        return domains
    }()

    /// `https://cce.{region}.{domain}` and `https://iam.{region}.{domain}` for a region in ``regionDomains``; another
    /// region is refused, naming the variable that reaches an endpoint the table does not know.
    public static func region(_ region: String) throws(CCEInputError) -> CCEClient.Endpoints {
        guard let domain = regionDomains[region], let cce = URL(string: "https://cce.\(region).\(domain)"),
            let iam = URL(string: "https://iam.\(region).\(domain)")
        else {
            throw CCEInputError(
                "\"\(region)\" is not a region CCE serves (\(regionDomains.keys.sorted().joined(separator: ", "))); set \(cceVariable) to reach another endpoint"
            )
        }
        return CCEClient.Endpoints(cce: cce, iam: iam)
    }
}
