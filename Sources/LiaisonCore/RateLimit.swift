import Foundation

/// How often something may be tried under one key (an account, a client address, a known device).
///
/// A rule is applied by *taking* an attempt before the costly or guessable work (a bcrypt check, an
/// export), never by counting failures after it: the engines read, decide and write a key's counter in
/// one transaction holding its row, so no number of simultaneous requests gets more attempts than the
/// rule allows.
public struct RateRule: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// At most `limit` attempts in a window that starts with the first one.
        case window
        /// `limit` attempts freely; after that each further attempt waits twice as long as the one before
        /// (`firstDelay`, then twice that, four times … up to `maxDelay`). One attempt is forgotten every `window / limit`, and all of
        /// them after a whole window with none.
        /// Someone guessing gets a handful of tries an hour; the owner, who gets it right, is never shut
        /// out for long.
        case growingDelay(firstDelay: TimeInterval = 1, maxDelay: TimeInterval)
    }

    public var kind: Kind
    public var limit: Int
    public var window: TimeInterval

    public init(_ kind: Kind, limit: Int, window: TimeInterval) {
        precondition(limit > 0 && window > 0)
        self.kind = kind
        self.limit = limit
        self.window = window
    }

    /// The counter after taking one attempt at `now`, and whether the attempt may go ahead.
    public func take(_ counter: RateCounter?, at now: Date) -> (decision: RateDecision, counter: RateCounter) {
        var counter = counter ?? RateCounter(count: 0, since: now, blockedUntil: nil)
        if let blockedUntil = counter.blockedUntil, now < blockedUntil {
            return (.refused(retryAfter: Self.seconds(blockedUntil.timeIntervalSince(now))), counter)
        }
        switch kind {
        case .window:
            if now.timeIntervalSince(counter.since) >= window {
                counter = RateCounter(count: 0, since: now, blockedUntil: nil)
            }
            guard counter.count < limit else {
                let end = counter.since.addingTimeInterval(window)
                return (.refused(retryAfter: Self.seconds(end.timeIntervalSince(now))), counter)
            }
            counter.count += 1
        case .growingDelay(let firstDelay, let maxDelay):
            let quiet = now.timeIntervalSince(counter.since)
            if quiet >= window {
                counter = RateCounter(count: 0, since: now, blockedUntil: nil)
            } else {
                // Old attempts leak away, one every window/limit: colleagues' occasional typos from one
                // shared address never add up to a block, while a guesser kept at the longest delay stays there.
                counter.count = max(0, counter.count - Int(quiet / (window / Double(limit))))
            }
            counter.count += 1
            counter.since = now
            if counter.count >= limit {
                let doublings = min(counter.count - limit, 30)
                let delay = min(firstDelay * Double(1 << doublings), maxDelay)
                counter.blockedUntil = now.addingTimeInterval(delay)
            } else {
                counter.blockedUntil = nil
            }
        }
        return (.allowed, counter)
    }

    /// The counter after an attempt that turned out to be legitimate is given back (a correct password from
    /// an address many colleagues share), so that honest traffic never adds up to a block.
    public func refund(_ counter: RateCounter) -> RateCounter {
        var counter = counter
        counter.count = max(0, counter.count - 1)
        if counter.count < limit { counter.blockedUntil = nil }
        return counter
    }

    /// Whole seconds to wait, rounded up, but not for the last millisecond an engine's stored time gained.
    private static func seconds(_ interval: TimeInterval) -> Int {
        max(1, Int((interval - 0.005).rounded(.up)))
    }

    /// Sign-ins of one account from browsers it has not signed in from before: five, then 30 s, 1 min,
    /// 2 min … up to 15 minutes between tries; a guesser gets about four an hour.
    public static let signInPerAccount = RateRule(
        .growingDelay(firstDelay: 30, maxDelay: 15 * 60), limit: 5, window: 60 * 60)
    /// Sign-ins from a browser where the account signed in before: the owner's own way in, which strangers'
    /// failures elsewhere cannot close.
    public static let signInPerDevice = RateRule(
        .growingDelay(firstDelay: 30, maxDelay: 15 * 60), limit: 5, window: 60 * 60)
    /// Sign-ins from one client address, whatever the account.
    public static let signInPerAddress = RateRule(
        .growingDelay(firstDelay: 30, maxDelay: 15 * 60), limit: 20, window: 60 * 60)
    /// Checks of a signed-in person's current password (before a change that could lock them out).
    public static let passwordCheckPerAccount = RateRule(
        .growingDelay(firstDelay: 30, maxDelay: 15 * 60), limit: 5, window: 60 * 60)
    /// Searches per account: typing with suggestions sends a few a second, a script far more.
    public static let searchPerAccount = RateRule(.window, limit: 300, window: 60)
    /// Exports (CSV, vCards, backups) per account: each reads up to ten thousand records.
    public static let exportPerAccount = RateRule(.window, limit: 30, window: 60 * 60)
}

/// The state of one key's attempts, as the engines store it.
public struct RateCounter: Sendable, Hashable {
    public var count: Int
    /// When the window started (`.window`), or the last attempt (`.growingDelay`).
    public var since: Date
    /// No attempt before this instant.
    public var blockedUntil: Date?

    public init(count: Int, since: Date, blockedUntil: Date?) {
        self.count = count
        self.since = since
        self.blockedUntil = blockedUntil
    }
}

/// Whether an attempt may go ahead.
public enum RateDecision: Sendable, Hashable {
    case allowed
    /// Try again in this many seconds (sent as `Retry-After`).
    case refused(retryAfter: Int)
}

/// One attempt to take under a key, by a rule. Keys are bounded and hold no raw input: see `RateKey`.
public struct RateAttempt: Sendable, Hashable {
    public var key: String
    public var rule: RateRule

    public init(key: String, rule: RateRule) {
        self.key = key
        self.rule = rule
    }
}

/// Keys for rate counters. Whatever a client sends (an email of a megabyte, control characters) is
/// hashed, so a key is short and plain whatever came in.
public enum RateKey {
    public static func account(email: String) -> String { "account:" + digest(email.lowercased()) }
    public static func device(_ deviceTokenHash: String) -> String { "device:" + deviceTokenHash }
    public static func address(_ address: String) -> String { "address:" + digest(address) }
    public static func passwordCheck(accountId: Int64) -> String { "password:\(accountId)" }
    public static func search(accountId: Int64) -> String { "search:\(accountId)" }
    public static func export(accountId: Int64) -> String { "export:\(accountId)" }

    /// A short, stable digest (FNV-1a, 64 bits, twice with different offsets): enough to keep keys apart,
    /// and not a secret.
    static func digest(_ text: String) -> String {
        func fnv(_ offset: UInt64) -> UInt64 {
            var hash = offset
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        let a = String(fnv(0xcbf2_9ce4_8422_2325), radix: 16)
        let b = String(fnv(0x84222325_cbf29ce4), radix: 16)
        return a + b
    }
}
