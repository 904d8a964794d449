extension CCEConfiguration {
    /// A VPC the sandbox's CCE API knows, with its subnets: what a cluster's network fields are checked against,
    /// as CCE checks them with the VPC service.
    public struct VPC: Sendable, Hashable {
        /// A subnet has two IDs, for two uses: CCE's `hostNetwork.subnet` takes the network ID,
        /// `eniNetwork.subnets[].subnetID` the IPv4 subnet ID.
        public struct Subnet: Sendable, Hashable {
            public var networkID: String
            /// Nil when only the network ID is known.
            public var subnetID: String?

            public init(networkID: String, subnetID: String?) {
                self.networkID = networkID
                self.subnetID = subnetID
            }
        }

        public var id: String
        /// The VPC's range, which a cluster's container range must not overlap; nil when unknown (not checked).
        public var cidr: String?
        public var subnets: [Subnet]

        public init(id: String, cidr: String? = nil, subnets: [Subnet]) {
            self.id = id
            self.cidr = cidr
            self.subnets = subnets
        }
    }
}
