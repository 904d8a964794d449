import CCEModel
import CCESigning
import Foundation
import HTTP
import JSON
import Sandbox
import Synchronization
import TestSupport
import Testing

@testable import CloudAPI

/// A clock whose sleep only moves its time forward, so polls and retries finish at once.
final class ManualClock: CCEClock {
    private let state: Mutex<(now: Date, sleeps: [Duration])>

    init(start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        state = Mutex((start, []))
    }

    func now() -> Date { state.withLock { $0.now } }

    func sleep(for duration: Duration) async throws {
        state.withLock {
            $0.now = $0.now.addingTimeInterval(duration.timeInterval)
            $0.sleeps.append(duration)
        }
    }

    func advance(by seconds: TimeInterval) {
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
    }

    var sleeps: [Duration] { state.withLock { $0.sleeps } }
}

/// The CCE API the tests talk to: the sandbox's CCE API over curl (HTTPS, verified against the sandbox's CA),
/// behind a `RecordingTransport` (what the client sent) behind a `FaultInjectingTransport`, with a manual clock
/// shared by client and sandbox (so state changes, token expiry and signature dates move only when the client
/// sleeps), a log capture, and signature verification on every AK/SK request.
struct CCEHarness {
    static let accessKeyID = "HPUATESTACCESSKEY0001"
    static let secretKey = "tEsT-SeCrEt-KeY-0123456789abcdefghijklmn"
    static let password = "pa55-w0rd-NOT-TO-LEAK"
    static let projectID = "0a1b2c3d4e5f-project"
    static let tokenPrefix = "sandbox-iam-token-"

    static var accessKey: CCECredentials {
        CCECredentials(
            .accessKey(AccessKey(accessKey: Redacted(accessKeyID), secretKey: Redacted(secretKey))),
            projectID: projectID)
    }

    static var passwordLogin: CCECredentials {
        CCECredentials(
            .password(IAMPassword(user: "ops", password: Redacted(password), domain: "acme-account")),
            projectID: projectID)
    }

    /// The VPC clusters are created in (its range given or not): one subnet, with its network ID and its IPv4
    /// subnet ID.
    static func vpc(cidr: String?) -> CCEConfiguration.VPC {
        CCEConfiguration.VPC(id: "vpc-1", cidr: cidr, subnets: [.init(networkID: "net-1", subnetID: "subnet-1")])
    }

    /// Every secret a test might leak.
    static let secrets = [secretKey, password, tokenPrefix]

    let sandbox: RunningSandbox
    /// What the client sent, in order.
    let recorder: RecordingTransport
    let transport: FaultInjectingTransport
    let clock: ManualClock
    let log = LogCapture()
    let endpoints: CCEClient.Endpoints

    /// Runs `body` against a fresh sandbox whose objects change state after `delay` seconds of the harness's
    /// clock and which holds `seedClusters` from the start, then stops the sandbox.
    static func with(
        delay: TimeInterval = 2, tokenLifetime: TimeInterval = 3600,
        seedClusters: [CCEConfiguration.SeedCluster] = [], vpcCIDR: String? = nil,
        _ body: (CCEHarness) async throws -> Void
    ) async throws {
        let clock = ManualClock()
        let cce = CCEConfiguration(
            projectID: projectID, transitionDelay: delay, accessKeys: [accessKeyID: secretKey],
            users: ["ops": password], tokenLifetime: tokenLifetime, failingClusterNames: ["will-fail"],
            now: { clock.now() }, seedClusters: seedClusters, networks: [vpc(cidr: vpcCIDR)])
        try await withSandbox(configure: { $0.cce = cce }) { sandbox in
            try await body(CCEHarness(sandbox: sandbox, clock: clock))
        }
    }

    private init(sandbox: RunningSandbox, clock: ManualClock) {
        self.sandbox = sandbox
        self.clock = clock
        let curl = CurlTransport(trust: sandbox.trust)
        recorder = RecordingTransport { request, _ in try await curl.send(request) }
        transport = FaultInjectingTransport(recorder)
        endpoints = CCEClient.Endpoints(cce: sandbox.url, iam: sandbox.url, trust: sandbox.trust)
    }

    /// A CCE error response, `{"errorCode": …, "errorMessage": …}`, to inject.
    static func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
        .json(status, ["errorCode": .string(code), "errorMessage": .string(message)])
    }

    /// Polls one (fake) second apart, growing to 5 s, for up to 10 minutes.
    static let polling = PollingOptions(
        initialInterval: .seconds(1), maxInterval: .seconds(5), multiplier: 2, timeout: .seconds(600))

    /// A client signing with the harness's access key for `project`.
    func client(project: String) -> CCEClient {
        var credentials = Self.accessKey
        credentials.projectID = project
        return client(credentials)
    }

    func client(_ credentials: CCECredentials = accessKey, retry: RetryPolicy = .fast) -> CCEClient {
        CCEClient(
            endpoints: endpoints, credentials: credentials,
            options: CCEClient.Options(retry: retry, log: log.handler, clock: clock, polling: Self.polling),
            transport: transport)
    }

    /// Sends one request straight to the sandbox (no client, no retries), signed at `date` when given.
    func send(
        _ method: HTTPMethod, _ path: String, body: String? = nil, signedAt date: Date? = nil,
        headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
    ) async throws -> HTTPResponse {
        let url = try #require(URL(string: sandbox.url.absoluteString + path))
        var request = HTTPRequest(method: method, url: url, headers: headers, body: body.map { Data($0.utf8) })
        if let date {
            let key = AccessKey(accessKey: Redacted(Self.accessKeyID), secretKey: Redacted(Self.secretKey))
            CCESigner.sign(&request, with: key, date: date)
        }
        return try await CurlTransport(trust: sandbox.trust).send(request)
    }

    /// Every request that reached the server.
    var sent: [HTTPRequest] { recorder.requests }

    /// The requests that reached the server with this method and a path ending in `suffix`.
    func requests(_ method: HTTPMethod, pathSuffix suffix: String) -> [HTTPRequest] {
        sent.filter { $0.method == method && $0.url.path.hasSuffix(suffix) }
    }

    /// How many IAM tokens were requested.
    var tokenLogins: Int { requests(.post, pathSuffix: "/v3/auth/tokens").count }

    /// How many clusters the server lists, asked by a client of its own.
    func clusterCount() async throws -> Int {
        try await client(retry: .none).clusters().count
    }

    /// A client and the ID of a cluster it created.
    func clientAndCluster(_ name: String = "shared") async throws -> (CCEClient, String) {
        let client = client()
        let created = try await client.createCluster(Samples.cluster(name))
        guard let id = created.id else { throw CCEInputError("the created cluster has no ID") }
        return (client, id)
    }

    /// Text that must never contain a secret: every log line.
    var logText: String { log.text.joined(separator: "\n") }
}

/// Objects to create.
enum Samples {
    static func cluster(_ name: String, externalIP: String? = nil) -> CCECluster {
        var spec = CCECluster.Spec(
            flavor: "cce.s2.small", version: "v1.30",
            hostNetwork: CCECluster.HostNetwork(vpc: "vpc-1", subnet: "net-1", securityGroup: "sg-1"),
            containerNetwork: CCECluster.ContainerNetwork(mode: .vpcRouter, cidr: "10.0.0.0/16"),
            serviceNetwork: CCECluster.ServiceNetwork(ipv4CIDR: "10.247.0.0/16"))
        if let externalIP { spec.extendParam = ["clusterExternalIP": .string(externalIP)] }
        return CCECluster(metadata: CCEMetadata(name: name), spec: spec)
    }

    static func nodePool(_ name: String, labels: [String: String]? = nil) -> CCENodePool {
        CCENodePool(
            metadata: CCEMetadata(name: name),
            spec: CCENodePool.Spec(
                initialNodeCount: 2,
                autoscaling: CCENodePool.Autoscaling(enable: true, minNodeCount: 1, maxNodeCount: 5),
                nodeTemplate: CCENodePool.NodeTemplate(
                    flavor: "c7.xlarge.2", az: "ap-southeast-1a", os: "Huawei Cloud EulerOS 2.0",
                    login: CCENodePool.Login(sshKey: "kp-1"),
                    rootVolume: CCENodePool.Volume(size: 50, volumetype: "GPSSD"),
                    dataVolumes: [CCENodePool.Volume(size: 100, volumetype: "GPSSD")],
                    runtime: CCENodePool.Runtime(name: "containerd"), k8sTags: labels,
                    taints: [CCENodePool.Taint(key: "tenant", value: "acme", effect: "NoSchedule")],
                    extendParam: CCENodePool.ExtendParam(
                        maxPods: 110, postInstallScript: "sed -i s/AlwaysAllow/Webhook/g kubelet.yaml"))))
    }
}
