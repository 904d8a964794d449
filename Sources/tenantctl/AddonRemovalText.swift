import Engine

/// One cluster's `addon remove` report as text: the add-on's line, then a line per object it left behind.
struct AddonRemovalText {
    let report: AddonRemoval.Report
    let removal: AddonRemoval

    init(_ report: AddonRemoval.Report, _ removal: AddonRemoval) {
        self.report = report
        self.removal = removal
    }

    var text: String {
        let (cluster, name) = (report.cluster, removal.template)
        var lines: [String]
        switch report.outcome {
        case .notCCE:
            return "\(cluster): not a CCE cluster; skipped\n"
        case .notInstalled:
            lines = ["\(cluster): \(name) not installed on \(cluster)"]
        case .removed(let version):
            lines = [
                "\(cluster): \(removal.dryRun ? "would remove" : "removed") \(name)\(version.map { " \($0)" } ?? "")"
            ]
        }
        lines += report.leftovers.map(line)
        if removal.dryRun, report.outcome == .notInstalled, report.leftovers.isEmpty {
            lines[0] += "; nothing to remove"
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func line(_ leftover: AddonCleanup.Leftover) -> String {
        let selector = report.labels(of: leftover).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: ",")
        guard leftover.isLabelled else {
            return
                "  ! kept \(leftover.displayName): not labelled \(selector), so not the add-on's; delete it yourself if it should go"
        }
        return "  - \(removal.dryRun ? "would delete" : "deleted") \(leftover.displayName) (labelled \(selector))"
    }
}
