import Foundation

/// Ends the command with `error: MESSAGE` on standard error and exit status 1, without usage text: for a
/// command given well-formed arguments that name something that is not there or cannot be used.
func exitWithError(_ message: String) -> Never {
    Console.error(message)
    Foundation.exit(1)
}
