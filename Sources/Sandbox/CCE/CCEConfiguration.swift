import Foundation

/// How the sandbox's CCE v3 and IAM API behaves: who may call it and how fast its objects change state.
///
/// Clusters stay `Creating`, node pools `Synchronizing`, add-ons `installing` and deleted objects
/// `Deleting` for ``transitionDelay`` of the ``now`` clock; tests pass a manual clock and a short delay.
public struct CCEConfiguration: Sendable {
    /// The project ID in `/api/v3/projects/{project_id}/…` paths; other IDs are 403.
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

    public init(
        projectID: String = "sandbox-project", transitionDelay: TimeInterval = 2, accessKeys: [String: String] = [:],
        users: [String: String] = [:], tokenLifetime: TimeInterval = 24 * 3600, failingClusterNames: Set<String> = [],
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.projectID = projectID
        self.transitionDelay = transitionDelay
        self.accessKeys = accessKeys
        self.users = users
        self.tokenLifetime = tokenLifetime
        self.failingClusterNames = failingClusterNames
        self.now = now
    }
}
