import Foundation

/// How the sandbox's CCE v3 and IAM API behaves: who may call it and how fast its objects change state.
///
/// Clusters stay `Creating`, node pools without their nodes, add-ons `installing` and deleted objects
/// `Deleting` for ``transitionDelay`` of the ``now`` clock; tests pass a manual clock and a short delay.
public struct CCEConfiguration: Sendable {
    /// The project ID in `/api/v3/projects/{project_id}/…` paths; IDs other than this one and the seeded
    /// clusters' are 403. The sandbox does not scope clusters by project: every accepted project sees them all.
    public var projectID: String
    /// How long every state change takes.
    public var transitionDelay: TimeInterval
    /// AK/SK pairs accepted on signed requests: access key ID → secret key.
    public var accessKeys: [String: String]
    /// IAM password logins accepted by `POST /v3/auth/tokens`: user name → password.
    public var users: [String: String]
    /// How long IAM tokens live.
    public var tokenLifetime: TimeInterval
    /// Cluster names whose creation fails (`Error`, job `Failed`), to exercise failure paths.
    public var failingClusterNames: Set<String>
    /// The time: for state changes, token expiry and the signature's date skew.
    public var now: @Sendable () -> Date
    /// Clusters that exist, `Available`, from the start and stand for the sandbox's own Kubernetes API.
    public var seedClusters: [SeedCluster]
    /// The VPCs and subnets clusters can be created in; a create body naming another is refused, as CCE does.
    public var networks: [VPC]

    public init(
        projectID: String = "sandbox-project", transitionDelay: TimeInterval = 2, accessKeys: [String: String] = [:],
        users: [String: String] = [:], tokenLifetime: TimeInterval = 24 * 3600, failingClusterNames: Set<String> = [],
        now: @escaping @Sendable () -> Date = { Date() }, seedClusters: [SeedCluster] = [], networks: [VPC] = []
    ) {
        self.projectID = projectID
        self.transitionDelay = transitionDelay
        self.accessKeys = accessKeys
        self.users = users
        self.tokenLifetime = tokenLifetime
        self.failingClusterNames = failingClusterNames
        self.now = now
        self.seedClusters = seedClusters
        self.networks = networks
    }

    /// The project IDs whose paths are served: ``projectID`` and the seeded clusters'.
    var projectIDs: Set<String> { Set([projectID] + seedClusters.map(\.projectID)) }

    /// Whether `id` is a seeded cluster's.
    func isSeeded(_ id: String) -> Bool { seedClusters.contains { $0.id == id } }
}
