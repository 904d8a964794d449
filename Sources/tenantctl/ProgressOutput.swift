import Foundation
import Synchronization

/// Where runs report progress. For one tenant, each line goes to standard output at once. For tenants applied side
/// by side, a tenant's lines are held and printed as one block when its run ends, so that they stay readable; on a
/// terminal a status line below them counts tenants done and objects written.
final class ProgressOutput: Sendable {
    private struct State {
        var held: [String: [String]] = [:]
        var done = 0
        var written = 0
        var statusShown = false
    }

    private let total: Int
    private let grouped: Bool
    private let terminal: Bool
    private let state = Mutex(State())

    /// - Parameter tenants: how many tenants run; lines are grouped per tenant when more than one runs at once.
    init(tenants: Int, parallel: Int, terminal: Bool = isatty(STDOUT_FILENO) == 1) {
        total = tenants
        grouped = tenants > 1 && parallel > 1
        self.terminal = terminal
    }

    /// One line of `tenant`'s run.
    func line(_ tenant: String, _ text: String) {
        guard grouped else { return Self.write(text + "\n") }
        state.withLock { $0.held[tenant, default: []].append(text) }
    }

    /// Counts an object written, for the status line.
    func wrote() {
        guard grouped, terminal else { return }
        state.withLock { state in
            state.written += 1
            Self.write(status(state))
        }
    }

    /// `tenant` is done: its lines go out as one block.
    func finished(_ tenant: String) {
        guard grouped else { return }
        state.withLock { state in
            state.done += 1
            let block = (state.held.removeValue(forKey: tenant) ?? []).map { $0 + "\n" }.joined()
            Self.write((state.statusShown ? "\r\u{1B}[K" : "") + block + (terminal ? status(state) : ""))
            state.statusShown = terminal
        }
    }

    /// Clears the status line before the summary.
    func end() {
        state.withLock { state in
            if state.statusShown { Self.write("\r\u{1B}[K") }
            state.statusShown = false
        }
    }

    private func status(_ state: State) -> String {
        "\r\u{1B}[K[\(state.done)/\(total) tenants done, \(state.written) objects written]"
    }

    /// Writes at once (unbuffered), so that progress shows while runs go on.
    private static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
