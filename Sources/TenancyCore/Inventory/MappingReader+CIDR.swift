import IPv4

extension MappingReader {
    /// An IPv4 CIDR such as `10.0.0.0/16` (the text, as written); anything else is reported at its place.
    func cidr(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        guard IPv4Network(text) != nil else {
            context.error(
                "\"\(text)\" is not an IPv4 CIDR such as 10.0.0.0/16", at: value(key)?.mark ?? node.mark,
                path: path.appending(key))
            return nil
        }
        return text
    }
}
