import Foundation
import LiaisonCore
import LiaisonStore

/// What an organization's page shows: its facts and membership, the people who work there now and before,
/// its latest activities, roles, networks, practices and the latest lines of its history.
struct OrganizationShowModel {
    struct Fact {
        let label: String
        let value: String
        let href: String?
    }
    struct Role {
        let title: String
        let fromYear: Int?
        let toYear: Int?
    }
    struct Network {
        let id: Int64
        let name: String
    }
    struct PracticeItem {
        let title: String
        let year: Int?
        let description: String?
    }
    /// A person who holds, or held, a position here.
    struct PersonLine {
        let id: Int64
        let name: String
        let nativeName: String?
        let title: String
        let department: String?
        /// "YYYY", "YYYY-MM" or "YYYY-MM-DD"; nil when not known.
        let start: String?
        /// Nil while the position is held.
        let end: String?
    }

    let id: Int64
    let name: String
    let nativeName: String?
    let aliases: [String]
    let kind: String
    let status: String
    let statusKey: String
    let paying: Bool
    let facts: [Fact]
    let membership: [Fact]
    /// What the side panel lists first: kind, where, membership, paying, dues and focal point, then the rest.
    let keyFacts: [KeyFact]
    let roles: [Role]
    let networks: [Network]
    let practices: [PracticeItem]
    let currentPeople: [PersonLine]
    let pastPeople: [PersonLine]
    let version: Int
    let updated: String
    let created: String
    /// Whether the page follows a save, and says so.
    let saved: Bool
    let history: [AdminPages.AuditRow]
    let activities: [TimelineItem]
    /// The organization's activities on the calendar's agenda, from a year ago on.
    let activitiesHref: String

    init(
        organization o: Organization, people: [PersonAtOrganization] = [], activities: [ActivitySummary] = [],
        history: [AuditEntry], regions: RegionCatalog, strings t: Strings, saved: Bool,
        currency: String = Currency.standard
    ) {
        self.activities = activities.map { TimelineItem($0, strings: t) }
        let yearAgo = ActivityTime.localText(Date().addingTimeInterval(-365 * 86_400), in: .gmt, dayOnly: true)
        activitiesHref = "/calendar?view=agenda&organization=\(o.id)&date=\(yearAgo)"
        id = o.id
        name = o.name
        nativeName = o.nativeName
        aliases = o.aliases
        kind = t.label(o.kind)
        status = t.label(o.membershipStatus)
        statusKey = o.membershipStatus.rawValue
        paying = o.paying
        var facts: [Fact] = []
        func add(_ key: StringKey, _ value: String?, href: String? = nil, to list: inout [Fact]) {
            if let value, !value.isEmpty { list.append(Fact(label: t[key], value: value, href: href)) }
        }
        add(
            .fieldCountry, o.country.map { code in Country.named(code: code).map { "\($0.name) (\(code))" } ?? code },
            to: &facts)
        add(.fieldRegion, o.region.map { regions.region(key: $0)?.name ?? $0 }, to: &facts)
        add(.fieldMetroArea, o.metroArea, to: &facts)
        add(.fieldPopulation, o.population.map(Formats.number), to: &facts)
        if let lat = o.latitude, let lon = o.longitude {
            add(.coordinates, String(format: "%.4f, %.4f", lat, lon), to: &facts)
        }
        add(.fieldWebsite, o.website, href: o.website, to: &facts)
        self.facts = facts
        var membership: [Fact] = []
        add(.fieldMembershipStatus, status, to: &membership)
        add(.fieldMemberSince, o.memberSince.map(String.init), to: &membership)
        add(.fieldPaying, o.membershipStatus == .member ? (o.paying ? t[.yes] : t[.no]) : nil, to: &membership)
        add(
            .fieldDuesPerYear, o.duesPerYear.map { String(format: t[.duesIn], Formats.number($0), currency) },
            to: &membership)
        if let staff = o.focalPointStaff {
            membership.append(
                Fact(label: t[.fieldFocalPointAccountId], value: staff.name, href: "mailto:\(staff.email)"))
        } else {
            add(.fieldFocalPointAccountId, o.focalPoint ?? t[.noneYet], to: &membership)
        }
        self.membership = membership
        let statusLabel = t.label(o.membershipStatus)
        var keyFacts = [KeyFact(label: t[.fieldKind], value: t.label(o.kind))]
        let place = [
            o.country.map { code in Country.named(code: code).map { "\($0.name) (\(code))" } ?? code },
            o.region.map { regions.region(key: $0)?.name ?? $0 },
        ].compactMap { $0 }
        if !place.isEmpty { keyFacts.append(KeyFact(label: t[.keyFactWhere], value: place.joined(separator: " · "))) }
        keyFacts.append(
            KeyFact(
                label: t[.fieldMembershipStatus],
                value: o.memberSince.map { String(format: t[.keyFactSince], statusLabel, String($0)) } ?? statusLabel))
        keyFacts += membership.filter { $0.label != t[.fieldMembershipStatus] && $0.label != t[.fieldMemberSince] }
            .map { KeyFact(label: $0.label, value: $0.value, href: $0.href) }
        keyFacts += facts.filter { $0.label != t[.fieldCountry] && $0.label != t[.fieldRegion] }
            .map { KeyFact(label: $0.label, value: $0.value, href: $0.href) }
        self.keyFacts = keyFacts
        roles = o.governanceRoles.map { Role(title: $0.title, fromYear: $0.fromYear, toYear: $0.toYear) }
        networks = o.affiliations.map { Network(id: $0.networkId, name: $0.networkName ?? "#\($0.networkId)") }
        practices = o.practices.map { PracticeItem(title: $0.title, year: $0.year, description: $0.description) }
        func line(_ p: PersonAtOrganization) -> PersonLine {
            PersonLine(
                id: p.personId, name: p.displayName, nativeName: p.nativeName, title: p.position.title,
                department: p.position.department, start: p.position.startDate, end: p.position.endDate)
        }
        currentPeople = people.filter(\.position.isCurrent).map(line)
        pastPeople = people.filter { !$0.position.isCurrent }.map(line)
        version = o.version
        updated = Formats.minute(o.updatedAt)
        created = Formats.day(o.createdAt)
        self.saved = saved
        self.history = history.map { AdminPages.row($0, strings: t, onRecordPage: true) }
    }
}
