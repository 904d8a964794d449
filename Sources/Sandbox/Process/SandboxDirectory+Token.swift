import Foundation

extension SandboxDirectory {
    /// The token of an earlier start from this directory, else a new random one written there (owner-only): with
    /// the certificate authority kept too, a kubeconfig from an earlier start stays valid (on the same port).
    public func keptToken() throws -> String {
        if let kept = token() { return kept }
        let token = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        try PrivateFile.write(Data(token.utf8), to: tokenFile)
        return token
    }
}
