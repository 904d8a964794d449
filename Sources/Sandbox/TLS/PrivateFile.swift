import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files only their owner may read (keys, tokens, kubeconfigs, the objects with their Secrets, the CCE state): written whole to a temporary file created with
/// mode 0600 in the same directory, then renamed over the target, so no reader ever sees a partial file or one
/// with looser permissions.
public enum PrivateFile {
    /// Why a private file could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "could not write \(path): \(reason)" }
    }

    /// Replaces `file` with `data`, creating its directory (0700) when missing.
    public static func write(_ data: Data, to file: URL) throws {
        let directory = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure(file, "open: \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw failure(file, "\(error)")
        }
        guard rename(temporary.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw failure(file, "rename: \(reason)")
        }
    }

    private static func failure(_ file: URL, _ reason: String) -> WriteError {
        WriteError(path: file.path, reason: reason)
    }
}
