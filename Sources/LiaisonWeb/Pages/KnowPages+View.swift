import Foundation
import LiaisonCore
import LiaisonStore

/// The tabs between the ways of knowing the members.
struct KnowTabs {
    let current: String
    let t: Strings

    func render(into html: inout HTML) {
        html.nav(.class("tabs"), .ariaLabel(t[.knowTitle])) { html in
            for (path, label) in [
                ("/members/least-known", t[.leastKnownTitle]), ("/practices", t[.practicesTitle]),
                ("/organizations/nearby", t[.nearbyTitle]),
            ] {
                html.a(.href(path), path == current ? Attribute("aria-current", "page") : nil, text: label)
                html.text(" ")
            }
        }
        html.newline()
    }
}

enum KnowFormats {
    static func average(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.1f", value)
    }

    static func km(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f km", value) : String(format: "%.0f km", value)
    }

    static func country(_ code: String?) -> String { code.map { Country.named(code: $0)?.name ?? $0 } ?? "" }
}

/// The members the team knows least about, lowest score first, each with its biggest gap and the way to fill it.
struct LeastKnownView {
    let page: LeastKnownPage
    let query: LeastKnownQuery
    let filters: [FormField]
    let trend: [CoverageAverage]
    let regions: RegionCatalog
    let previous: String?
    let next: String?
    let csv: String
    let t: Strings

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in html.h1(text: t[.leastKnownTitle]) }
        KnowTabs(current: "/members/least-known", t: t).render(into: &html)
        html.p(.class("muted"), text: t[.leastKnownHint])
        ListParts.filters(action: "/members/least-known", fields: filters, t: t, into: &html)
        html.p { html in
            html.strong {
                $0.text(String(format: t[.leastKnownCount], page.total, KnowFormats.average(page.averageScore)))
            }
            html.text(" · ")
            html.a(.href(csv), text: t[.exportCsv])
        }
        if !page.items.isEmpty { table(into: &html) }
        ListParts.pager(
            previous: previous, label: String(format: t[.pipelinePage], query.page), next: next, t: t, into: &html)
        weights(into: &html)
        trendTable(into: &html)
    }

    private func table(into html: inout HTML) {
        let columns = [
            t[.colOrganization], t[.filterCountry], t[.fieldFocalPointAccountId], t[.coverageScore],
            t[.coverageBiggestGap], t[.coverageFixColumn],
        ]
        html.table(.class("directory"), .id("least-known")) { html in
            html.thead { html in
                html.tr { html in for label in columns { html.th(.scope("col"), text: label) } }
            }
            html.tbody { html in
                for member in page.items {
                    html.tr { html in
                        html.td(.dataLabel(columns[0])) {
                            $0.a(.href("/organizations/\(member.id)"), text: member.name)
                        }
                        html.td(.dataLabel(columns[1]), text: KnowFormats.country(member.country))
                        html.td(.dataLabel(columns[2]), text: member.focalPoint ?? "–")
                        html.td(.dataLabel(columns[3]), .class("score"), text: String(member.score))
                        let gap = member.missing.first
                        html.td(.dataLabel(columns[4]), text: gap.map { t.label($0) } ?? t[.coverageNothingMissing])
                        html.td(.dataLabel(columns[5])) { html in
                            if let gap {
                                html.a(
                                    .href(CoverageLinks.fix(gap.fix, organizationId: member.id)),
                                    .ariaLabel("\(t.label(gap.fix)): \(member.name)"), text: t.label(gap.fix))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The rule, shown as it is counted.
    private func weights(into html: inout HTML) {
        html.details(.class("coverage-rule")) { html in
            html.summary { $0.text(t[.coverageRuleHeading]) }
            html.ul { html in
                for check in CoverageCheck.allCases {
                    html.li(text: "\(t.label(check)): \(check.weight)")
                }
            }
        }
    }

    private func trendTable(into html: inout HTML) {
        html.h2(.id("trend-h"), text: t[.coverageTrendHeading])
        guard !trend.isEmpty else {
            html.p(.class("muted"), text: t[.coverageTrendNone])
            return
        }
        let months = Array(Set(trend.map(\.month))).sorted()
        let regionKeys = Array(Set(trend.compactMap(\.region))).sorted()
        html.div(.class("table-scroll")) { html in
            html.table(.class("trend"), Attribute("aria-labelledby", "trend-h")) { html in
                html.thead { html in
                    html.tr { html in
                        html.th(.scope("col"), text: t[.coverageMonth])
                        html.th(.scope("col"), text: t[.coverageNetwork])
                        for key in regionKeys { html.th(.scope("col"), text: regions.region(key: key)?.name ?? key) }
                    }
                }
                html.tbody { html in
                    for month in months {
                        html.tr { html in
                            html.th(.scope("row"), text: month)
                            let network = trend.first { $0.month == month && $0.region == nil }
                            html.td(text: KnowFormats.average(network?.averageScore))
                            for key in regionKeys {
                                let figure = trend.first { $0.month == month && $0.region == key }
                                html.td(text: KnowFormats.average(figure?.averageScore))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Practices found by theme, with the city, its country and the year.
struct PracticesView {
    let hits: [PracticeHit]
    let query: PracticeQuery
    let filters: [FormField]
    let regions: RegionCatalog
    let t: Strings

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in html.h1(text: t[.practicesTitle]) }
        KnowTabs(current: "/practices", t: t).render(into: &html)
        ListParts.filters(action: "/practices", fields: filters, button: .searchButton, t: t, into: &html)
        html.p { $0.strong { $0.text(String(format: t[.practicesCount], hits.count)) } }
        guard !hits.isEmpty else { return }
        let columns = [t[.practicesPractice], t[.colOrganization], t[.filterCountry], t[.practicesYear]]
        html.table(.class("directory"), .id("practices")) { html in
            html.thead { html in
                html.tr { html in for label in columns { html.th(.scope("col"), text: label) } }
            }
            html.tbody { html in
                for hit in hits {
                    html.tr { html in
                        html.td(.dataLabel(columns[0])) { html in
                            html.strong { $0.text(hit.title) }
                            if let description = hit.description {
                                html.br()
                                html.span(.class("muted")) { $0.text(description) }
                            }
                        }
                        html.td(.dataLabel(columns[1])) {
                            $0.a(.href("/organizations/\(hit.organizationId)"), text: hit.organizationName)
                        }
                        html.td(.dataLabel(columns[2]), text: KnowFormats.country(hit.country))
                        html.td(.dataLabel(columns[3]), text: hit.year.map(String.init) ?? "")
                    }
                }
            }
        }
    }
}

/// Organizations within a distance, nearest first, and those whose place is unknown.
struct NearbyView {
    let result: NearbyResult?
    let asked: NearbyRequest
    let centreName: String?
    let filters: [FormField]
    let regions: RegionCatalog
    let t: Strings

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in html.h1(text: t[.nearbyTitle]) }
        KnowTabs(current: "/organizations/nearby", t: t).render(into: &html)
        html.p(.class("muted"), text: t[.nearbyHint])
        ListParts.filters(action: "/organizations/nearby", fields: filters, button: .searchButton, t: t, into: &html)
        guard let result else { return }
        let centre = centreName ?? asked.point.map { String(format: "%.4f, %.4f", $0.latitude, $0.longitude) } ?? ""
        html.p {
            $0.strong { $0.text(String(format: t[.nearbyCount], result.total, KnowFormats.km(asked.km), centre)) }
        }
        if !result.items.isEmpty {
            let columns = [t[.colOrganization], t[.filterCountry], t[.filterStatus], t[.nearbyDistance]]
            html.table(.class("directory"), .id("nearby")) { html in
                html.thead { html in
                    html.tr { html in for label in columns { html.th(.scope("col"), text: label) } }
                }
                html.tbody { html in
                    for item in result.items {
                        html.tr { html in
                            html.td(.dataLabel(columns[0])) {
                                $0.a(.href("/organizations/\(item.id)"), text: item.name)
                            }
                            html.td(.dataLabel(columns[1]), text: KnowFormats.country(item.country))
                            html.td(.dataLabel(columns[2]), text: t.label(item.membershipStatus))
                            html.td(.dataLabel(columns[3]), .class("distance"), text: KnowFormats.km(item.distanceKm))
                        }
                    }
                }
            }
        }
        html.h2(.id("unplaced-h"), text: String(format: t[.nearbyUnplaced], result.withoutCoordinatesCount))
        if !result.withoutCoordinates.isEmpty {
            html.ul(.class("unplaced"), Attribute("aria-labelledby", "unplaced-h")) { html in
                for organization in result.withoutCoordinates {
                    html.li { $0.a(.href("/organizations/\(organization.id)/edit"), text: organization.name) }
                }
            }
        }
    }
}

/// An organization's coverage on its page: the score and the checklist, each gap with its fix.
struct CoverageSection {
    let organizationId: Int64
    let coverage: OrganizationCoverage
    let canEdit: Bool

    func render(into html: inout HTML, t: Strings) {
        RecordParts.section(
            "coverage", heading: String(format: t[.coverageHeading], coverage.coverage.score), into: &html
        ) { html in
            html.ul(.class("checklist")) { html in
                for item in coverage.coverage.items.sorted(by: { $0.weight > $1.weight }) {
                    html.li(.class(item.met ? "met" : "missing")) { html in
                        html.span(.class("mark"), Attribute("aria-hidden", "true")) { $0.text(item.met ? "✓" : "✗") }
                        html.text(" ")
                        html.text(t.label(item.check))
                        html.text(" (\(item.weight)) ")
                        html.span(.class("visually-hidden")) {
                            $0.text(item.met ? t[.coverageMet] : t[.coverageMissing])
                        }
                        if item.met, item.check == .channel, let holder = coverage.facts.channelHolder {
                            html.span(.class("muted")) { $0.text(" " + String(format: t[.coverageHeldBy], holder)) }
                        }
                        if !item.met, canEdit {
                            html.text(" ")
                            html.a(
                                .href(CoverageLinks.fix(item.fix, organizationId: organizationId)),
                                text: t.label(item.fix))
                        }
                    }
                }
            }
            html.p { html in
                html.a(.href("/organizations/nearby?organization=\(organizationId)&km=70"), text: t[.nearbyFromHere])
            }
        }
    }
}
