extension Composer {
    /// Expands YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`) as kubectl's YAML reader does: the merged
    /// mappings' pairs join the mapping where the `<<` stands, keeping the places they were written; a key the
    /// mapping sets itself wins, and among merged mappings the first that sets a key wins.
    func expandingMergeKeys(_ pairs: [Pair]) throws(YAMLError) -> [Pair] {
        guard pairs.contains(where: { Self.isMergeKey($0.key) }) else { return pairs }
        var taken = Set(pairs.compactMap { Self.isMergeKey($0.key) ? nil : $0.key.scalar?.keyString })
        var expanded: [Pair] = []
        for pair in pairs {
            guard Self.isMergeKey(pair.key) else {
                expanded.append(pair)
                continue
            }
            for source in try mergedMappings(pair.value) {
                for merged in source {
                    guard let key = merged.key.scalar?.keyString else { continue }
                    if taken.insert(key).inserted { expanded.append(merged) }
                }
            }
        }
        return expanded
    }

    /// The mappings a merge key's value names: one mapping, or a list of them.
    private func mergedMappings(_ value: Node) throws(YAMLError) -> [[Pair]] {
        switch value.content {
        case .mapping(let pairs): return [pairs]
        case .sequence(let items):
            var mappings: [[Pair]] = []
            for item in items {
                guard case .mapping(let pairs) = item.content else {
                    throw source.error(at: item.mark, "a merge key (<<) takes a mapping or a list of mappings")
                }
                mappings.append(pairs)
            }
            return mappings
        case .scalar:
            throw source.error(at: value.mark, "a merge key (<<) takes a mapping or a list of mappings")
        }
    }

    private static func isMergeKey(_ key: Node) -> Bool {
        guard let scalar = key.scalar, scalar.style == .plain, scalar.text == "<<" else { return false }
        return key.tag == nil
    }
}
