import Foundation
import HTTP
import TestSupport
import Testing

@testable import CloudAPI

/// `CCEClient.Endpoints.resolve`: the environment's endpoints win over the region's, and are checked; the
/// environment's CA file replaces the system's trust for both.
@Suite struct EndpointsResolutionTests {
    typealias Endpoints = CCEClient.Endpoints

    @Test func withoutVariablesTheRegionsEndpointsAreUsed() throws {
        let endpoints = try Endpoints.resolve(region: "ap-southeast-1", environment: [:])
        #expect(endpoints == (try Endpoints.region("ap-southeast-1")))
        #expect(endpoints.cce.absoluteString == "https://cce.ap-southeast-1.myhuaweicloud.com")
    }

    @Test func theCCEEndpointAloneServesIAMToo() throws {
        let endpoints = try Endpoints.resolve(
            region: "ap-southeast-1", environment: ["TENANTCTL_CCE_ENDPOINT": "https://127.0.0.1:8443"])
        #expect(endpoints.cce.absoluteString == "https://127.0.0.1:8443")
        #expect(endpoints.iam.absoluteString == "https://127.0.0.1:8443")
        #expect(endpoints.trust == ServerTrust())
    }

    @Test func theIAMEndpointAloneKeepsTheRegionsCCE() throws {
        let endpoints = try Endpoints.resolve(
            region: "eu-west-101", environment: ["TENANTCTL_IAM_ENDPOINT": "https://iam.example.test"])
        #expect(endpoints.cce.absoluteString == "https://cce.eu-west-101.myhuaweicloud.eu")
        #expect(endpoints.iam.absoluteString == "https://iam.example.test")
    }

    @Test func regionsTakeTheirDomainFromTheSDKsTable() throws {
        let europe = try Endpoints.region("eu-west-101")
        #expect(europe.cce.absoluteString == "https://cce.eu-west-101.myhuaweicloud.eu")
        #expect(europe.iam.absoluteString == "https://iam.eu-west-101.myhuaweicloud.eu")
        let beijing = try Endpoints.region("cn-north-4")
        #expect(beijing.cce.absoluteString == "https://cce.cn-north-4.myhuaweicloud.com")
        #expect(beijing.iam.absoluteString == "https://iam.cn-north-4.myhuaweicloud.com")
        #expect(Endpoints.regionDomains.count == 24)
        #expect(throws: CCEInputError.self) { try Endpoints.region("evil.com/x") }
        let unknown = #expect(throws: CCEInputError.self) { try Endpoints.region("eu-west-0") }
        #expect(unknown?.message.contains("not a region CCE serves") == true)
        #expect(unknown?.message.contains("set TENANTCTL_CCE_ENDPOINT") == true)
        // The environment still reaches any endpoint, whatever the region.
        let proxied = try Endpoints.resolve(
            region: "eu-west-0", environment: ["TENANTCTL_CCE_ENDPOINT": "https://cce.test"])
        #expect(proxied.cce.absoluteString == "https://cce.test")
    }

    @Test func bothEndpointsAreTakenAsGivenWhateverTheRegion() throws {
        let endpoints = try Endpoints.resolve(
            region: "",
            environment: [
                "TENANTCTL_CCE_ENDPOINT": "https://cce.proxy.test/gateway",
                "TENANTCTL_IAM_ENDPOINT": "http://[::1]:9000",
            ])
        #expect(endpoints.cce.absoluteString == "https://cce.proxy.test/gateway")
        #expect(endpoints.iam.absoluteString == "http://[::1]:9000")
    }

    @Test func anEmptyVariableCountsAsUnset() throws {
        let endpoints = try Endpoints.resolve(region: "ap-southeast-1", environment: ["TENANTCTL_CCE_ENDPOINT": ""])
        #expect(endpoints == (try Endpoints.region("ap-southeast-1")))
    }

    @Test(arguments: [
        ("TENANTCTL_CCE_ENDPOINT", "ftp://127.0.0.1:21", "not an http or https URL"),
        ("TENANTCTL_CCE_ENDPOINT", "127.0.0.1:8443", "not an http or https URL"),
        ("TENANTCTL_CCE_ENDPOINT", "http://", "names no host"),
        ("TENANTCTL_IAM_ENDPOINT", "https://iam.test?x=1", "without credentials, query or fragment"),
        ("TENANTCTL_CCE_ENDPOINT", "https://user:pw@cce.test", "without credentials, query or fragment"),
    ])
    func anInvalidEndpointIsRefusedNamingTheVariable(variable: String, value: String, problem: String) throws {
        let error = #expect(throws: CCEInputError.self) {
            try Endpoints.resolve(region: "ap-southeast-1", environment: [variable: value])
        }
        #expect(error?.message.contains(variable) == true)
        #expect(error?.message.contains(problem) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("pw") != true)
    }

    @Test func anInvalidRegionIsStillRefusedWhenOnlyIAMIsSet() {
        #expect(throws: CCEInputError.self) {
            try Endpoints.resolve(region: "not a region", environment: ["TENANTCTL_IAM_ENDPOINT": "https://iam.test"])
        }
    }

    @Test func thePollIntervalComesFromTheEnvironment() throws {
        #expect(try PollingOptions.resolve(environment: [:]) == PollingOptions())
        let fast = try PollingOptions.resolve(environment: ["TENANTCTL_CCE_POLL_INTERVAL": "0.2"])
        #expect(fast.initialInterval == .milliseconds(200) && fast.maxInterval == .seconds(20))
        #expect(
            try PollingOptions.resolve(environment: ["TENANTCTL_CCE_POLL_INTERVAL": "45"]).maxInterval == .seconds(45))
        for bad in ["0", "-1", "fast", "61"] {
            let error = #expect(throws: CCEInputError.self) {
                try PollingOptions.resolve(environment: ["TENANTCTL_CCE_POLL_INTERVAL": bad])
            }
            #expect(error?.message.contains("TENANTCTL_CCE_POLL_INTERVAL=\"\(bad)\"") == true)
        }
    }

    @Test func theCAFileReplacesTheSystemsTrustForBothEndpoints() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bundle = try directory.write("ca.crt", "-----BEGIN CERTIFICATE-----\n")
        for endpoint in ["TENANTCTL_CCE_ENDPOINT", "TENANTCTL_IAM_ENDPOINT"] {
            let endpoints = try Endpoints.resolve(
                region: "ap-southeast-1",
                environment: [endpoint: "https://127.0.0.1:8443", "TENANTCTL_CCE_CA_FILE": bundle])
            #expect(endpoints.trust == ServerTrust(certificateAuthority: .file(bundle)))
        }
        let regional = try Endpoints.resolve(
            region: "ap-southeast-1", environment: ["TENANTCTL_CCE_CA_FILE": bundle])
        #expect(regional.trust == ServerTrust(certificateAuthority: .file(bundle)))
        #expect(regional.cce == (try Endpoints.region("ap-southeast-1")).cce)
        let empty = try Endpoints.resolve(region: "ap-southeast-1", environment: ["TENANTCTL_CCE_CA_FILE": ""])
        #expect(empty.trust == ServerTrust())
    }

    @Test func aMissingCAFileIsRefusedNamingTheVariable() {
        let error = #expect(throws: CCEInputError.self) {
            try Endpoints.resolve(
                region: "ap-southeast-1", environment: ["TENANTCTL_CCE_CA_FILE": "/nonexistent/sandbox/ca.crt"])
        }
        #expect(error?.message.contains("TENANTCTL_CCE_CA_FILE") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("/nonexistent/sandbox/ca.crt") == true)
    }
}
