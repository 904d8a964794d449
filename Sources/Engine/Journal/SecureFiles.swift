import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file operations the local store needs for durability and privacy: directories 0700, files
/// 0600 (tightened when found looser), whole writes, and `fsync` of files and directories.
enum SecureFiles {
    static func fail(_ operation: String, _ path: String) -> JournalError {
        .system(operation: operation, path: path, errno: errno)
    }

    /// Creates `path` (and missing parents) with mode 0700, durably, or tightens an existing one to owner-only.
    static func ensureDirectory(_ path: String) throws {
        var info = stat()
        if stat(path, &info) != 0 {
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, parent != path, stat(parent, &info) != 0 { try ensureDirectory(parent) }
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw fail("mkdir", path) }
            try syncDirectory(parent.isEmpty ? "." : parent)
            guard stat(path, &info) == 0 else { throw fail("stat", path) }
        }
        try tighten(mode: info.st_mode, to: 0o700, path: path) { chmod(path, $0) }
    }

    /// Removes group and other permissions from a file or directory that has any.
    static func tighten(mode: mode_t, to owner: mode_t, path: String, change: (mode_t) -> Int32) throws {
        guard mode & 0o077 != 0 else { return }
        guard change(mode & owner) == 0 else { throw fail("chmod", path) }
    }

    /// Opens `path` with `flags` (creating it 0600 when asked) and tightens an existing file's mode.
    static func openFile(_ path: String, _ flags: Int32) throws -> Int32 {
        let descriptor = open(path, flags | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw fail("open", path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            defer { close(descriptor) }
            throw fail("stat", path)
        }
        do {
            try tighten(mode: info.st_mode, to: 0o600, path: path) { fchmod(descriptor, $0) }
        } catch {
            close(descriptor)
            throw error
        }
        return descriptor
    }

    /// Writes every byte, retrying short writes and interruptions.
    static func writeAll(_ descriptor: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw fail("write", path)
                }
                offset += written
            }
        }
    }

    static func sync(_ descriptor: Int32, path: String) throws {
        guard fsync(descriptor) == 0 else { throw fail("fsync", path) }
    }

    /// Makes a directory's entries durable: a created, renamed or removed file survives a crash.
    static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fail("open", path) }
        defer { close(descriptor) }
        try sync(descriptor, path: path)
    }
}
