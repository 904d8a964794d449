import CloudAPI
import HTTP
import KubeAPI

/// What a failed write tells about whether it may still land.
enum WriteFailure {
    /// The request got no answer (a timeout, a reset, a refused connection after sending): the server may still
    /// carry it out. An answer — any HTTP status — means it will not.
    static func unanswered(_ error: any Error) -> Bool {
        switch error {
        case let error as KubeAPIError:
            if case .transport = error.failure { return true }
            return false
        case let error as CCEError:
            if case .transport = error.failure { return true }
            return false
        case is TransportError, is CancellationError:
            return true
        default:
            return false
        }
    }
}
