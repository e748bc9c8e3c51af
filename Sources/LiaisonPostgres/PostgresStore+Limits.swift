import Foundation
import LiaisonCore
import LiaisonStore

/// Rate counters, known devices and the session list. Each key's counter row is made if missing and then
/// locked (`FOR UPDATE`) for the transaction, so app servers sharing the database take attempts one at a
/// time per key; keys are locked in one order so that two requests never wait on each other.
extension PostgresStore {
    public func takeAttempts(_ attempts: [RateAttempt], at now: Date) async throws -> RateDecision {
        try await write { db in
            let counters = try await Self.lockRateCounters(db, keys: attempts.map(\.key), at: now)
            let (decision, updates) = RateLimits.take(attempts, counters: counters, at: now)
            try await Self.store(updates, db)
            return decision
        }
    }

    public func settleAttempts(reset: [String], refund: [RateAttempt]) async throws {
        try await write { db in
            for key in RateLimits.lockOrder(reset) {
                try await db.execute("DELETE FROM rate_counter WHERE key = ?", key)
            }
            let counters = try await Self.lockRateCounters(db, keys: refund.map(\.key), at: nil)
            try await Self.store(RateLimits.refund(refund, counters: counters), db)
        }
    }

    public func knownDevice(tokenHash: String) async throws -> Int64? {
        try await read { db in
            try await db.value(Int64.self, "SELECT account_id FROM known_device WHERE token_hash = ?", tokenHash)
        }
    }

    public func rememberDevice(tokenHash: String, accountId: Int64, at: Date) async throws {
        try await read { db in
            try await db.execute(
                """
                INSERT INTO known_device (token_hash, account_id, created_at, last_used_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (token_hash) DO UPDATE SET account_id = excluded.account_id, last_used_at = excluded.last_used_at
                """, tokenHash, accountId, at, at)
        }
    }

    /// The counters of `keys`, each row held until the transaction ends. With `at`, a missing row is made
    /// first (an empty counter) so that there is a row to hold even for a key's very first attempt.
    private static func lockRateCounters(_ db: Connection, keys: [String], at now: Date?) async throws
        -> [String: RateCounter]
    {
        var counters: [String: RateCounter] = [:]
        for key in RateLimits.lockOrder(keys) {
            if let now {
                try await db.execute(
                    "INSERT INTO rate_counter (key, count, since) VALUES (?, 0, ?) ON CONFLICT (key) DO NOTHING", key,
                    now)
            }
            guard let row = try await db.row("SELECT * FROM rate_counter WHERE key = ? FOR UPDATE", key) else {
                continue
            }
            let count: Int = try row["count"]
            // A row made just now to be held is no counter yet.
            if count == 0, try row["blocked_until"] as Date? == nil { continue }
            counters[key] = RateCounter(count: count, since: try row["since"], blockedUntil: try row["blocked_until"])
        }
        return counters
    }

    private static func store(_ updates: [String: RateCounter], _ db: Connection) async throws {
        for (key, counter) in updates {
            try await db.execute(
                "UPDATE rate_counter SET count = ?, since = ?, blocked_until = ? WHERE key = ?", counter.count,
                counter.since, counter.blockedUntil, key)
        }
    }
}
