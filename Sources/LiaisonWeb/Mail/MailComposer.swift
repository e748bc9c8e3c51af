import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore

/// Writes Liaison's messages in the interface's words: an inbox entry (or a few) as it happens, the daily digest
/// of follow-ups, and the test message. Links are absolute with the public address, paths without it.
struct MailComposer: Sendable {
    let strings: Strings
    let from: MailAddress
    /// `https://liaison.example.org`, without a trailing slash; nil for paths alone.
    let publicURL: String?

    private var t: Strings { strings }

    func link(_ path: String) -> String { (publicURL ?? "") + path }

    /// One message for one person's new entries: a subject that says what happened when there is one.
    func notifications(_ entries: [StaffNotification], to account: StaffAccount, actors: [Int64: String], now: Date)
        -> MailMessage?
    {
        guard let first = entries.first, let to = MailAddress(account.email, name: account.name) else { return nil }
        let subject =
            entries.count == 1
            ? headline(first, actors: actors) : String(format: t[.mailManySubject], entries.count)
        var lines = [String(format: t[.mailGreeting], account.name), ""]
        for entry in entries {
            lines.append(headline(entry, actors: actors) + ".")
            lines.append(String(format: t[.mailOpenLink], link("/inbox/\(entry.id)")))
            lines.append("")
        }
        lines += footer(explaining: .mailWhyInbox)
        return MailMessage(from: from, to: to, subject: subject, text: lines.joined(separator: "\n"), date: now)
    }

    private func headline(_ entry: StaffNotification, actors: [Int64: String]) -> String {
        let actor = entry.actorAccountId.flatMap { actors[$0] } ?? t[.mailSomeone]
        let key: StringKey
        switch entry.reason {
        case .mentioned: key = .mailMentioned
        case .reviewRequested: key = .mailReviewRequested
        case .followUpAssigned: key = .mailAssigned
        case .commented: key = .mailCommented
        case .followUpOverdue: return String(format: t[.mailOverdue], entry.title)
        }
        return String(format: t[key], actor, entry.title)
    }

    /// The digest of `day`: overdue first, then due that day, each with its date, organizations and link.
    func digest(_ items: [FollowUpSummary], to recipient: DigestRecipient, day: String, now: Date) -> MailMessage? {
        guard let to = MailAddress(recipient.email, name: recipient.name) else { return nil }
        let overdue = items.filter { ($0.dueDate ?? day) < day }
        let today = items.filter { ($0.dueDate ?? day) >= day }
        let subject = String(format: t[.mailDigestSubject], overdue.count, today.count)
        var lines = [
            String(format: t[.mailGreeting], recipient.name), "", String(format: t[.mailDigestIntro], day), "",
        ]
        for (heading, group) in [(t[.mailDigestOverdue], overdue), (t[.mailDigestToday], today)] where !group.isEmpty {
            lines.append(heading)
            lines.append(String(repeating: "-", count: heading.count))
            for item in group.prefix(Self.digestItems) {
                lines.append("* " + item.title)
                let names = item.organizations.map(\.name)
                let due = String(format: t[.mailDigestDue], item.dueDate ?? day)
                lines.append(
                    "  " + ([due] + (names.isEmpty ? [] : [names.joined(separator: ", ")])).joined(separator: " · "))
                lines.append("  " + link("/follow-ups/\(item.id)"))
            }
            if group.count > Self.digestItems {
                lines.append(String(format: t[.mailDigestMore], group.count - Self.digestItems))
            }
            lines.append("")
        }
        lines.append(String(format: t[.mailDigestAll], link("/follow-ups")))
        lines.append("")
        lines += footer(explaining: .mailWhyDigest)
        return MailMessage(from: from, to: to, subject: subject, text: lines.joined(separator: "\n"), date: now)
    }

    /// The most follow-ups of one group a digest lists; the rest are counted.
    static let digestItems = 50

    func test(to: MailAddress, through destination: String, now: Date) -> MailMessage {
        let text = [
            String(format: t[.mailTestBody], destination), "", String(format: t[.mailDigestAll], link("/follow-ups")),
        ]
        return MailMessage(
            from: from, to: to, subject: t[.mailTestSubject], text: text.joined(separator: "\n"), date: now)
    }

    private func footer(explaining why: StringKey) -> [String] {
        ["-- ", t[why], String(format: t[.mailInboxLink], link("/inbox"))]
    }
}
