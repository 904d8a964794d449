import Foundation

/// The query string of a request, decoded the way Go's `url.ParseQuery` does (`+` is a space).
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ query: String?) {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode: (Substring) -> String = {
                let spaced = $0.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            values[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
    }

    subscript(name: String) -> String? { values[name] }

    func flag(_ name: String) -> Bool {
        guard let value = values[name] else { return false }
        return value == "true" || value == "1"
    }

    /// `dryRun`: absent or `All`; anything else is rejected like the real server does.
    func dryRun() throws(KubeStatusError) -> Bool {
        switch values["dryRun"] {
        case nil, "": return false
        case "All": return true
        case let other?: throw .badRequest("Invalid dry run value: \(other). Supported values are: All")
        }
    }

    /// `propagationPolicy`: accepted when valid; dependents are not tracked, so it changes nothing.
    func checkPropagationPolicy(_ body: String?) throws(KubeStatusError) {
        for policy in [values["propagationPolicy"], body].compactMap({ $0 }) {
            guard ["Orphan", "Background", "Foreground"].contains(policy) else {
                throw .badRequest("propagationPolicy: Unsupported value: \"\(policy)\"")
            }
        }
    }
}
