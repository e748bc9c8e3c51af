import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// Rate counters, known devices, session details and the revocation that closes every way in, on both
/// engines.
@Suite struct RateLimitContractTests {
    @Test(arguments: TestEngine.available)
    func simultaneousAttemptsNeverGetPastTheLimit(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let rule = RateRule(.growingDelay(maxDelay: 900), limit: 5, window: 3600)
            let attempt = RateAttempt(key: "account:chen", rule: rule)
            let now = Date()
            let decisions = try await withThrowingTaskGroup(of: RateDecision.self) { group in
                for _ in 0..<60 {
                    group.addTask { try await store.takeAttempts([attempt], at: now) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(decisions.filter { $0 == .allowed }.count == 5)
            #expect(decisions.contains(.refused(retryAfter: 1)))
            // A second later one more, then two seconds' wait.
            let decision1 = try await store.takeAttempts([attempt], at: now.addingTimeInterval(1.5))
            #expect(decision1 == .allowed)
            let decision2 = try await store.takeAttempts([attempt], at: now.addingTimeInterval(2))
            #expect(decision2 == .refused(retryAfter: 2))
        }
    }

    @Test(arguments: TestEngine.available)
    func attemptsUnderSeveralKeysAreTakenAllOrNone(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let now = Date()
            let tight = RateRule(.window, limit: 1, window: 60)
            let loose = RateRule(.window, limit: 10, window: 60)
            let decision3 = try await store.takeAttempts([RateAttempt(key: "a", rule: tight)], at: now)
            #expect(decision3 == .allowed)
            let both = [RateAttempt(key: "b", rule: loose), RateAttempt(key: "a", rule: tight)]
            let decision4 = try await store.takeAttempts(both, at: now)
            #expect(decision4 == .refused(retryAfter: 60))
            // "b" took nothing from the refused pair: ten more fit.
            for _ in 0..<10 {
                let decision5 = try await store.takeAttempts([RateAttempt(key: "b", rule: loose)], at: now)
                #expect(decision5 == .allowed)
            }
            let decision6 = try await store.takeAttempts([RateAttempt(key: "b", rule: loose)], at: now)
            #expect(decision6 != .allowed)
            let decision7 = try await store.takeAttempts(
                [RateAttempt(key: "b", rule: loose)], at: now.addingTimeInterval(61))
            #expect(decision7 == .allowed)
        }
    }

    @Test(arguments: TestEngine.available)
    func settlingResetsOneKeyAndRefundsAnother(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let now = Date()
            let rule = RateRule(.growingDelay(maxDelay: 900), limit: 2, window: 3600)
            let account = RateAttempt(key: "account:x", rule: rule)
            let address = RateAttempt(key: "address:y", rule: rule)
            let decision8 = try await store.takeAttempts([account, address], at: now)
            #expect(decision8 == .allowed)
            let decision9 = try await store.takeAttempts([account, address], at: now)
            #expect(decision9 == .allowed)
            let decision10 = try await store.takeAttempts([account], at: now)
            #expect(decision10 != .allowed)
            try await store.settleAttempts(reset: ["account:x"], refund: [address])
            let decision11 = try await store.takeAttempts([account], at: now)
            #expect(decision11 == .allowed)
            // The address had two taken and one given back: one more fits before its block.
            let decision12 = try await store.takeAttempts([address], at: now)
            #expect(decision12 == .allowed)
            let decision13 = try await store.takeAttempts([address], at: now)
            #expect(decision13 != .allowed)
        }
    }

    @Test(arguments: TestEngine.available)
    func devicesAndSessionsAreRememberedWithWhereTheyCameFrom(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let account = try await store.createAccount(
                StaffAccountInput(email: "agnes@example.org", name: "Agnès", role: .editor), passwordHash: "h",
                by: .system)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            #expect(try await store.knownDevice(tokenHash: "d1") == nil)
            try await store.rememberDevice(tokenHash: "d1", accountId: account.id, at: now)
            try await store.rememberDevice(tokenHash: "d1", accountId: account.id, at: now.addingTimeInterval(60))
            #expect(try await store.knownDevice(tokenHash: "d1") == account.id)

            for (hash, seen) in [("s1", 0.0), ("s2", 120.0)] {
                try await store.createSession(
                    StaffSession(
                        tokenHash: hash, accountId: account.id, csrfToken: "c", createdAt: now,
                        lastSeenAt: now.addingTimeInterval(seen), expiresAt: now.addingTimeInterval(3600),
                        address: "203.0.113.9", device: "Mozilla/5.0 (iPhone)\r\nX-Evil: 1"))
            }
            let sessions = try await store.sessions(accountId: account.id)
            #expect(sessions.map(\.tokenHash) == ["s2", "s1"])
            #expect(sessions[0].address == "203.0.113.9")
            #expect(sessions[0].device == "Mozilla/5.0 (iPhone)\\r\\nX-Evil: 1")
        }
    }

    @Test(arguments: TestEngine.available)
    func disablingRevokesTokensAndFeedsForGoodAndAPasswordChangeMayKeepThem(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let account = try await store.createAccount(
                StaffAccountInput(email: "v@example.org", name: "V", role: .viewer), passwordHash: "h", by: .system)
            func newToken(_ hash: String) async throws {
                _ = try await store.createAPIToken(
                    NewAPIToken(accountId: account.id, name: "t", tokenHash: hash, canWrite: false), by: .system)
            }
            try await newToken("t1")
            _ = try await store.createCalendarFeed(accountId: account.id, scope: .mine, tokenHash: "f1", by: .system)

            _ = try await store.updateAccount(
                id: account.id, .passwordHash("h2", revokingTokensAndFeeds: false), by: .system)
            #expect(try await store.apiToken(tokenHash: "t1") != nil)
            #expect(try await store.calendarFeed(tokenHash: "f1") != nil)

            _ = try await store.updateAccount(id: account.id, .passwordHash("h3"), by: .system)
            #expect(try await store.apiToken(tokenHash: "t1") == nil)
            #expect(try await store.calendarFeed(tokenHash: "f1") == nil)

            try await newToken("t2")
            _ = try await store.updateAccount(id: account.id, .isDisabled(true), by: .system)
            _ = try await store.updateAccount(id: account.id, .isDisabled(false), by: .system)
            #expect(try await store.apiToken(tokenHash: "t2") == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func staleCountersAndExpiredSessionsArePurged(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let long = Date(timeIntervalSince1970: 1_700_000_000)
            let rule = RateRule(.window, limit: 1, window: 60)
            let decision14 = try await store.takeAttempts([RateAttempt(key: "old", rule: rule)], at: long)
            #expect(decision14 == .allowed)
            _ = try await store.deleteExpiredSessions(now: long.addingTimeInterval(RateLimits.retention + 1))
            // Forgotten, so taken afresh even at the instant that would have been refused.
            let decision15 = try await store.takeAttempts([RateAttempt(key: "old", rule: rule)], at: long)
            #expect(decision15 == .allowed)
        }
    }
}
