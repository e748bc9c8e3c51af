import Foundation
import LiaisonCore
import LiaisonStore

/// What the people list shows: the people on this page, the filters as chosen, the pager's and exports' links.
struct PeopleModel {
    struct Row {
        let id: Int64
        let name: String
        let nativeName: String?
        let title: String?
        let organizationId: Int64?
        let organization: String?
        let country: String
        let channel: String?
        let channelKind: String?
        let role: String?
    }

    let query: String
    let totalLabel: String
    let rows: [Row]
    let filters: [FormField]
    let organizationId: String?
    let organizationName: String?
    let clearOrganization: String
    let errors: [String]
    let pageLabel: String
    let previous: String?
    let next: String?
    let exportCSV: String
    let exportVCard: String

    init(
        page result: PersonPage, query: PersonQuery, parameters: [String: String], errors: [FieldError],
        organization: Organization?, staff: [StaffAccount], strings t: Strings
    ) {
        self.query = query.text ?? ""
        totalLabel =
            result.totalIsLowerBound
            ? t.format(.peopleCountMore, Formats.number(result.total))
            : t.format(result.total == 1 ? .peopleCountOne : .peopleCount, String(result.total))
        rows = result.items.map { p in
            Row(
                id: p.id, name: p.displayName, nativeName: p.nativeName, title: p.title,
                organizationId: p.organizationId, organization: p.organizationName,
                country: p.country.flatMap { Country.named(code: $0)?.name } ?? "",
                channel: p.preferredChannel?.shownValue,
                channelKind: p.preferredChannel.map { t.label($0.kind) },
                role: p.role == .none ? nil : t.label(p.role))
        }
        self.errors = errors.map(\.message)
        organizationId = query.organizationId.map(String.init)
        organizationName = organization?.name
        func select(_ name: String, _ pairs: [(String, String)]) -> FormField {
            FormField(
                name: name, label: t.filter(name), control: .select,
                options: FormField.choices(pairs, selected: parameters[name] ?? "", blank: t[.any]))
        }
        filters = [
            select("country", Country.allByName.map { ($0.code, $0.name) }),
            FormField(name: "position", label: t[.filterPosition], value: query.position ?? ""),
            select("language", Language.common.compactMap { code in Language.name(code: code).map { (code, $0) } }),
            select("channel", ChannelKind.allCases.map { ($0.rawValue, t.label($0)) }),
            select("heldBy", staff.map { (String($0.id), $0.name) }),
        ]
        let link = ListLink(path: "/people", parameters: parameters)
        clearOrganization = link.with(["organization": nil, "page": nil])
        // Beyond the people counted, a full page says there may be another.
        let pages =
            result.totalIsLowerBound
            ? query.page + (result.items.count == query.perPage ? 1 : 0)
            : max(1, (result.total + query.perPage - 1) / query.perPage)
        pageLabel =
            result.totalIsLowerBound
            ? t.format(.pageN, String(query.page)) : t.format(.pageOf, String(query.page), String(pages))
        previous = query.page > 1 ? link.with(["page": String(min(query.page - 1, pages))]) : nil
        next =
            query.page < pages && query.offset + query.perPage <= PersonQuery.maxOffset
            ? link.with(["page": String(query.page + 1)]) : nil
        let exports = ListLink(path: "/people/export", parameters: parameters)
        exportCSV = exports.with(["format": "csv", "page": nil, "perPage": nil])
        exportVCard = exports.with(["format": "vcard", "page": nil, "perPage": nil])
    }
}

/// A list page's address with some parameters changed, the empty ones left out.
struct ListLink {
    let path: String
    let parameters: [String: String]

    func with(_ changes: [String: String?]) -> String {
        var merged = parameters.filter { !$0.value.isEmpty }
        for (key, value) in changes { merged[key] = value }
        let items = merged.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        var components = URLComponents()
        components.path = path
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? path
    }
}
