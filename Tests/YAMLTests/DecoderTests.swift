import JSON
import Testing

@testable import YAML

/// A cut-down tenant spec in the shape of design.md.
struct TenantFile: Decodable, Equatable {
    struct Metadata: Decodable, Equatable { var name: String; var labels: [String: String]? }
    struct Subject: Decodable, Equatable { var group: String?; var user: String? }
    struct Quota: Decodable, Equatable { var cpu: String; var memory: String; var pods: Int? }
    struct Budget: Decodable, Equatable { var monthly: Double; var currency: String }
    enum Trust: String, Decodable, CaseIterable { case `internal`, partner, external, untrusted }
    struct Spec: Decodable, Equatable {
        var trust: Trust
        var owners: [Subject]
        var namespaces: [String]
        var quota: Quota
        var apiAccess: Bool
        var budget: Budget?
        var nodes: UInt8?
        var extra: JSONValue?
    }
    var apiVersion: String
    var kind: String
    var metadata: Metadata
    var spec: Spec
}

@Suite struct DecoderTests {
    static let acme = """
        apiVersion: tenantctl.io/v1
        kind: Tenant
        metadata:
          name: acme
          labels: {team: payments, app.kubernetes.io/part-of: shop}
        spec:
          trust: partner
          owners: [{group: acme-admins}, {user: bob}]
          namespaces: [acme-web, acme-data]
          quota: {cpu: "16", memory: 64Gi, pods: 200}
          apiAccess: false
          budget: {monthly: 5000, currency: USD}
          extra: {a: [1, 2.5, null, "x"], b: true}
        """

    private func decodeError<T: Decodable>(
        _ type: T.Type, _ text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> YAMLDecodingError? {
        do {
            let value = try YAMLDecoder().decode(type, from: text, file: "acme.yaml")
            Issue.record("expected an error, decoded \(value)", sourceLocation: sourceLocation)
        } catch let error as YAMLDecodingError {
            return error
        } catch {
            Issue.record(
                "expected a YAMLDecodingError, got \(Swift.type(of: error)): \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// The acme spec with one line replaced.
    private func acme(replacing old: String, with new: String) -> String {
        #expect(Self.acme.contains(old))
        return Self.acme.replacingOccurrences(of: old, with: new)
    }

    @Test func decodesARealisticSpec() throws {
        let tenant = try YAMLDecoder().decode(TenantFile.self, from: Self.acme, file: "acme.yaml")
        #expect(tenant.metadata.name == "acme")
        #expect(tenant.metadata.labels == ["team": "payments", "app.kubernetes.io/part-of": "shop"])
        #expect(tenant.spec.trust == .partner)
        #expect(tenant.spec.owners == [.init(group: "acme-admins", user: nil), .init(group: nil, user: "bob")])
        #expect(tenant.spec.quota == .init(cpu: "16", memory: "64Gi", pods: 200))
        #expect(tenant.spec.apiAccess == false)
        #expect(tenant.spec.budget == .init(monthly: 5000, currency: "USD"))
        #expect(tenant.spec.nodes == nil)
        #expect(tenant.spec.extra == ["a": [1, 2.5, nil, "x"], "b": true])
    }

    @Test func missingKeyIsReportedAtTheMapping() {
        let error = decodeError(TenantFile.self, acme(replacing: ", memory: 64Gi", with: ""))
        #expect(error?.description == "acme.yaml:10:10: error: spec.quota.memory: missing required key \"memory\"")
    }

    @Test func typeMismatchIsReportedAtTheValue() {
        let error = decodeError(TenantFile.self, acme(replacing: "pods: 200", with: "pods: abc"))
        #expect(
            error?.description == "acme.yaml:10:42: error: spec.quota.pods: expected an integer, found string \"abc\"")
        let unquoted = decodeError(TenantFile.self, acme(replacing: "cpu: \"16\"", with: "cpu: 16"))
        #expect(unquoted?.description == "acme.yaml:10:16: error: spec.quota.cpu: expected a string, found integer 16")
    }

    @Test func pathsIncludeSequenceIndices() {
        let error = decodeError(TenantFile.self, acme(replacing: "{user: bob}", with: "{user: [bob]}"))
        #expect(error?.path == "spec.owners[1].user")
        #expect(error?.mark == Mark(line: 8, column: 41))
        #expect(error?.message == "expected a string, found a sequence")
        let notAList = decodeError(TenantFile.self, acme(replacing: "[acme-web, acme-data]", with: "acme-web"))
        #expect(
            notAList?.description
                == "acme.yaml:9:15: error: spec.namespaces: expected a sequence, found string \"acme-web\"")
    }

    @Test func enumValuesListTheAllowedCases() {
        let error = decodeError(TenantFile.self, acme(replacing: "trust: partner", with: "trust: friend"))
        #expect(
            error?.description
                == "acme.yaml:7:10: error: spec.trust: expected one of internal, partner, external, untrusted, found string \"friend\""
        )
    }

    @Test func integersAreRangeChecked() {
        let error = decodeError(
            TenantFile.self, acme(replacing: "apiAccess: false", with: "apiAccess: false\n  nodes: 300"))
        #expect(
            error?.description
                == "acme.yaml:12:10: error: spec.nodes: expected an integer between 0 and 255, found integer 300")
        let fraction = decodeError(TenantFile.self, acme(replacing: "pods: 200", with: "pods: 2.5"))
        #expect(fraction?.message == "expected an integer, found float 2.5")
    }

    @Test func booleansAreNotStrings() {
        let error = decodeError(TenantFile.self, acme(replacing: "apiAccess: false", with: "apiAccess: \"no\""))
        #expect(error?.description == "acme.yaml:11:14: error: spec.apiAccess: expected a boolean, found string \"no\"")
    }

    @Test func nullIsNotAStringButIsNilForOptionals() {
        let error = decodeError(TenantFile.self, acme(replacing: "kind: Tenant", with: "kind:"))
        #expect(error?.description == "acme.yaml:2:6: error: kind: expected a string, found null")
        let tenant = try? YAMLDecoder().decode(
            TenantFile.self, from: acme(replacing: "budget: {monthly: 5000, currency: USD}", with: "budget: ~"),
            file: "a")
        #expect(tenant != nil && tenant?.spec.budget == nil)
    }

    @Test func keysThatAreNotWordsAreQuotedInPaths() {
        let error = decodeError(
            TenantFile.self, acme(replacing: "app.kubernetes.io/part-of: shop", with: "app.kubernetes.io/part-of: 3"))
        #expect(error?.path == "metadata.labels[\"app.kubernetes.io/part-of\"]")
        #expect(error?.mark == Mark(line: 5, column: 55))
    }

    @Test func rootErrorsHaveNoPath() {
        let error = decodeError(TenantFile.self, "just a string")
        #expect(error?.description == "acme.yaml:1:1: error: expected a mapping, found string \"just a string\"")
    }

    @Test func textMustHoldExactlyOneDocument() {
        let two = decodeError(TenantFile.self, Self.acme + "\n---\nkind: Other\n")
        #expect(two?.description == "acme.yaml:15:1: error: expected exactly one YAML document, found 2")
        #expect(decodeError(TenantFile.self, "# nothing\n")?.message == "expected exactly one YAML document, found 0")
    }

    @Test func syntaxErrorsComeOutAsDecodingErrors() {
        let error = decodeError(TenantFile.self, "kind: \"open\n")
        #expect(
            error?.description
                == "acme.yaml:1:7: error: this quoted string is never closed: the input ends before its closing quote")
    }

    @Test func decodesFromANodeToo() throws {
        let node = try #require(try YAMLParser.parse("[1, 2, 3]", file: "n").first)
        #expect(try YAMLDecoder().decode([Int].self, from: node, file: "n") == [1, 2, 3])
        #expect(try YAMLDecoder().decode([Double].self, from: node, file: "n") == [1, 2, 3])
        #expect(try YAMLDecoder().decode(JSONValue.self, from: node, file: "n") == [1, 2, 3])
    }
}
