/// Runs `body` for every element, at most `limit` at once; the results come back in the elements' order.
public func concurrently<Element: Sendable, Value: Sendable>(
    _ elements: [Element], limit: Int = .max, _ body: @escaping @Sendable (Element) async -> Value
) async -> [Value] {
    await withTaskGroup(of: (Int, Value).self) { group in
        var results = [Value?](repeating: nil, count: elements.count)
        var next = 0
        func start() {
            guard next < elements.count else { return }
            let index = next
            next += 1
            group.addTask { (index, await body(elements[index])) }
        }
        for _ in 0..<min(max(1, limit), elements.count) { start() }
        while let (index, value) = await group.next() {
            results[index] = value
            start()
        }
        return results.compactMap { $0 }
    }
}

/// Runs `body` for every element at once, each failure kept as its result; the results come back in the
/// elements' order.
func concurrently<Element: Sendable, Value: Sendable>(
    _ elements: [Element], _ body: @escaping @Sendable (Element) async throws -> Value
) async -> [Result<Value, any Error>] {
    await concurrently(elements, limit: .max) { element in await Result { try await body(element) } }
}

extension Result where Failure == any Error {
    /// The result of an async throwing body.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
