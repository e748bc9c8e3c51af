import Foundation
import LiaisonCore
import LiaisonStore

extension AccountStore {
    /// Takes one attempt of a costly request (a search, an export) for the signed-in account, before the
    /// work; throws a 429 problem with `Retry-After` when the account has used its share. The counter lives in
    /// the database, so every app server shares it.
    func takeCostly(_ rule: RateRule, key: (Int64) -> String, what: String, context: AppRequestContext) async throws {
        guard let account = context.identity?.account else { return }
        if case .refused(let retryAfter) = try await takeAttempts(
            [RateAttempt(key: key(account.id), rule: rule)], at: Date())
        {
            throw Problem.rateLimited(retryAfter: retryAfter, what: what)
        }
    }
}

extension Strings {
    /// How long to wait, for a person: "a minute" up to a minute, then whole minutes rounded up.
    func wait(seconds: Int) -> String {
        seconds <= 60 ? self[.durationUpToAMinute] : String(format: self[.durationMinutes], (seconds + 59) / 60)
    }
}
