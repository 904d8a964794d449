import CloudAPI
import KubeAPI
import Synchronization

/// The clients of one invocation, made once per cluster and shared by every tenant on it: one kubeconfig read,
/// one exec-plugin run, one discovery cache and one connection pool per cluster, however many tenants it holds.
final class ClientPool: Sendable {
    private let kube = Mutex<[String: KubeClient]>([:])
    private let cce = Mutex<[String: CCEClient]>([:])

    /// The client cached under `key`, made by `make` the first time.
    func kubeClient(_ key: String, make: () throws -> KubeClient) throws -> KubeClient {
        try Self.cached(key, in: kube, make: make)
    }

    func cceClient(_ key: String, make: () throws -> CCEClient) throws -> CCEClient {
        try Self.cached(key, in: cce, make: make)
    }

    private static func cached<Client>(
        _ key: String, in clients: borrowing Mutex<[String: Client]>, make: () throws -> Client
    )
        throws -> Client
    {
        try clients.withLock { clients in
            if let client = clients[key] { return client }
            let client = try make()
            clients[key] = client
            return client
        }
    }
}
