import Foundation
import LiaisonCore
import LiaisonStore

/// A person's page.
struct PersonView {
    struct PositionItem {
        let title: String
        let department: String?
        let organizationId: Int64?
        let organization: String?
        let term: String?
    }
    struct ChannelItem {
        let kind: String
        let value: String
        let href: String?
        let label: String?
        let preferred: Bool
        let heldBy: String?
        let isPostal: Bool
    }

    let id: Int64
    let name: String
    let nativeName: String?
    let honorific: String?
    let role: String?
    let facts: [ProfileView.Fact]
    let current: [PositionItem]
    let hasCurrent: Bool
    let past: [PositionItem]
    let hasPast: Bool
    let channels: [ChannelItem]
    let hasChannels: Bool
    let notes: String?
    let version: Int
    let updated: String
    let created: String
    let notice: String?
    let history: [AdminPages.AuditRow]
    let hasHistory: Bool
    let activities: [TimelineItem]
    let hasActivities: Bool
    let metAtActivityId: Int64?
    let metAtActivity: String?

    init(
        person p: Person, activities: [ActivitySummary] = [], metAt: Activity? = nil, history: [AuditEntry],
        strings t: Strings, notice: String?
    ) {
        self.activities = activities.map { TimelineItem($0, strings: t) }
        hasActivities = !activities.isEmpty
        metAtActivityId = metAt?.id
        metAtActivity = metAt.map { "\($0.title) (\($0.start.prefix(10)))" }
        id = p.id
        name = p.displayName
        nativeName = p.nativeName
        honorific = p.honorific
        role = p.role == .none ? nil : t["role_person_\(p.role.rawValue)"]
        var facts: [ProfileView.Fact] = []
        func add(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { facts.append(ProfileView.Fact(label: t[key], value: value, href: nil)) }
        }
        add("field_languages", p.languages.map { Language.name(code: $0) ?? $0 }.joined(separator: ", "))
        add("field_metAt", p.metAt)
        add(
            "field_consentNote",
            p.consentNote.map { note in p.consentDate.map { "\(note) (\($0))" } ?? note })
        self.facts = facts
        func item(_ position: Position) -> PositionItem {
            let term =
                position.startDate == nil && position.endDate == nil
                ? nil : "\(position.startDate ?? "…")–\(position.endDate ?? "")"
            return PositionItem(
                title: position.title, department: position.department, organizationId: position.organizationId,
                organization: position.organizationName, term: term)
        }
        current = p.positions.filter(\.isCurrent).map(item)
        hasCurrent = !current.isEmpty
        past = p.positions.filter { !$0.isCurrent }.map(item)
        hasPast = !past.isEmpty
        channels = p.channels.map { c in
            let href: String? =
                switch c.kind {
                case .email: "mailto:\(c.value)"
                case .phone: "tel:\(c.value)"
                case .whatsapp: "https://wa.me/\(c.value.dropFirst())"
                case .linkedin: c.value
                case .wechat, .postal: nil
                }
            return ChannelItem(
                kind: t["channel_\(c.kind.rawValue)"], value: c.value, href: href, label: c.label,
                preferred: c.preferred, heldBy: c.heldBy?.name, isPostal: c.kind == .postal)
        }
        hasChannels = !channels.isEmpty
        notes = p.notes
        version = p.version
        updated = Formats.minute(p.updatedAt)
        created = Formats.day(p.createdAt)
        self.notice = notice
        self.history = history.map { AdminPages.row($0, strings: t, onRecordPage: true) }
        hasHistory = !history.isEmpty
    }
}

/// The merge page: the person kept, and the records that could be folded into it.
struct MergeView {
    struct Candidate {
        let id: Int64
        let name: String
        let nativeName: String?
        let version: Int
        let summary: String
    }

    let id: Int64
    let name: String
    let version: Int
    let query: String
    let candidates: [Candidate]
    let hasCandidates: Bool
    let explanation: String

    init(person: Person, candidates: [Person], query: String, strings t: Strings) {
        id = person.id
        name = person.displayName
        version = person.version
        self.query = query
        self.candidates = candidates.map { other in
            let position = other.currentPositions.first.map { "\($0.title), \($0.organizationName ?? "")" }
            let contacts = other.channels.map(\.value).prefix(3).joined(separator: " · ")
            return Candidate(
                id: other.id, name: other.displayName, nativeName: other.nativeName, version: other.version,
                summary: [position, contacts.isEmpty ? nil : contacts].compactMap { $0 }.joined(separator: " — "))
        }
        hasCandidates = !candidates.isEmpty
        explanation = String(format: t["merge_explanation"], person.displayName)
    }
}
