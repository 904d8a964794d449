import HTTP
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(
        maxAttempts: 6, initialDelay: .milliseconds(100), maxDelay: .milliseconds(700), maxElapsed: .seconds(5),
        jitter: 0.5)

    @Test func backoffDoublesUpToTheCap() {
        let schedule = (1...5).map { policy.backoff(afterAttempt: $0, random: 0) }
        #expect(
            schedule == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(700), .milliseconds(700),
            ])
    }

    @Test func jitterTakesAwayUpToItsShare() {
        #expect(policy.backoff(afterAttempt: 3, random: 0.999_999) > .milliseconds(200))
        #expect(policy.backoff(afterAttempt: 3, random: 0.5) == .milliseconds(300))
        let spread = Set((0..<50).map { _ in policy.backoff(afterAttempt: 2, random: Double.random(in: 0..<1)) })
        #expect(spread.allSatisfy { $0 > .milliseconds(100) && $0 <= .milliseconds(200) })
        #expect(spread.count > 1)
    }

    @Test func retryAfterReplacesTheBackoff() {
        let pause = policy.delay(afterAttempt: 1, retryAfter: .seconds(2), elapsed: .zero, random: 0)
        #expect(pause == .seconds(2))
    }

    @Test func attemptsAreBounded() {
        #expect(policy.delay(afterAttempt: 5, retryAfter: nil, elapsed: .zero, random: 0) != nil)
        #expect(policy.delay(afterAttempt: 6, retryAfter: nil, elapsed: .zero, random: 0) == nil)
        #expect(RetryPolicy.none.delay(afterAttempt: 1, retryAfter: nil, elapsed: .zero, random: 0) == nil)
    }

    @Test func totalTimeIsBounded() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, elapsed: .milliseconds(4_950), random: 0) == nil)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(10), elapsed: .zero, random: 0) == nil)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, elapsed: .milliseconds(4_900), random: 0.999) != nil)
    }

    @Test(arguments: [429, 500, 502, 503, 504])
    func transientStatusesAreRetried(status: Int) {
        #expect(RetryPolicy.isRetryable(status: status))
    }

    @Test(arguments: [400, 401, 403, 404, 409, 410, 422, 501, 505])
    func clientErrorsAreNotRetried(status: Int) {
        #expect(!RetryPolicy.isRetryable(status: status))
    }
}
