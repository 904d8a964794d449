/// The dependency graph of a playbook's steps: unique ids, known dependencies, no cycles, and an order.
enum PlaybookGraph {
    /// Step indices in dependency order (ties in file order), or nil after reporting duplicate ids,
    /// unknown dependencies or cycles in `context`.
    static func order(_ steps: [Playbook.Step], _ source: SourceMap, _ context: ReadContext) -> [Int]? {
        var index: [String: Int] = [:]
        var ok = true
        for (position, step) in steps.enumerated() {
            if let first = index[step.id] {
                report(
                    source, context, at: step.path.appending("id"),
                    "duplicate step id \"\(step.id)\"; first used by \(steps[first].path)")
                ok = false
            } else {
                index[step.id] = position
            }
        }
        var dependencies: [[Int]] = []
        for step in steps {
            var known: [Int] = []
            for (entry, id) in step.dependsOn.enumerated() {
                if let target = index[id] {
                    known.append(target)
                } else {
                    let hint = Suggestion.hint(for: id, in: steps.map(\.id))
                    report(
                        source, context, at: step.path.appending("dependsOn").appending(index: entry),
                        "unknown step id \"\(id)\"\(hint)")
                    ok = false
                }
            }
            dependencies.append(known)
        }
        let (order, remaining) = sorted(dependencies)
        for cycle in cycles(among: remaining, dependencies) {
            let ids = (cycle + [cycle[0]]).map { steps[$0].id }.joined(separator: " → ")
            let first = steps[cycle[0]]
            let entry = first.dependsOn.firstIndex(of: steps[cycle[1 % cycle.count]].id) ?? 0
            report(
                source, context, at: first.path.appending("dependsOn").appending(index: entry),
                "dependency cycle: \(ids)")
            ok = false
        }
        return ok ? order : nil
    }

    /// Kahn's algorithm, always taking the earliest ready step; returns the order and the steps left in or behind cycles.
    private static func sorted(_ dependencies: [[Int]]) -> (order: [Int], remaining: Set<Int>) {
        var waiting = dependencies.map { Set($0).count }
        var dependents = Array(repeating: [Int](), count: dependencies.count)
        for (step, targets) in dependencies.enumerated() {
            for target in Set(targets) { dependents[target].append(step) }
        }
        var ready = Set(waiting.indices.filter { waiting[$0] == 0 })
        var order: [Int] = []
        while let next = ready.min() {
            ready.remove(next)
            order.append(next)
            for dependent in dependents[next] {
                waiting[dependent] -= 1
                if waiting[dependent] == 0 { ready.insert(dependent) }
            }
        }
        return (order, Set(dependencies.indices).subtracting(order))
    }

    /// One cycle per group of steps that wait on each other, each starting at its earliest step in file order.
    private static func cycles(among remaining: Set<Int>, _ dependencies: [[Int]]) -> [[Int]] {
        var seen: Set<Int> = []
        var found: [[Int]] = []
        for start in remaining.sorted() where !seen.contains(start) {
            var path: [Int] = [], current = start
            while !path.contains(current), !seen.contains(current) {
                path.append(current)
                guard let next = dependencies[current].first(where: remaining.contains) else { break }
                current = next
            }
            seen.formUnion(path)
            guard let loopStart = path.firstIndex(of: current) else { continue }
            let loop = Array(path[loopStart...])
            let earliest = loop.indices.min { loop[$0] < loop[$1] } ?? 0
            found.append(Array(loop[earliest...] + loop[..<earliest]))
        }
        return found
    }

    private static func report(_ source: SourceMap, _ context: ReadContext, at path: FieldPath, _ message: String) {
        context.error(message, at: source.mark(of: path), path: path)
    }
}
