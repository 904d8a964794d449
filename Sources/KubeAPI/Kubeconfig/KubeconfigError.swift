/// A kubeconfig that cannot be loaded or does not describe a usable context. Never quotes secret values.
public struct KubeconfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Hashable {
        case fileNotFound(path: String)
        case unreadable(path: String, reason: String)
        case invalid(path: String, detail: String)
        case noCurrentContext
        case contextNotFound(String, available: [String])
        case clusterNotFound(String, context: String)
        case userNotFound(String, context: String)
        case missingServer(cluster: String)
        case invalidServer(cluster: String, server: String)
        case notBase64(field: String, entry: String)
        case incompleteClientCertificate(user: String)
        case insecureWithCertificateAuthority(cluster: String)
        case unsupported(field: String, entry: String)
    }

    public var problem: Problem
    /// The files the kubeconfig was merged from, named when the problem is what they lack (a context).
    public var filesRead: [String]?

    public init(_ problem: Problem, filesRead: [String]? = nil) {
        self.problem = problem
        self.filesRead = filesRead
    }

    public var description: String {
        guard let filesRead else { return problemText }
        let read =
            filesRead.isEmpty
            ? "no kubeconfig file was found: give --kubeconfig, set KUBECONFIG or write ~/.kube/config"
            : "read from \(filesRead.joined(separator: ", "))"
        return "\(problemText); \(read)"
    }

    private var problemText: String {
        switch problem {
        case .fileNotFound(let path):
            return "kubeconfig \(path) does not exist"
        case .unreadable(let path, let reason):
            return "kubeconfig \(path) cannot be read: \(reason)"
        case .invalid(let path, let detail):
            return detail.hasPrefix(path) ? detail : "kubeconfig \(path) is invalid: \(detail)"
        case .noCurrentContext:
            return "the kubeconfig sets no current-context; name one with --context"
        case .contextNotFound(let name, let available):
            let known = available.isEmpty ? "it defines no contexts" : "it defines \(available.joined(separator: ", "))"
            return "context \"\(name)\" is not in the kubeconfig (\(known))"
        case .clusterNotFound(let name, let context):
            return "context \"\(context)\" names cluster \"\(name)\", which the kubeconfig does not define"
        case .userNotFound(let name, let context):
            return "context \"\(context)\" names user \"\(name)\", which the kubeconfig does not define"
        case .missingServer(let cluster):
            return "cluster \"\(cluster)\" has no server"
        case .invalidServer(let cluster, let server):
            return "cluster \"\(cluster)\" has server \"\(server)\", which is not an http(s) URL"
        case .notBase64(let field, let entry):
            return "\(field) of \"\(entry)\" is not valid base64"
        case .incompleteClientCertificate(let user):
            return "user \"\(user)\" has a client certificate without a key, or a key without a certificate"
        case .insecureWithCertificateAuthority(let cluster):
            return "cluster \"\(cluster)\" sets both insecure-skip-tls-verify and a certificate authority; keep one"
        case .unsupported(let field, let entry):
            return "\(field) of \"\(entry)\" is not supported by tenantctl"
        }
    }
}
