import Foundation
import LiaisonCore
import LiaisonStore

/// What the directory shows: the organizations on this page, the filters as chosen, the status links and the
/// pager's links.
struct DirectoryModel {
    struct Row {
        let id: Int64
        let name: String
        let nativeName: String?
        let kind: String
        let country: String
        let region: String
        let population: String
        let status: String
        let statusKey: String
        let memberSince: String
        let paying: Bool
    }
    struct Link {
        let label: String
        let href: String
        let current: Bool
    }

    /// A filter in force, as a chip whose link is the same list without it.
    struct Chip {
        let label: String
        let href: String
    }

    let query: String
    let chips: [Chip]
    /// Activities the ticked organizations can be added to (for editors; empty for viewers).
    let activities: [FormField.Option]
    let totalLabel: String
    let rows: [Row]
    let filters: [FormField]
    let statusLinks: [Link]
    let errors: [String]
    let pageLabel: String
    let previous: String?
    let next: String?

    init(
        page result: OrganizationPage, query: OrganizationQuery, parameters: [String: String], errors: [FieldError],
        regions: RegionCatalog, focalPointName: String? = nil, activities: [ActivityChoice] = [],
        strings t: Strings
    ) {
        self.query = query.text ?? ""
        self.activities = activities.map { a in
            FormField.Option(
                value: String(a.id),
                label:
                    "\(a.title) (\(ActivityFormats.when(a.startsAt, a.endsAt, allDay: a.allDay, start: a.start, end: a.end, in: ActivityFormats.zone(of: a.timeZone))))",
                selected: false)
        }
        totalLabel = t.format(result.total == 1 ? .directoryCountOne : .directoryCount, String(result.total))
        rows = result.items.map { o in
            Row(
                id: o.id, name: o.name, nativeName: o.nativeName, kind: t.label(o.kind),
                country: o.country.flatMap { Country.named(code: $0)?.name } ?? "",
                region: o.region.flatMap { regions.region(key: $0)?.name } ?? "",
                population: o.population.map(Formats.number) ?? "", status: t.label(o.membershipStatus),
                statusKey: o.membershipStatus.rawValue, memberSince: o.memberSince.map(String.init) ?? "",
                paying: o.paying)
        }
        self.errors = errors.map(\.message)
        func select(_ name: String, _ pairs: [(String, String)], blank: String?) -> FormField {
            FormField(
                name: name, label: t.filter(name), control: .select,
                options: FormField.choices(pairs, selected: parameters[name] ?? "", blank: blank))
        }
        filters = [
            select(
                "status", MembershipStatus.allCases.map { ($0.rawValue, t.label($0)) }, blank: t[.any]),
            select("kind", OrganizationKind.allCases.map { ($0.rawValue, t.label($0)) }, blank: t[.any]),
            select("country", Country.allByName.map { ($0.code, $0.name) }, blank: t[.any]),
            select("region", regions.regions.map { ($0.key, $0.name) }, blank: t[.any]),
            select("paying", [("true", t[.yes]), ("false", t[.no])], blank: t[.any]),
            // Each order once: the first, by name, stands when none is chosen.
            select("sort", OrganizationSort.allCases.map { ($0.rawValue, t.label($0)) }, blank: nil),
        ]
        let link = ListLink(path: "/organizations", parameters: parameters).with
        var chips: [Chip] = []
        func chip(_ name: String, _ value: String?) {
            guard let value else { return }
            chips.append(Chip(label: "\(t.filter(name)): \(value)", href: link([name: nil, "page": nil])))
        }
        if let text = query.text { chips.append(Chip(label: "“\(text)”", href: link(["q": nil, "page": nil]))) }
        chip("status", query.status.map { t.label($0) })
        chip("kind", query.kind.map { t.label($0) })
        chip("country", query.country.map { code in Country.named(code: code)?.name ?? code })
        chip("region", query.region.map { regions.region(key: $0)?.name ?? $0 })
        chip("paying", query.paying.map { $0 ? t[.yes] : t[.no] })
        chip("focalPoint", query.focalPointAccountId.map { id in focalPointName ?? "#\(id)" })
        chip("ids", query.ids.isEmpty ? nil : String(query.ids.count))
        self.chips = chips
        statusLinks =
            [
                Link(
                    label: "\(t[.all]) (\(result.countsByStatus.values.reduce(0, +)))",
                    href: link(["status": nil, "page": nil]),
                    current: query.status == nil)
            ]
            + MembershipStatus.allCases.map { status in
                Link(
                    label: "\(t.label(status)) (\(result.countsByStatus[status] ?? 0))",
                    href: link(["status": status.rawValue, "page": nil]), current: query.status == status)
            }
        let pages = max(1, (result.total + query.perPage - 1) / query.perPage)
        pageLabel = t.format(.pageOf, String(query.page), String(pages))
        // Past the end, "previous" leads back to the last page that has rows.
        previous = query.page > 1 ? link(["page": String(min(query.page - 1, pages))]) : nil
        next =
            query.page < pages && query.offset + query.perPage <= OrganizationQuery.maxOffset
            ? link(["page": String(query.page + 1)]) : nil
    }
}
