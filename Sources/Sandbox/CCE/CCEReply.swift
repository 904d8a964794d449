import Foundation
import HTTPTypes
import Hummingbird
import JSON

/// A CCE API answer before it becomes a Hummingbird response: status, body and extra headers.
struct CCEReply: Sendable {
    var status: Int
    var body: Data
    var contentType = "application/json"
    var headers: [(name: String, value: String)] = []

    static func json(_ status: Int, _ value: JSONValue, headers: [(name: String, value: String)] = []) -> CCEReply {
        CCEReply(status: status, body: value.jsonData(), headers: headers)
    }

    /// `{"errorCode": …, "errorMessage": …}`, as CCE writes errors.
    static func error(_ status: Int, _ code: String, _ message: String) -> CCEReply {
        json(status, ["errorCode": .string(code), "errorMessage": .string(message)])
    }

    static let notFound = error(404, "CCE.01404001", "Resource not found.")
    static let unauthorized = error(401, "CCE.01401001", "Authorization failed.")

    static func badRequest(_ message: String) -> CCEReply { error(400, "CCE.01400001", message) }

    static func list(_ items: [JSONValue], kind: String = "List") -> CCEReply {
        json(200, ["kind": .string(kind), "apiVersion": "v3", "items": .array(items)])
    }

    /// The CCE error for a status code: used for injected faults on CCE routes.
    static func injected(status: Int, message: String?) -> CCEReply {
        let code: String
        switch status {
        case 401: code = "CCE.01401001"
        case 403: code = "CCE.01403001"
        case 404: code = "CCE.01404001"
        case 409: code = "CCE.01409001"
        case 429: code = "CCE.02429001"
        case 500...: code = "CCE.01500001"
        default: code = "CCE.01400001"
        }
        let text = message ?? (status == 429 ? "The throttling threshold has been reached." : "Injected fault.")
        return error(status, code, text)
    }

    /// The Hummingbird response, with an `X-Request-Id`.
    var response: Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        if let name = HTTPField.Name("X-Request-Id") { fields[name] = UUID().uuidString.lowercased() }
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Go's `time.String()` layout, as CCE writes cluster and job timestamps.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSSSSS '+0000 UTC'"
        return formatter.string(from: date)
    }
}
