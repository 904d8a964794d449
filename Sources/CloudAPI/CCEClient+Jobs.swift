extension CCEClient {
    /// `GET …/jobs/{id}`.
    public func job(id: String) async throws -> CCEJob {
        try await executor.decode(CCEJob.self, CCECall(method: .get, path: projectPath("jobs", id)))
    }

    /// Polls the job until `Success`; fails on `Failed` (quoting the first failed sub-job's reason) or after
    /// the polling timeout.
    public func waitForJob(id: String, polling: PollingOptions? = nil) async throws -> CCEJob {
        try await poll("job \(id)", polling: polling) {
            let job = try await self.job(id: id)
            let phase = job.status?.phase ?? "unknown"
            switch phase {
            case .success: return .done(job)
            case .failed: return .failed(state: phase.rawValue, message: Self.failureReason(of: job))
            default: return .pending(state: phase.rawValue)
            }
        }
    }

    private static func failureReason(of job: CCEJob) -> String? {
        let failedSubJob = (job.spec?.subJobs ?? []).first { $0.status?.phase == .failed }
        let reasons = [
            job.status?.reason,
            failedSubJob.flatMap { sub in
                sub.status?.reason.map { "\(sub.spec?.type ?? "sub-job"): \($0)" }
            },
        ].compactMap { $0 }.filter { !$0.isEmpty }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}
