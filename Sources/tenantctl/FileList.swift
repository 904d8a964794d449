import Foundation

/// Files in the order they were named, each once: two names of one file (`a/./b.yaml`, a symlink, a hard link)
/// are one file. Each name is looked up once, with one system call.
struct FileList {
    /// What identifies a file: its device and inode, or its path when it cannot be read.
    enum Identity: Hashable {
        case file(device: UInt64, inode: UInt64)
        case path(String)

        init(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else {
                self = .path(path)
                return
            }
            self = .file(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
    }

    private(set) var paths: [String] = []
    private var identities: [Identity] = []
    private var seen: Set<Identity> = []

    var isEmpty: Bool { paths.isEmpty }

    /// Adds `path`, unless it names a file already in the list.
    mutating func insert(_ path: String) { insert(path, Identity(path)) }

    /// Adds the files of `other` that are not in the list yet, after the list's own.
    mutating func append(contentsOf other: FileList) {
        for (path, identity) in zip(other.paths, other.identities) { insert(path, identity) }
    }

    func contains(_ path: String) -> Bool { seen.contains(Identity(path)) }

    private mutating func insert(_ path: String, _ identity: Identity) {
        guard seen.insert(identity).inserted else { return }
        paths.append(path)
        identities.append(identity)
    }
}
