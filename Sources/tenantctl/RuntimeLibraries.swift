import CCurl
import CYAML

/// The versions of the C libraries this process runs with, asked of the libraries themselves (not the headers
/// it was built against): the system may have updated them since.
enum RuntimeLibraries {
    /// libcurl's version and its TLS backend (`OpenSSL/3.0.15`), if it has one.
    static var curl: (version: String, ssl: String?) {
        // CURLVERSION_NOW is a macro Swift does not import; the first layout has every field read here.
        guard let info = curl_version_info(CURLVERSION_FIRST) else { return ("unknown", nil) }
        return (
            info.pointee.version.map { String(cString: $0) } ?? "unknown",
            info.pointee.ssl_version.map { String(cString: $0) }
        )
    }

    /// libyaml's version (`0.2.5`).
    static var yaml: String { String(cString: yaml_get_version_string()) }
}
