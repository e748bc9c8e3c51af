import Foundation
import LiaisonCore

/// The one flow both engines run to take attempts: given the counters they read (and hold) for the keys,
/// what to answer and which counters to write back. The engines differ only in how they hold the rows.
public enum RateLimits {
    /// The decision for taking every attempt at once, and the counters to store when it is `.allowed`
    /// (none when refused: a refused attempt takes nothing, so it cannot push anyone's block further).
    public static func take(_ attempts: [RateAttempt], counters: [String: RateCounter], at now: Date)
        -> (decision: RateDecision, updates: [String: RateCounter])
    {
        var updates: [String: RateCounter] = [:]
        for attempt in attempts {
            let (decision, counter) = attempt.rule.take(updates[attempt.key] ?? counters[attempt.key], at: now)
            if case .refused = decision { return (decision, [:]) }
            updates[attempt.key] = counter
        }
        return (.allowed, updates)
    }

    /// The counters after giving back one attempt under each of `refund`.
    public static func refund(_ refund: [RateAttempt], counters: [String: RateCounter]) -> [String: RateCounter] {
        var updates: [String: RateCounter] = [:]
        for attempt in refund {
            guard let counter = updates[attempt.key] ?? counters[attempt.key] else { continue }
            updates[attempt.key] = attempt.rule.refund(counter)
        }
        return updates
    }

    /// Keys in a fixed order, so that two transactions holding several counters never wait on each other.
    public static func lockOrder(_ keys: [String]) -> [String] {
        Array(Set(keys)).sorted()
    }

    /// Counters untouched this long are forgotten (longer than any rule's window).
    public static let retention: TimeInterval = 24 * 3600
}
