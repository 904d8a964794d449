import ArgumentParser
import Engine
import Foundation
import HTTP

/// `--request-timeout`, for every command that talks to a cluster or to CCE; kubectl's flag and format.
struct ConnectionOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How long one request may take before it fails (and is retried): 30s, 2m, 1h; 0 for no limit.",
            valueName: "duration"))
    var requestTimeout: RequestTimeout = RequestTimeout(duration: .seconds(60))

    /// The transfer limits these options set.
    var limits: TransferLimits { TransferLimits().withRequestTimeout(requestTimeout.duration) }

    /// A connector for the inventory in `inventoryFile`, within these limits, printing the CCE clients' warnings
    /// (a node pool waiting through `SoldOut`) to standard error.
    func connector(kubeconfigOverride: String?, inventoryFile: String?) -> ClusterConnector {
        var connector = ClusterConnector(
            kubeconfigOverride: kubeconfigOverride, inventoryFile: inventoryFile, limits: limits)
        connector.cceLog = { record in
            if record.level >= .warning { Console.warning(record.message) }
        }
        return connector
    }
}

/// A duration as kubectl's `--request-timeout` takes it: a whole number of seconds, or numbers with units
/// (`ms`, `s`, `m`, `h`) such as `1m30s`. Zero means no limit.
struct RequestTimeout: ExpressibleByArgument {
    var duration: Duration

    init(duration: Duration) { self.duration = duration }

    init?(argument: String) {
        guard let duration = Self.parse(argument) else { return nil }
        self.duration = duration
    }

    static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000),
    ]

    /// The duration `text` spells, or nil when it is not one (negative, no digits, an unknown unit, over a day).
    static func parse(_ text: String) -> Duration? {
        if let seconds = Int64(text) { return (0...86_400).contains(seconds) ? .seconds(seconds) : nil }
        guard !text.isEmpty else { return nil }
        var rest = Substring(text)
        var total: Int64 = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Int64(digits), value <= 86_400_000 else { return nil }
            rest = rest.dropFirst(digits.count)
            // `ms` comes first in `units`, so that it is not read as minutes.
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }) else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            total += value * unit.milliseconds
            guard total <= 86_400_000 else { return nil }
        }
        return .milliseconds(total)
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
