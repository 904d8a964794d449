import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file operations the local store needs for durability and privacy: directories it creates are
/// 0700 and an existing one must be safe as it is (never changed), files 0600 (tightened when found looser),
/// whole writes, and `fsync` of files and directories.
enum SecureFiles {
    static func fail(_ operation: String, _ path: String) -> JournalError {
        .system(operation: operation, path: path, errno: errno)
    }

    /// Creates `path` (and missing parents) with mode 0700, durably; an existing directory is used only when it is
    /// safe as it is — a directory of this user that no one else may write to — and is never changed (a shared
    /// `/tmp` or someone else's folder is refused, naming why).
    static func ensureDirectory(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, parent != path, stat(parent, &info) != 0 { try ensureDirectory(parent) }
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw fail("mkdir", path) }
            try syncDirectory(parent.isEmpty ? "." : parent)
            return
        }
        if let problem = unsafety(of: info) { throw JournalError.unsafeDirectory(path: path, reason: problem) }
    }

    /// Whether a directory is there to read from: false when nothing is at `path`; throws when something else is.
    static func directoryExists(_ path: String) throws -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return false }
            throw fail("stat", path)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw JournalError.unsafeDirectory(path: path, reason: "it is not a directory")
        }
        return true
    }

    /// Why a directory is not safe to keep journals and locks in, or nil.
    static func unsafety(of info: stat) -> String? {
        if info.st_mode & S_IFMT != S_IFDIR { return "it is not a directory" }
        if info.st_uid != geteuid() { return "it belongs to user id \(info.st_uid), not to you (\(geteuid()))" }
        if info.st_mode & 0o022 != 0 {
            return
                "others may write to it (mode \(String(info.st_mode & 0o7777, radix: 8))); use a directory of your own with mode 0700"
        }
        return nil
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
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
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
