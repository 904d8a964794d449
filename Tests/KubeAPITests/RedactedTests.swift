import HTTP
import KubeAPI
import Testing

@Suite struct RedactedTests {
    let secret = Redacted("s3cr3t-token")

    @Test func formattingNeverShowsTheValue() {
        #expect(secret.description == "<redacted>")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
        #expect(Mirror(reflecting: secret).children.isEmpty)
    }

    @Test func containersOfSecretsDoNotShowThem() {
        let authentication = Authentication(token: secret, tokenFile: "/var/run/token")
        let printed = "\(authentication) \(String(reflecting: authentication)) \([secret]) \(Optional(secret) as Any)"
        var dumped = ""
        dump(authentication, to: &dumped)
        #expect(!printed.contains("s3cr3t"))
        #expect(!dumped.contains("s3cr3t"))
        #expect(printed.contains("/var/run/token"))
    }

    @Test func keyDataDoesNotPrint() {
        let key = PEMSource.data(Redacted(Array("-----BEGIN PRIVATE KEY-----".utf8)))
        let client = ClientCertificate(certificate: .file("/tmp/c.crt"), key: key)
        #expect(key.description == "inline data")
        #expect(!"\(client)".contains("BEGIN"))
    }

    @Test func theValueIsAvailableWhereItIsUsed() {
        #expect(secret.revealed == "s3cr3t-token")
        #expect(secret == Redacted("s3cr3t-token"))
    }
}
