import CCESigning
import Foundation
import HTTP
import TestSupport
import Testing

@testable import CloudAPI

/// Computes the signature from the reference's description alone (hashlib/hmac/urllib), independently of
/// the Swift implementation. Input: a JSON object {method, path, query: [[k, v]], headers: [[k, v]], body, sk}.
private let pythonSigner = #"""
    import hashlib, hmac, json, sys, urllib.parse
    m = json.loads(sys.argv[1])
    q = lambda s: urllib.parse.quote(s, safe="-_.~")
    uri = "/".join(q(seg) for seg in m["path"].split("/"))
    uri = uri if uri.endswith("/") else uri + "/"
    query = "&".join(q(k) + "=" + q(v) for k, v in sorted((k, v) for k, v in m["query"]))
    hs = sorted((k.lower(), v.strip()) for k, v in m["headers"]
                if not k.lower().startswith("content-type") and "_" not in k)
    canonical_headers = "".join(k + ":" + v + "\n" for k, v in hs)
    signed = ";".join(sorted(set(k for k, _ in hs)))
    body = hashlib.sha256(m["body"].encode()).hexdigest()
    creq = "\n".join([m["method"], uri, query, canonical_headers, signed, body])
    date = [v for k, v in m["headers"] if k.lower() == "x-sdk-date"][0]
    sts = "SDK-HMAC-SHA256\n" + date + "\n" + hashlib.sha256(creq.encode()).hexdigest()
    sig = hmac.new(m["sk"].encode(), sts.encode(), hashlib.sha256).hexdigest()
    print("SDK-HMAC-SHA256 Access=" + m["ak"] + ", SignedHeaders=" + signed + ", Signature=" + sig)
    """#

@Suite struct SignerTests {
    /// The Huawei Go SDK's own test vectors (`core/auth/signer/signer_test.go`): `TEST_UNDERSCORE` is not
    /// signed (it contains `_`), nor is `Content-Type`; the POST body is Go's JSON encoding with its newline.
    @Test func matchesTheSDKsKnownAnswers() {
        let get = CCESigner.Message(
            method: "GET", path: "/path", query: [("limit", "1")],
            headers: [("X-Sdk-Date", "20060102T150405Z"), ("TEST_UNDERSCORE", "TEST_VALUE")])
        let post = CCESigner.Message(
            method: "POST", path: "/path", query: [("key", "value")],
            headers: [
                ("X-Sdk-Date", "20060102T150405Z"), ("TEST_UNDERSCORE", "TEST_VALUE"),
                ("Content-Type", "application/json"),
            ], body: Data("{\"Name\":\"test\",\"Id\":1}\n".utf8))
        let cases = [
            (get, "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"),
            (post, "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59"),
        ]
        for (message, expected) in cases {
            let signed = CCESigner.signedHeaderNames(message.headers)
            #expect(signed == ["x-sdk-date"])
            let signature = CCESigner.signature(for: message, signedHeaders: signed, secretKey: Redacted("SecretKey"))
            #expect(signature == expected)
            #expect(
                CCESigner.authorization(accessKey: "AccessKey", signedHeaders: signed, signature: signature)
                    == "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=\(expected)")
        }
    }

    /// A CCE-shaped request with escaping, repeated and non-ASCII query values, untrimmed headers and a
    /// body, signed by `CCESigner.sign` and by an independent Python implementation.
    @Test func matchesAnIndependentPythonComputation() throws {
        let url = try #require(
            URL(
                string:
                    "https://cce.ap-southeast-1.myhuaweicloud.com:443/api/v3/projects/p1/clusters?b=x%20y&a=2&a=1&%E5%90%8D=%2Ftmp&empty="
            ))
        var request = HTTPRequest(
            method: .post, url: url,
            headers: [("Content-Type", "application/json"), ("X-Project-Id", "  p1 "), ("X_Not_Signed", "v")],
            body: Data(#"{"kind":"Cluster","metadata":{"name":"tenant-a"}}"#.utf8))
        let date = try #require(CCESigner.parseDate("20240102T030405Z"))
        let key = AccessKey(accessKey: Redacted("AK123"), secretKey: Redacted("SK-secret/+="))
        CCESigner.sign(&request, with: key, date: date)

        let message = CCESigner.message(of: request)
        let input: [String: Any] = [
            "method": "POST", "path": message.path, "ak": "AK123", "sk": "SK-secret/+=",
            "query": message.query.map { [$0.name, $0.value] }, "headers": message.headers.map { [$0.name, $0.value] },
            "body": String(decoding: message.body, as: UTF8.self),
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: input), as: UTF8.self)
        let expected = try Tool.run("python3", ["-c", pythonSigner, json]).trimmingCharacters(
            in: .whitespacesAndNewlines)

        #expect(request.authorization?.revealed == expected)
        #expect(expected.contains("SignedHeaders=host;x-project-id;x-sdk-date,"))
        #expect(request.header("X-Sdk-Date") == "20240102T030405Z")
        #expect(request.header("Host") == "cce.ap-southeast-1.myhuaweicloud.com:443")
    }

    @Test func canonicalPiecesFollowTheReference() {
        #expect(CCESigner.canonicalURI("/api/v3/projects/p 1/clusters") == "/api/v3/projects/p%201/clusters/")
        #expect(CCESigner.canonicalURI("/") == "/")
        #expect(CCESigner.canonicalQuery([("b", "2"), ("a", "z"), ("a", "y")]) == "a=y&a=z&b=2")
        #expect(CCESigner.canonicalQuery([]) == "")
        #expect(CCESigner.escape("一 (&=?!#%.*)~_-") == "%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29~_-")
        let message = CCESigner.Message(
            method: "get", path: "/v", headers: [("Host", "h"), ("X-Sdk-Date", "20240102T030405Z")])
        #expect(
            CCESigner.canonicalRequest(message, signedHeaders: ["host", "x-sdk-date"])
                == "GET\n/v/\n\nhost:h\nx-sdk-date:20240102T030405Z\n\nhost;x-sdk-date\n\(CCESigner.emptyBodyHash)")
    }

    @Test func datesRoundTripInTheSDKLayout() throws {
        let date = Date(timeIntervalSince1970: 1_136_214_245)  // 2006-01-02T15:04:05Z
        #expect(CCESigner.formatDate(date) == "20060102T150405Z")
        #expect(CCESigner.parseDate("20060102T150405Z") == date)
        #expect(CCESigner.parseDate("2006-01-02T15:04:05Z") == nil)
        #expect(CCESigner.parseDate("20061302T150405Z") == nil)
    }

    @Test func verifyAcceptsASignedRequestAndRefusesTampering() throws {
        let url = try #require(URL(string: "https://127.0.0.1:8443/api/v3/projects/p1/clusters?detail=true"))
        var request = HTTPRequest(method: .get, url: url, headers: [("Accept", "application/json")])
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let key = AccessKey(accessKey: Redacted("AK"), secretKey: Redacted("SK"))
        CCESigner.sign(&request, with: key, date: now)
        let header = request.authorization?.revealed
        let message = CCESigner.message(of: request)

        let verdict = CCESigner.verify(message, authorization: header, secretKey: Redacted("SK"), now: now)
        #expect((try? verdict.get())?.accessKey == "AK")
        #expect(request.header("Host") == "127.0.0.1:8443")

        var tampered = message
        tampered.query = [("detail", "false")]
        #expect(
            CCESigner.verify(tampered, authorization: header, secretKey: Redacted("SK"), now: now)
                == .failure(.signatureMismatch))
        #expect(
            CCESigner.verify(message, authorization: header, secretKey: Redacted("other"), now: now)
                == .failure(.signatureMismatch))
        #expect(
            CCESigner.verify(
                message, authorization: header, secretKey: Redacted("SK"), now: now.addingTimeInterval(16 * 60))
                == .failure(.dateSkew))
        #expect(
            CCESigner.verify(message, authorization: nil, secretKey: Redacted("SK"), now: now)
                == .failure(.missingAuthorization))
        #expect(
            CCESigner.verify(message, authorization: "Bearer x", secretKey: Redacted("SK"), now: now)
                == .failure(.malformedAuthorization))
    }

    @Test func verifyAcceptsTheGoSDKsSignatureWithoutHostButNotOneWithoutTheDate() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let secret: String = "SK"
        let headers = [
            (name: "Host", value: "cce.ap-southeast-1.myhuaweicloud.com"),
            (name: "X-Sdk-Date", value: CCESigner.formatDate(now)),
            (name: "X-Project-Id", value: "p1"),
        ]
        let message = CCESigner.Message(method: "GET", path: "/api/v3/projects/p1/clusters", headers: headers)
        func header(signing names: [String]) -> String {
            let signature = CCESigner.signature(for: message, signedHeaders: names, secretKey: secret)
            return CCESigner.authorization(accessKey: "AK", signedHeaders: names, signature: signature)
        }
        let sdk = CCESigner.verify(
            message, authorization: header(signing: ["x-project-id", "x-sdk-date"]), secretKey: secret, now: now)
        #expect((try? sdk.get())?.signedHeaders == ["x-project-id", "x-sdk-date"])
        #expect(
            CCESigner.verify(
                message, authorization: header(signing: ["host", "x-project-id"]), secretKey: secret, now: now)
                == .failure(.headerNotSigned("x-sdk-date")))
    }

    @Test func authorizationHeaderParsesBackIntoItsParts() throws {
        let parsed = try #require(
            CCESigner.Authorization(header: "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=abc"))
        #expect(
            parsed
                == CCESigner.Authorization(accessKey: "AK1", signedHeaders: ["host", "x-sdk-date"], signature: "abc"))
        #expect(parsed.header == "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=abc")
    }
}
