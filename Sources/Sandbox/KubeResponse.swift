import Hummingbird
import JSON

/// JSON responses as the API server writes them.
enum KubeResponse {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.jsonData())))
    }

    static func error(_ error: KubeStatusError) -> Response {
        var response = json(error.status, status: HTTPResponse.Status(code: error.code))
        if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
        return response
    }
}
