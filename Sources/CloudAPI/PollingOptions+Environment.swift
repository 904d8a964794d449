import Foundation

extension PollingOptions {
    /// The variable naming the first pause of CCE waits in seconds (a decimal, such as `0.2`), which also comes
    /// before a node pool's first poll; the default is 5. For endpoints whose state changes at once (the sandbox).
    public static let intervalVariable = "TENANTCTL_CCE_POLL_INTERVAL"

    /// The default schedule, starting with the interval the environment names; an empty variable counts as unset.
    public static func resolve(environment: [String: String]) throws(CCEInputError) -> PollingOptions {
        guard let text = environment[intervalVariable], !text.isEmpty else { return PollingOptions() }
        guard let seconds = Double(text), seconds > 0, seconds <= 60 else {
            throw CCEInputError("\(intervalVariable)=\"\(text)\" is not a number of seconds from above 0 to 60")
        }
        var options = PollingOptions()
        options.initialInterval = .milliseconds(Int64(seconds * 1000))
        options.maxInterval = max(options.maxInterval, options.initialInterval)
        return options
    }
}
