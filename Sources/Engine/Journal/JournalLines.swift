import Foundation

/// The line format of a local journal: one JSON object per line, keys sorted.
enum JournalLines {
    static func encode(_ record: JournalRecord) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(record) + Data("\n".utf8)
    }

    /// Decodes a journal's bytes. A torn last line (no trailing newline, or undecodable) is dropped; an
    /// undecodable line before it fails.
    static func decode(_ data: Data, run: String) throws -> [JournalRecord] {
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // The last piece is empty (the data ended in a newline) or a torn line: either way it goes.
        _ = lines.popLast()
        let decoder = JSONDecoder()
        var records: [JournalRecord] = []
        for (index, line) in lines.enumerated() {
            do {
                records.append(try decoder.decode(JournalRecord.self, from: Data(line)))
            } catch {
                guard index == lines.count - 1 else { throw JournalError.corruptRecord(run: run, line: index + 1) }
            }
        }
        return records
    }

    /// Every record that decodes, and the numbers of the lines before the last that do not: what can be read of
    /// a damaged journal (a torn last line is not damage).
    static func salvage(_ data: Data) -> (records: [JournalRecord], damaged: [Int]) {
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        _ = lines.popLast()
        let decoder = JSONDecoder()
        var records: [JournalRecord] = []
        var damaged: [Int] = []
        for (index, line) in lines.enumerated() {
            if let record = try? decoder.decode(JournalRecord.self, from: Data(line)) {
                records.append(record)
            } else if index < lines.count - 1 {
                damaged.append(index + 1)
            }
        }
        return (records, damaged)
    }

    /// The length of `data` without a torn tail: up to and including its last newline.
    static func completeLength(_ data: Data) -> Int {
        guard let last = data.lastIndex(of: UInt8(ascii: "\n")) else { return 0 }
        return last - data.startIndex + 1
    }
}
