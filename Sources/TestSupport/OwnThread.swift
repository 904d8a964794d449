import Foundation

/// Runs blocking work (a child process, a pipe read) on a thread of its own and awaits it, so that it does
/// not hold one of the few threads Swift concurrency runs every test on (two on a two-core machine).
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
