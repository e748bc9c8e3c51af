import Foundation
import LiaisonCore
import Testing

@Suite struct RateRuleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aWindowAllowsItsLimitThenSaysWhenItEnds() {
        let rule = RateRule(.window, limit: 3, window: 60)
        var counter: RateCounter?
        for _ in 0..<3 {
            let (decision, next) = rule.take(counter, at: start)
            #expect(decision == .allowed)
            counter = next
        }
        #expect(rule.take(counter, at: start.addingTimeInterval(20)).decision == .refused(retryAfter: 40))
        #expect(rule.take(counter, at: start.addingTimeInterval(60)).decision == .allowed)
    }

    @Test func delaysDoubleAfterTheLimitUpToTheirCeiling() {
        let rule = RateRule(.growingDelay(maxDelay: 10), limit: 2, window: 3600)
        var counter: RateCounter?
        var now = start
        var waits: [Int] = []
        for _ in 0..<7 {
            let (decision, next) = rule.take(counter, at: now)
            #expect(decision == .allowed)
            counter = next
            if case .refused(let wait) = rule.take(counter, at: now).decision {
                waits.append(wait)
                now = now.addingTimeInterval(Double(wait))
            }
        }
        #expect(waits == [1, 2, 4, 8, 10, 10])
    }

    @Test func aQuietWindowStartsTheCountAgain() {
        let rule = RateRule(.growingDelay(maxDelay: 900), limit: 1, window: 3600)
        let (_, blocked) = rule.take(nil, at: start)
        #expect(rule.take(blocked, at: start).decision == .refused(retryAfter: 1))
        let (_, later) = rule.take(blocked, at: start.addingTimeInterval(3600))
        #expect(later.count == 1)
    }

    @Test func oneAttemptIsForgottenEveryWindowOverLimit() {
        // Five an hour: one forgotten every twelve minutes, so colleagues' occasional typos never add up.
        let rule = RateRule.signInPerAccount
        var counter = rule.take(nil, at: start).counter
        for minutes in [12.0, 24, 36, 48] {
            counter = rule.take(counter, at: start.addingTimeInterval(minutes * 60)).counter
        }
        #expect(counter.count == 1 && counter.blockedUntil == nil)
        // Five at once block for the first delay, thirty seconds.
        var burst: RateCounter?
        for _ in 0..<5 { burst = rule.take(burst, at: start).counter }
        #expect(rule.take(burst, at: start).decision == .refused(retryAfter: 30))
    }

    @Test func aRefundGivesOneAttemptBack() {
        let rule = RateRule(.growingDelay(maxDelay: 900), limit: 2, window: 3600)
        var counter = rule.take(nil, at: start).counter
        counter = rule.take(counter, at: start).counter
        #expect(counter.blockedUntil != nil)
        counter = rule.refund(counter)
        #expect(counter.count == 1 && counter.blockedUntil == nil)
    }

    @Test func keysAreShortWhateverCameIn() {
        let huge = String(repeating: "a", count: 1_000_000) + "\r\n@example.org"
        let key = RateKey.account(email: huge)
        #expect(key.count < 64)
        #expect(!key.contains("\r") && !key.contains("\n"))
        #expect(RateKey.account(email: "Agnes@Example.org") == RateKey.account(email: "agnes@example.org"))
        #expect(RateKey.account(email: "a@example.org") != RateKey.account(email: "b@example.org"))
    }
}

@Suite struct AuditTextTests {
    @Test func summariesAreBoundedAndOnOneLine() {
        let event = AuditEvent(
            actor: AuditActor(accountId: nil, name: String(repeating: "x", count: 5000), address: "1.2.3.4\r\n"),
            action: .signInFailed,
            summary: "Failed sign-in as a\r\nFAKE ENTRY" + String(repeating: "a", count: 1_000_000))
        #expect(event.summary.count <= AuditText.summaryLimit + 1)
        #expect(event.summary.hasPrefix("Failed sign-in as a\\r\\nFAKE ENTRY"))
        #expect(event.summary.hasSuffix("…"))
        #expect(!event.summary.contains("\r") && !event.summary.contains("\n"))
        #expect(event.actor.name.count <= 201)
        #expect(event.actor.address == "1.2.3.4\\r\\n")
    }

    @Test func bidirectionalOverridesAreShownNotObeyed() {
        #expect(AuditText.bounded("abc\u{202E}fdp.exe", limit: 100) == "abc\\u{202E}fdp.exe")
    }

    @Test func changedValuesKeepTheirLineBreaksButNotOtherControls() {
        let event = AuditEvent(
            actor: .system, action: .update, summary: "x",
            changes: [FieldChange(field: "notes", before: nil, after: "line one\nline two\u{7}")])
        #expect(event.changes[0].after == "line one\nline two\\u{7}")
    }
}

@Suite struct PasswordPolicyAvailabilityTests {
    @Test func aMissingListRefusesEveryPassword() {
        let policy = PasswordPolicy(listAt: URL(fileURLWithPath: "/nonexistent/common-passwords.txt"))
        #expect(!policy.isAvailable)
        #expect(throws: ValidationError.self) { try policy.check("a long and unusual passphrase") }
        #expect(PasswordPolicy.standard.isAvailable)
    }
}
