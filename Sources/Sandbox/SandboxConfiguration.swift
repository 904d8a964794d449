import Foundation
import JSON

/// Everything a ``SandboxServer`` is started with.
public struct SandboxConfiguration: Sendable {
    /// The bearer token clients must send; any other, or none, is answered 401 (except on `/version` and the
    /// health checks, which real servers show anonymous callers too).
    public var token: String
    /// The certificate authority and server key the sandbox serves HTTPS with; nil makes a new authority when
    /// the server is created (``SandboxServer/certificateAuthorityPEM`` then tells clients what to trust).
    public var tls: SandboxTLS?
    /// What `/version` reports; the minor number also picks API versions (ValidatingAdmissionPolicy is
    /// `admissionregistration.k8s.io/v1` from 1.30, `v1beta1` before). kubectl's dispatcher picks its
    /// client version from it.
    public var gitVersion: String
    /// Loopback address to bind.
    public var host: String
    /// Port to bind; 0 picks a free one (``SandboxServer/start()`` reports it).
    public var port: Int
    /// Where objects persist across restarts; nil keeps them in memory only.
    public var stateDirectory: URL?
    public var controllerTimings: ControllerTimings
    /// Custom resources served as if their CRDs were installed.
    public var customResources: [ResourceType]
    /// Nodes present in a fresh cluster (besides the four system namespaces).
    public var nodes: [String]
    /// What `GET /api/v1/nodes/NAME/proxy/configz` answers for every node.
    public var kubeletConfigz: JSONValue
    /// The CCE v3 and IAM API served beside the Kubernetes API (`/api/v3/…`, `/v3/auth/tokens`), with a
    /// Kubernetes API per created cluster under `/clusters/{id}/`; nil serves Kubernetes only.
    public var cce: CCEConfiguration?
    /// How long `stop()` lets requests still running finish before cutting them off (watches end at once).
    public var shutdownGracePeriod: Duration = .seconds(3)

    public init(
        token: String, tls: SandboxTLS? = nil, gitVersion: String = "v1.31.4",
        host: String = "127.0.0.1", port: Int = 0,
        stateDirectory: URL? = nil, controllerTimings: ControllerTimings = ControllerTimings(),
        customResources: [ResourceType] = [], nodes: [String] = ["sandbox-node-1"],
        kubeletConfigz: JSONValue = SandboxConfiguration.secureKubeletConfigz, cce: CCEConfiguration? = nil
    ) {
        self.token = token
        self.tls = tls
        self.gitVersion = gitVersion
        self.host = host
        self.port = port
        self.stateDirectory = stateDirectory
        self.controllerTimings = controllerTimings
        self.customResources = customResources
        self.nodes = nodes
        self.kubeletConfigz = kubeletConfigz
        self.cce = cce
    }

    /// A kubelet that authenticates and authorizes through the API server (guidance G7).
    public static let secureKubeletConfigz: JSONValue = [
        "kubeletconfig": [
            "authentication": ["anonymous": ["enabled": false], "webhook": ["enabled": true]],
            "authorization": ["mode": "Webhook"],
        ]
    ]
}
