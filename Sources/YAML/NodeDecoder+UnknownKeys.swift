/// The keys one keyed container was asked for.
final class KeyUsage {
    let node: Node
    let path: DecodingPath
    var asked: Set<String> = []
    /// Set when the container listed `allKeys` (a dictionary): every key counts as known.
    var allAsked = false

    init(node: Node, path: DecodingPath) {
        self.node = node
        self.path = path
    }
}

/// Every keyed container of one decode call, so that keys nobody asked for can be reported afterwards.
/// Containers created by a failed attempt are rolled back, so `try?` fallbacks leave no trace.
final class KeyUsageLog {
    private var usages: [KeyUsage] = []

    var checkpoint: Int { usages.count }

    func record(_ node: Node, at path: DecodingPath) -> KeyUsage {
        let usage = KeyUsage(node: node, path: path)
        usages.append(usage)
        return usage
    }

    func rollBack(to checkpoint: Int?) {
        guard let checkpoint, checkpoint < usages.count else { return }
        usages.removeSubrange(checkpoint...)
    }

    /// The unknown key that comes first in the document, with its path and a message.
    func firstUnknownKey() -> (mark: Mark, path: DecodingPath, message: String)? {
        var grouped: [String: (usage: KeyUsage, asked: Set<String>, all: Bool)] = [:]
        for usage in usages {
            let id = "\(usage.node.mark)|\(usage.path.rendered)"
            var entry = grouped[id] ?? (usage, [], false)
            entry.asked.formUnion(usage.asked)
            entry.all = entry.all || usage.allAsked
            grouped[id] = entry
        }
        var found: (mark: Mark, path: DecodingPath, message: String)?
        for (usage, asked, all) in grouped.values where !all {
            for pair in usage.node.mapping ?? [] {
                guard let key = pair.key.scalar?.keyString, !asked.contains(key) else { continue }
                if let current = found, current.mark <= pair.key.mark { break }
                var message = "unknown key \"\(key.debugEscaped)\""
                if let suggestion = Self.closest(to: key, in: asked) { message += "; did you mean \"\(suggestion)\"?" }
                found = (pair.key.mark, usage.path.appending(.key(key)), message)
                break
            }
        }
        return found
    }

    /// The known key within two edits of `key`, if exactly one is closest.
    private static func closest(to key: String, in known: Set<String>) -> String? {
        let scored = known.map { ($0, distance(Array(key), Array($0))) }.filter { $0.1 <= 2 }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return nil }
        return best.0
    }

    /// Levenshtein distance.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
