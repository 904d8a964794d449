import Foundation
import KubeAPI
import TestSupport
import Testing

@testable import CloudAPI

@Suite struct CredentialsTests {
    @Test func environmentAccessKeysWinAndTheInventoryProjectIsUsed() throws {
        let loader = CCECredentialsLoader(
            environment: [
                "TENANTCTL_CCE_AK": "AK-T", "TENANTCTL_CCE_SK": "SK-T", "HUAWEICLOUD_SDK_AK": "AK-H",
                "HUAWEICLOUD_SDK_SK": "SK-H", "TENANTCTL_CCE_PROJECT_ID": "env-project",
            ], homeDirectory: nil)
        let credentials = try loader.load(projectID: "inventory-project")
        #expect(credentials.projectID == "inventory-project")
        guard case .accessKey(let key) = credentials.method else { Issue.record("expected an access key"); return }
        #expect(key.accessKey.revealed == "AK-T")
        #expect(key.secretKey.revealed == "SK-T")
        #expect(try loader.load().projectID == "env-project")
        #expect(!"\(credentials)".contains("SK-T"))
        #expect(!String(reflecting: credentials).contains("SK-T"))
    }

    @Test func theSDKsVariablesAndPasswordLoginsAreRead() throws {
        let sdk = CCECredentialsLoader(
            environment: [
                "HUAWEICLOUD_SDK_AK": "AK-H", "HUAWEICLOUD_SDK_SK": "SK-H", "HUAWEICLOUD_SDK_PROJECT_ID": "p",
            ],
            homeDirectory: nil)
        #expect(try sdk.load().projectID == "p")
        let password = CCECredentialsLoader(
            environment: [
                "TENANTCTL_IAM_USER": "ops", "TENANTCTL_IAM_PASSWORD": "pw-secret", "TENANTCTL_IAM_DOMAIN": "acme",
            ],
            homeDirectory: nil)
        let credentials = try password.load(projectID: "p")
        #expect(credentials.description == "IAM user ops of account acme for project p")
        let missingProject = #expect(throws: CCECredentialsError.self) { try password.load() }
        #expect(missingProject?.description.contains("no project ID") == true)
    }

    @Test func aPrivateCredentialsFileIsRead() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "credentials",
            "# Huawei SDK profile\n[other]\nak = nope\n[basic]\nak = AK-F\nsk = SK-F-secret\nproject_id = file-project\n"
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let loader = CCECredentialsLoader(environment: ["TENANTCTL_CCE_CREDENTIALS_FILE": path], homeDirectory: nil)
        let credentials = try loader.load()
        #expect(credentials.projectID == "file-project")
        guard case .accessKey(let key) = credentials.method else { Issue.record("expected an access key"); return }
        #expect(key.accessKey.revealed == "AK-F")
        #expect(key.secretKey.revealed == "SK-F-secret")
    }

    @Test func aCredentialsFileOthersCanReadIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("credentials", "[basic]\nak = AK-F\nsk = SK-F-secret\nproject_id = p\n")
        for mode in [0o644, 0o640, 0o604, 0o660] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            let loader = CCECredentialsLoader(
                environment: ["HUAWEICLOUD_SDK_CREDENTIALS_FILE": path], homeDirectory: nil)
            let error = #expect(throws: CCECredentialsError.self) { try loader.load() }
            #expect(error?.description.contains("has permissions 0\(String(mode, radix: 8))") == true)
            #expect(error?.description.contains("chmod 600 \(path)") == true)
            #expect(error?.description.contains("SK-F-secret") == false)
        }
    }

    @Test func theDefaultFileIsFoundInTheHomeDirectory() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let path = try home.write(
            ".huaweicloud/credentials", "[basic]\niam_user = ops\niam_password = pw\niam_domain = acme\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        let credentials = try CCECredentialsLoader(environment: [:], homeDirectory: home.path).load(projectID: "p")
        #expect(credentials.description == "IAM user ops of account acme for project p")
    }

    @Test func noCredentialsAnywhereSaysWhereToPutThem() throws {
        let error = #expect(throws: CCECredentialsError.self) {
            try CCECredentialsLoader(environment: [:], homeDirectory: "/nonexistent").load()
        }
        #expect(error?.description.contains("TENANTCTL_CCE_AK") == true)
    }

    @Test func anIncompleteFileIsNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("credentials", "[basic]\nak = AK-only\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let error = #expect(throws: CCECredentialsError.self) { try CCECredentialsLoader.readFile(path) }
        #expect(error?.description.contains("neither ak and sk") == true)
    }
}
