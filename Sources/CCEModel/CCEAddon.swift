import JSON

/// An add-on instance (`kind: Addon`, `apiVersion: v3`) of a template such as `coredns` or `web-terminal`: the
/// install body (the SDK's `InstanceRequest`) and the instance as CCE returns it (its `AddonInstance`).
/// `metadata.uid` is the instance ID used in `/api/v3/addons/{id}`; `metadata.name` is the template name.
public struct CCEAddon: Codable, Sendable, Hashable {
    public var kind = "Addon"
    public var apiVersion = "v3"
    public var metadata: CCEMetadata
    public var spec: Spec
    public var status: Status?

    /// An install request for a template on a cluster; nil `version` lets CCE pick the newest compatible one.
    public init(templateName: String, clusterID: String?, version: String? = nil, values: JSONValue? = nil) {
        metadata = CCEMetadata(name: "", annotations: ["addon.install/type": "install"])
        spec = Spec(clusterID: clusterID, addonTemplateName: templateName, version: version, values: values)
    }

    /// The template, version and values.
    public struct Spec: Codable, Sendable, Hashable {
        /// Nil only in a body TenancyCore renders: the engine names the cluster before the client sends it.
        public var clusterID: String?
        public var addonTemplateName: String
        public var version: String?
        /// `{"basic": …, "flavor": …, "custom": …}`.
        public var values: JSONValue?
        /// `helm`.
        public var addonTemplateType: String?
        public var description: String?

        public init(clusterID: String?, addonTemplateName: String, version: String? = nil, values: JSONValue? = nil) {
            self.clusterID = clusterID
            self.addonTemplateName = addonTemplateName
            self.version = version
            self.values = values
        }
    }

    /// What CCE reports. Note the capital `R` of `Reason`.
    public struct Status: Codable, Sendable, Hashable {
        /// `installing`, `running`, `available`, `abnormal`, `installFailed`, `deleting`, …
        public var status: String?
        public var reason: String?
        public var message: String?

        enum CodingKeys: String, CodingKey {
            case status, message
            case reason = "Reason"
        }
    }

    /// The add-on instance ID.
    public var id: String? { metadata.uid }
}
