import Foundation
import HTTP

extension Kubeconfig {
    /// Resolves a context into a `ClusterConnection`, as kubectl would connect.
    /// - Parameter context: the context to use (`--context`); nil uses `current-context`.
    public func connection(context: String? = nil) throws(KubeconfigError) -> ClusterConnection {
        guard let contextName = context ?? currentContext, !contextName.isEmpty else {
            throw KubeconfigError(.noCurrentContext)
        }
        guard let named = contexts.first(where: { $0.name == contextName }) else {
            throw KubeconfigError(.contextNotFound(contextName, available: contexts.map(\.name)))
        }
        let selected = named.context
        guard let cluster = clusters.first(where: { $0.name == selected.cluster }) else {
            throw KubeconfigError(.clusterNotFound(selected.cluster, context: contextName))
        }
        var authentication = Authentication()
        if let userName = selected.user, !userName.isEmpty {
            guard let user = users.first(where: { $0.name == userName }) else {
                throw KubeconfigError(.userNotFound(userName, context: contextName))
            }
            authentication = try Self.authentication(user.user, name: userName)
        }
        let namespace = selected.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return ClusterConnection(
            server: try Self.server(cluster), trust: try Self.trust(cluster), authentication: authentication,
            namespace: namespace, contextName: contextName)
    }

    private static func server(_ named: NamedCluster) throws(KubeconfigError) -> URL {
        guard let text = named.cluster.server, !text.isEmpty else {
            throw KubeconfigError(.missingServer(cluster: named.name))
        }
        guard let url = URL(string: text), ["https", "http"].contains(url.scheme?.lowercased()), url.host != nil else {
            throw KubeconfigError(.invalidServer(cluster: named.name, server: text))
        }
        return url
    }

    private static func trust(_ named: NamedCluster) throws(KubeconfigError) -> ServerTrust {
        let cluster = named.cluster
        if cluster.tlsServerName?.isEmpty == false {
            throw KubeconfigError(.unsupported(field: "tls-server-name", entry: named.name))
        }
        if cluster.proxyURL?.isEmpty == false {
            throw KubeconfigError(.unsupported(field: "proxy-url", entry: named.name))
        }
        var authority: PEMSource?
        if let data = cluster.certificateAuthorityData, !data.isEmpty {
            authority = .data(try decode(data, field: "certificate-authority-data", entry: named.name))
        } else if let path = cluster.certificateAuthority, !path.isEmpty {
            authority = .file(path)
        }
        let insecure = cluster.insecureSkipTLSVerify ?? false
        if insecure, authority != nil { throw KubeconfigError(.insecureWithCertificateAuthority(cluster: named.name)) }
        return ServerTrust(certificateAuthority: authority, insecureSkipVerify: insecure)
    }

    private static func authentication(_ user: User, name: String) throws(KubeconfigError) -> Authentication {
        if user.username?.isEmpty == false { throw KubeconfigError(.unsupported(field: "username", entry: name)) }
        if user.authProvider != nil { throw KubeconfigError(.unsupported(field: "auth-provider", entry: name)) }
        var certificate: PEMSource?
        if let data = user.clientCertificateData?.revealed, !data.isEmpty {
            certificate = .data(try decode(data, field: "client-certificate-data", entry: name))
        } else if let path = user.clientCertificate, !path.isEmpty {
            certificate = .file(path)
        }
        var key: PEMSource?
        if let data = user.clientKeyData?.revealed, !data.isEmpty {
            key = .data(try decode(data, field: "client-key-data", entry: name))
        } else if let path = user.clientKey, !path.isEmpty {
            key = .file(path)
        }
        var clientCertificate: ClientCertificate?
        switch (certificate, key) {
        case (let certificate?, let key?): clientCertificate = ClientCertificate(certificate: certificate, key: key)
        case (nil, nil): break
        default: throw KubeconfigError(.incompleteClientCertificate(user: name))
        }
        let exec = user.exec.map { exec in
            ExecConfig(
                apiVersion: exec.apiVersion, command: exec.command, args: exec.args ?? [],
                env: exec.env ?? [],
                installHint: exec.installHint, provideClusterInfo: exec.provideClusterInfo ?? false,
                interactiveMode: exec.interactiveMode)
        }
        return Authentication(
            token: user.token.flatMap { $0.revealed.isEmpty ? nil : $0 },
            tokenFile: user.tokenFile.flatMap { $0.isEmpty ? nil : $0 }, clientCertificate: clientCertificate,
            exec: exec)
    }

    private static func decode(_ base64: String, field: String, entry: String) throws(KubeconfigError)
        -> Redacted<[UInt8]>
    {
        let compact = base64.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            throw KubeconfigError(.notBase64(field: field, entry: entry))
        }
        return Redacted(Array(data))
    }
}
