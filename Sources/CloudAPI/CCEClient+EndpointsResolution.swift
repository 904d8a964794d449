import Foundation
import HTTP

extension CCEClient.Endpoints {
    /// The variable naming the CCE API's base URL, e.g. `https://127.0.0.1:8443` for the sandbox.
    public static let cceVariable = "TENANTCTL_CCE_ENDPOINT"
    /// The variable naming the IAM API's base URL; without it, IAM is at the CCE endpoint when that is set.
    public static let iamVariable = "TENANTCTL_IAM_ENDPOINT"
    /// The variable naming a PEM bundle of the CAs that the CCE and IAM endpoints' certificates must chain to,
    /// instead of the system's (e.g. the sandbox's `ca.crt`); other servers are not affected.
    public static let certificateAuthorityVariable = "TENANTCTL_CCE_CA_FILE"

    /// The endpoints the environment names (``cceVariable``, ``iamVariable``), else `region`'s, trusting the
    /// CAs in ``certificateAuthorityVariable`` when it is set, else the system's.
    ///
    /// Only `TENANTCTL_CCE_ENDPOINT` set: IAM is there too (the sandbox serves both). Only
    /// `TENANTCTL_IAM_ENDPOINT` set: CCE is the region's. An empty variable counts as unset; a set endpoint must be
    /// an `http` or `https` URL with a host and neither credentials, query nor fragment; a set CA file must be
    /// readable.
    public static func resolve(
        region: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CCEInputError) -> CCEClient.Endpoints {
        let cce = try baseURL(cceVariable, in: environment)
        let iam = try baseURL(iamVariable, in: environment)
        var endpoints: CCEClient.Endpoints
        switch (cce, iam) {
        case (nil, nil): endpoints = try Self.region(region)
        case (let cce?, nil): endpoints = CCEClient.Endpoints(cce: cce, iam: cce)
        case (nil, let iam?): endpoints = CCEClient.Endpoints(cce: try Self.region(region).cce, iam: iam)
        case (let cce?, let iam?): endpoints = CCEClient.Endpoints(cce: cce, iam: iam)
        }
        if let file = try certificateAuthorityFile(in: environment) {
            endpoints.trust = ServerTrust(certificateAuthority: .file(file))
        }
        return endpoints
    }

    /// The CA bundle in ``certificateAuthorityVariable``; nil when it is unset or empty.
    private static func certificateAuthorityFile(in environment: [String: String]) throws(CCEInputError) -> String? {
        guard let path = environment[certificateAuthorityVariable], !path.isEmpty else { return nil }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CCEInputError("\(certificateAuthorityVariable)=\"\(path)\" is not a readable file")
        }
        return path
    }

    /// The URL in `variable`, validated; nil when it is unset or empty.
    private static func baseURL(_ variable: String, in environment: [String: String]) throws(CCEInputError) -> URL? {
        guard let text = environment[variable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        let components = URLComponents(string: text)
        // Checked first so that a URL with a password is never quoted back.
        guard components?.user == nil, components?.password == nil, components?.query == nil,
            components?.fragment == nil
        else {
            throw CCEInputError("\(variable) must be a base URL without credentials, query or fragment")
        }
        guard let components, let url = components.url,
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { throw CCEInputError("\(variable)=\"\(text)\" is not an http or https URL") }
        guard let host = components.host, !host.isEmpty else {
            throw CCEInputError("\(variable)=\"\(text)\" names no host")
        }
        return url
    }
}
