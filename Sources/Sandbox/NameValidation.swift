/// Object-name rules with the real server's messages (apimachinery's `validation` package).
enum NameValidation {
    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
        + "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
        + "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    static let dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
        + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
        + "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

    /// The problems with `name` under `rule`, as messages without the field prefix; empty when valid.
    static func problems(_ name: String, rule: ResourceType.NameRule) -> [String] {
        switch rule {
        case .dnsSubdomain:
            var result: [String] = []
            if name.utf8.count > 253 { result.append("must be no more than 253 characters") }
            if !isSubdomain(name) { result.append(subdomainMessage) }
            return result
        case .dnsLabel:
            var result: [String] = []
            if name.utf8.count > 63 { result.append("must be no more than 63 characters") }
            if !isLabel(name) { result.append(labelMessage) }
            return result
        case .dns1035Label:
            var result: [String] = []
            if name.utf8.count > 63 { result.append("must be no more than 63 characters") }
            if !isLabel(name) || !(name.first?.isLetter ?? false) { result.append(dns1035Message) }
            return result
        case .pathSegment:
            if name == "." || name == ".." { return ["may not be '\(name)'"] }
            if name.contains("/") { return ["may not contain '/'"] }
            if name.contains("%") { return ["may not contain '%'"] }
            return []
        }
    }

    static func isLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isLowerAlnum(first) && isLowerAlnum(last)
            && bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    static func isSubdomain(_ text: String) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
