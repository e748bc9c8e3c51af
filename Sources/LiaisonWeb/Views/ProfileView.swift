import Foundation
import LiaisonCore
import LiaisonStore

/// An organization's profile page.
struct ProfileView {
    struct Fact {
        let label: String
        let value: String
        let href: String?
    }
    struct Role {
        let title: String
        let term: String?
    }
    struct Network {
        let id: Int64
        let name: String
    }
    struct PracticeItem {
        let title: String
        let year: String?
        let description: String?
    }

    let id: Int64
    let name: String
    let nativeName: String?
    let aliases: String?
    let kind: String
    let status: String
    let statusKey: String
    let paying: Bool
    let facts: [Fact]
    let membership: [Fact]
    let roles: [Role]
    let hasRoles: Bool
    let networks: [Network]
    let hasNetworks: Bool
    let practices: [PracticeItem]
    let hasPractices: Bool
    struct PersonLine {
        let id: Int64
        let name: String
        let nativeName: String?
        let title: String
        let term: String?
    }
    let currentPeople: [PersonLine]
    let hasCurrentPeople: Bool
    let pastPeople: [PersonLine]
    let hasPastPeople: Bool
    let version: Int
    let updated: String
    let created: String
    let saved: Bool
    let history: [AdminPages.AuditRow]
    let hasHistory: Bool
    let activities: [TimelineItem]
    let hasActivities: Bool
    /// The organization's activities on the calendar's agenda, from a year ago on.
    let activitiesHref: String

    init(
        organization o: Organization, people: [PersonAtOrganization] = [], activities: [ActivitySummary] = [],
        history: [AuditEntry], regions: RegionCatalog, strings t: Strings, saved: Bool
    ) {
        self.activities = activities.map { TimelineItem($0, strings: t) }
        hasActivities = !activities.isEmpty
        let yearAgo = ActivityTime.localText(Date().addingTimeInterval(-365 * 86_400), in: .gmt, dayOnly: true)
        activitiesHref = "/calendar?view=agenda&organization=\(o.id)&date=\(yearAgo)"
        id = o.id
        name = o.name
        nativeName = o.nativeName
        aliases = o.aliases.isEmpty ? nil : o.aliases.joined(separator: ", ")
        kind = t["kind_\(o.kind.rawValue)"]
        status = t["status_\(o.membershipStatus.rawValue)"]
        statusKey = o.membershipStatus.rawValue
        paying = o.paying
        var facts: [Fact] = []
        func add(_ key: String, _ value: String?, href: String? = nil, to list: inout [Fact]) {
            if let value, !value.isEmpty { list.append(Fact(label: t[key], value: value, href: href)) }
        }
        add(
            "field_country", o.country.map { code in Country.named(code: code).map { "\($0.name) (\(code))" } ?? code },
            to: &facts)
        add("field_region", o.region.map { regions.region(key: $0)?.name ?? $0 }, to: &facts)
        add("field_metroArea", o.metroArea, to: &facts)
        add("field_population", o.population.map(Formats.number), to: &facts)
        if let lat = o.latitude, let lon = o.longitude {
            add("coordinates", String(format: "%.4f, %.4f", lat, lon), to: &facts)
        }
        add("field_website", o.website, href: o.website, to: &facts)
        self.facts = facts
        var membership: [Fact] = []
        add("field_membershipStatus", status, to: &membership)
        add("field_memberSince", o.memberSince.map(String.init), to: &membership)
        add("field_paying", o.membershipStatus == .member ? (o.paying ? t["yes"] : t["no"]) : nil, to: &membership)
        add("field_duesPerYear", o.duesPerYear.map(Formats.number), to: &membership)
        if let staff = o.focalPointStaff {
            membership.append(
                Fact(label: t["field_focalPointAccountId"], value: staff.name, href: "mailto:\(staff.email)"))
        } else {
            add("field_focalPointAccountId", o.focalPoint ?? t["none_yet"], to: &membership)
        }
        self.membership = membership
        roles = o.governanceRoles.map { role in
            let term = [role.fromYear, role.toYear].map { $0.map(String.init) ?? "…" }.joined(separator: "–")
            return Role(title: role.title, term: role.fromYear == nil && role.toYear == nil ? nil : term)
        }
        hasRoles = !roles.isEmpty
        networks = o.affiliations.map { Network(id: $0.networkId, name: $0.networkName ?? "#\($0.networkId)") }
        hasNetworks = !networks.isEmpty
        practices = o.practices.map {
            PracticeItem(title: $0.title, year: $0.year.map(String.init), description: $0.description)
        }
        hasPractices = !practices.isEmpty
        func line(_ p: PersonAtOrganization) -> PersonLine {
            let title = [p.position.title, p.position.department].compactMap { $0 }.joined(separator: ", ")
            let term =
                p.position.startDate == nil && p.position.endDate == nil
                ? nil : "\(p.position.startDate ?? "…")–\(p.position.endDate ?? "")"
            return PersonLine(id: p.personId, name: p.displayName, nativeName: p.nativeName, title: title, term: term)
        }
        currentPeople = people.filter(\.position.isCurrent).map(line)
        hasCurrentPeople = !currentPeople.isEmpty
        pastPeople = people.filter { !$0.position.isCurrent }.map(line)
        hasPastPeople = !pastPeople.isEmpty
        version = o.version
        updated = Formats.minute(o.updatedAt)
        created = Formats.day(o.createdAt)
        self.saved = saved
        self.history = history.map { AdminPages.row($0, strings: t, onRecordPage: true) }
        hasHistory = !history.isEmpty
    }
}
