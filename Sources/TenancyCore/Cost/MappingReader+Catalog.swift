import Foundation
import YAML

/// Readers the price catalog needs beyond the spec's: maps keyed by names, amounts, positive quantities,
/// and references to names defined elsewhere in the document.
extension MappingReader {
    /// A mapping whose keys are names (flavors, tags) rather than fields, each value read by `element`
    /// with its name and path (`spec.nodeFlavors.c7.2xlarge.2`). A name given twice is reported.
    func namedEntries<T>(_ key: String, required: Bool = false, element: (String, Node, FieldPath) -> T?) -> [String:
        T]?
    {
        guard let node = value(key, required: required) else { return nil }
        guard case .mapping(let pairs) = node.content else {
            context.error(
                "expected a mapping of names to entries, found \(node.readableKind)", at: node.mark,
                path: path.appending(key))
            return nil
        }
        var entries: [String: T] = [:]
        var seen: Set<String> = []
        for pair in pairs {
            guard case .scalar(let scalar) = pair.key.content, case .string(let name) = scalar.resolved, !name.isEmpty
            else {
                context.error(
                    "a name must be a non-empty string, found \(pair.key.readableKind)", at: pair.key.mark,
                    path: path.appending(key))
                continue
            }
            let entryPath = path.appending(key).appending(name)
            guard seen.insert(name).inserted else {
                context.error("\"\(name)\" is listed twice", at: pair.key.mark, path: entryPath)
                continue
            }
            context.record(entryPath, pair.value.mark)
            if let entry = element(name, pair.value, entryPath) { entries[name] = entry }
        }
        return entries
    }

    /// The names a `namedEntries` mapping declares, valid entries or not; nil when it is not a mapping.
    func names(in key: String) -> [String]? {
        guard case .mapping(let pairs)? = value(key)?.content else { return nil }
        return pairs.compactMap { pair in
            guard case .scalar(let scalar) = pair.key.content, case .string(let name) = scalar.resolved else {
                return nil
            }
            return name
        }
    }

    /// An exact, non-negative amount (a price, a ratio).
    func decimal(_ key: String, required: Bool = false) -> Decimal? {
        value(key, required: required).flatMap { ScalarReader.decimal($0, path: path.appending(key), context) }
    }

    /// A quantity above zero.
    func positiveQuantity(_ key: String, required: Bool = false) -> Quantity? {
        guard let quantity = quantity(key, required: required) else { return nil }
        guard quantity.value > 0 else {
            context.error(
                "must be greater than zero, found \(quantity)", at: value(key)?.mark ?? node.mark,
                path: path.appending(key))
            return nil
        }
        return quantity
    }

    /// Whether `name` (the value of `key`) is one of `names`; reports it with a suggestion when it is not.
    func known(_ key: String, _ name: String, in names: [String], section: String) -> Bool {
        guard !names.contains(name) else { return true }
        context.error(
            "\"\(name)\" is not in \(section)\(Suggestion.hint(for: name, in: names)); known: \(names.sorted().joined(separator: ", "))",
            at: value(key)?.mark ?? node.mark, path: path.appending(key))
        return false
    }
}
