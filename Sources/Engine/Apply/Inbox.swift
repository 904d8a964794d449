import Synchronization

/// What concurrent tasks hand to one consumer, which takes all that arrived at once: so that results finishing
/// together are dealt with together (one journal commit for them all, not one each).
final class Inbox<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])

    func put(_ item: Element) {
        items.withLock { $0.append(item) }
    }

    /// Everything put since the last call, in the order it was put.
    func takeAll() -> [Element] {
        items.withLock { taken in
            defer { taken = [] }
            return taken
        }
    }
}
