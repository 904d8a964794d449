/// A parsed label selector (`a=b,c!=d,e in (f,g),h notin (i),j,!k`) as `labelSelector` query parameters carry it.
public struct LabelSelector: Sendable, Hashable {
    /// One comma-separated term.
    public enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case `in`(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
        case greaterThan(String, Int64)
        case lessThan(String, Int64)
    }

    public var requirements: [Requirement]

    public init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// Parses selector text; an empty text selects everything.
    public init(parsing text: String) throws(KubeStatusError) {
        var requirements: [Requirement] = []
        for term in try Self.terms(of: text) {
            requirements.append(try Self.requirement(term, in: text))
        }
        self.requirements = requirements
    }

    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .in(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return !(labels[key].map(values.contains) ?? false)
            case .exists(let key): return labels[key] != nil
            case .doesNotExist(let key): return labels[key] == nil
            case .greaterThan(let key, let bound): return labels[key].flatMap { Int64($0) }.map { $0 > bound } ?? false
            case .lessThan(let key, let bound): return labels[key].flatMap { Int64($0) }.map { $0 < bound } ?? false
            }
        }
    }

    /// Splits on commas outside parentheses.
    private static func terms(of text: String) throws(KubeStatusError) -> [String] {
        var terms: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")": depth -= 1; current.append(character)
            case "," where depth == 0: terms.append(current); current = ""
            default: current.append(character)
            }
            if depth < 0 || depth > 1 { throw invalid(text) }
        }
        guard depth == 0 else { throw invalid(text) }
        terms.append(current)
        let trimmed = terms.map { $0.trimmingSpaces }
        if trimmed == [""] { return [] }
        if trimmed.contains("") { throw invalid(text) }
        return trimmed
    }

    private static func requirement(_ term: String, in text: String) throws(KubeStatusError) -> Requirement {
        if term.hasPrefix("!") {
            return .doesNotExist(try key(String(term.dropFirst()), in: text))
        }
        for (op, make) in [("!=", Requirement.notEquals), ("==", Requirement.equals), ("=", Requirement.equals)] {
            if let range = term.range(of: op) {
                let value = String(term[range.upperBound...]).trimmingSpaces
                return make(try key(String(term[..<range.lowerBound]), in: text), try checkedValue(value, in: text))
            }
        }
        for (op, isGreater) in [(">", true), ("<", false)] {
            if let range = term.range(of: op) {
                guard let bound = Int64(String(term[range.upperBound...]).trimmingSpaces) else { throw invalid(text) }
                let name = try key(String(term[..<range.lowerBound]), in: text)
                return isGreater ? .greaterThan(name, bound) : .lessThan(name, bound)
            }
        }
        let words = term.split(separator: " ", maxSplits: 2).map(String.init)
        if words.count == 3, words[1] == "in" || words[1] == "notin" {
            let set = words[2].trimmingSpaces
            guard set.hasPrefix("("), set.hasSuffix(")") else { throw invalid(text) }
            var values: Set<String> = []
            for value in set.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false) {
                values.insert(try checkedValue(String(value).trimmingSpaces, in: text))
            }
            let name = try key(words[0], in: text)
            return words[1] == "in" ? .in(name, values) : .notIn(name, values)
        }
        return .exists(try key(term, in: text))
    }

    private static func key(_ raw: String, in text: String) throws(KubeStatusError) -> String {
        let key = raw.trimmingSpaces
        guard !key.isEmpty, !key.contains(" "), key.allSatisfy(isLabelCharacter) else { throw invalid(text) }
        return key
    }

    private static func checkedValue(_ value: String, in text: String) throws(KubeStatusError) -> String {
        guard value.count <= 63, value.allSatisfy(isLabelCharacter), !value.contains("/") else {
            throw invalid(text)
        }
        return value
    }

    private static func isLabelCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-_./".contains(character))
    }

    private static func invalid(_ text: String) -> KubeStatusError {
        .badRequest("unable to parse requirement: found '\(text)', expected: a valid label selector")
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
