import Foundation
import LiaisonCore
import LiaisonStore

/// What a person's page shows: who they are, the posts they hold and held, how to reach them, the
/// activities they took part in, what else is known of them and the history of their record.
struct PersonModel {
    struct Channel {
        /// How the value is shown: a postal address kept as written, a link to call or write, or text.
        enum Display {
            case postal
            case link(String)
            case text
        }

        let kind: String
        let value: String
        let label: String?
        let preferred: Bool
        let heldBy: String?
        let display: Display
    }

    struct Fact {
        let label: String
        let value: String
    }

    /// The activity in the calendar where the person was met.
    struct MetAt {
        let id: Int64
        let title: String
        let day: String
    }

    let id: Int64
    let name: String
    let nativeName: String?
    let honorific: String?
    let role: String?
    let current: [Position]
    let past: [Position]
    let channels: [Channel]
    let activities: [TimelineItem]
    let metAt: MetAt?
    let facts: [Fact]
    /// The side panel: current position and organization, preferred channel, languages, role.
    let keyFacts: [KeyFact]
    let notes: String?
    let history: [AdminPages.AuditRow]
    let version: Int
    let updated: String
    let created: String
    let notice: String?

    init(
        person p: Person, activities: [ActivitySummary] = [], metAt: Activity? = nil, history: [AuditEntry],
        strings t: Strings, notice: String?
    ) {
        id = p.id
        name = p.displayName
        nativeName = p.nativeName
        honorific = p.honorific
        role = p.role == .none ? nil : t.label(p.role)
        current = p.positions.filter(\.isCurrent)
        past = p.positions.filter { !$0.isCurrent }
        channels = p.channels.map { c in
            let display: Channel.Display =
                switch c.kind {
                case .email: .link("mailto:\(c.value)")
                case .phone: .link("tel:\(c.value)")
                case .whatsapp: .link("https://wa.me/\(c.value.dropFirst())")
                case .linkedin: .link(c.value)
                case .wechat: .text
                case .postal: .postal
                }
            return Channel(
                kind: t.label(c.kind), value: c.shownValue, label: c.label, preferred: c.preferred,
                heldBy: c.heldBy?.name, display: display)
        }
        self.activities = activities.map { TimelineItem($0, strings: t) }
        self.metAt = metAt.map { MetAt(id: $0.id, title: $0.title, day: String($0.start.prefix(10))) }
        var facts: [Fact] = []
        func add(_ key: StringKey, _ value: String?) {
            if let value, !value.isEmpty { facts.append(Fact(label: t[key], value: value)) }
        }
        add(.fieldLanguages, p.languages.map { Language.name(code: $0) ?? $0 }.joined(separator: ", "))
        add(.fieldMetAt, p.metAt)
        add(.fieldConsentNote, p.consentNote.map { note in p.consentDate.map { "\(note) (\($0))" } ?? note })
        self.facts = facts
        var keyFacts: [KeyFact] = []
        if let position = p.currentPositions.first {
            keyFacts.append(
                KeyFact(
                    label: t[.keyFactPosition],
                    value: [position.title, position.organizationName].compactMap { $0 }.joined(separator: " — "),
                    href: position.organizationId.map { "/organizations/\($0)" }))
        }
        if let channel = p.channels.first(where: \.preferred) ?? p.channels.first {
            keyFacts.append(
                KeyFact(label: t[.keyFactChannel], value: "\(t.label(channel.kind)): \(channel.value)"))
        }
        if !p.languages.isEmpty {
            keyFacts.append(
                KeyFact(
                    label: t[.fieldLanguages],
                    value: p.languages.map { Language.name(code: $0) ?? $0 }.joined(separator: ", ")))
        }
        if let role { keyFacts.append(KeyFact(label: t[.fieldRole], value: role)) }
        self.keyFacts = keyFacts
        notes = p.notes
        self.history = history.map { AdminPages.row($0, strings: t, onRecordPage: true) }
        version = p.version
        updated = Formats.minute(p.updatedAt)
        created = Formats.day(p.createdAt)
        self.notice = notice
    }
}
