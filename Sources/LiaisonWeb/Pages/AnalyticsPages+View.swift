import Foundation
import LiaisonCore
import LiaisonStore

/// The analytics' tabs and filters, at the head of each of its pages.
struct AnalyticsHeadView {
    let current: AnalyticsPage
    let filters: AnalyticsFilters
    let fields: [FormField]
    let t: Strings

    func label(_ page: AnalyticsPage) -> String {
        switch page {
        case .overview: t[.analyticsTitle]
        case .engagement: t[.analyticsEngagement]
        case .map: t[.analyticsMapTitle]
        }
    }

    var title: String { current == .overview ? t[.analyticsTitle] : label(current) + " · " + t[.analyticsTitle] }

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.h1(text: label(current))
            html.nav(.class("actions tabs"), .ariaLabel(t[.analyticsTabs])) { html in
                for page in AnalyticsPage.allCases {
                    html.a(
                        .class(page == current ? "button" : "button secondary"), .href(filters.link(page.path)),
                        page == current ? Attribute("aria-current", "page") : nil, text: label(page))
                    html.text(" ")
                }
            }
        }
        html.newline()
        ListParts.filters(action: current.path, fields: fields, t: t, into: &html)
        html.newline()
    }
}

/// Who the members are: the headline shares, composition by country and region, growth and dues.
struct AnalyticsOverviewView {
    let composition: MembershipComposition
    let charts: AnalyticsCharts
    let shown: [ChartData]
    let coverage: ChartData
    let t: Strings

    /// The countries whose shares the page states in words, the largest first.
    static let headlineCountries = 3

    func render(into html: inout HTML) {
        html.section(.class("headline"), .ariaLabel(t[.analyticsHeadline])) { html in
            html.p(
                .class("lead"),
                text: String(
                    format: t[.analyticsCompositionSummary], Formats.number(composition.members),
                    Formats.number(composition.paying)))
            html.ul(.class("shares")) { html in
                for row in composition.byCountry.prefix(Self.headlineCountries) {
                    html.li(
                        .class("share"),
                        text: String(
                            format: t[.analyticsShareSentence], AnalyticsCharts.countryName(row.key),
                            AnalyticsCharts.percent(row.memberShare), AnalyticsCharts.percent(row.payingShare)))
                }
            }
        }
        html.newline()
        for chart in shown {
            ChartView(chart: chart, downloadLabel: t[.exportCsv]).render(into: &html)
            html.newline()
        }
        // Today's coverage scores: a country filter does not narrow them, a region filter does.
        html.section(.id("coverage-by-region")) { html in
            ChartView(chart: coverage, downloadLabel: t[.exportCsv]).render(into: &html)
        }
    }
}

/// The world map, and what it shows as tables: members and prospects by country, and the organizations.
struct AnalyticsMapView {
    let map: WorldMapView
    let points: [MapPoint]
    let t: Strings

    /// The organizations the list under the map names; the map and the country table count them all.
    static let listLimit = 500

    func render(into html: inout HTML) {
        map.render(into: &html)
        var byCountry: [String: (members: Int, prospects: Int)] = [:]
        for point in points {
            let key = point.country ?? ""
            if point.status == .member { byCountry[key, default: (0, 0)].members += 1 }
            if point.status == .prospect { byCountry[key, default: (0, 0)].prospects += 1 }
        }
        let countries = byCountry.sorted {
            ($0.value.members + $0.value.prospects, $1.key) > ($1.value.members + $1.value.prospects, $0.key)
        }
        html.div(.class("table-wrap")) { html in
            html.table(.class("data"), .id("map-countries")) { html in
                html.caption(text: t[.analyticsMapByCountry])
                html.thead { html in
                    html.tr { html in
                        html.th(.scope("col"), text: t[.filterCountry])
                        html.th(.scope("col"), text: t.label(MembershipStatus.member))
                        html.th(.scope("col"), text: t.label(MembershipStatus.prospect))
                    }
                }
                html.tbody { html in
                    for (code, counts) in countries {
                        html.tr { html in
                            html.th(.scope("row"), text: AnalyticsCharts.countryName(code))
                            html.td(
                                .dataLabel(t.label(MembershipStatus.member)), .class("number"),
                                text: Formats.number(counts.members))
                            html.td(
                                .dataLabel(t.label(MembershipStatus.prospect)), .class("number"),
                                text: Formats.number(counts.prospects))
                        }
                    }
                }
            }
        }
        html.details(.class("map-list")) { html in
            html.summary { html in
                html.text(
                    String(
                        format: t[.analyticsMapList], Formats.number(min(points.count, Self.listLimit)),
                        Formats.number(points.count)))
            }
            html.ul(.class("plain")) { html in
                for point in points.prefix(Self.listLimit) {
                    html.li { html in
                        html.a(.href("/organizations/\(point.id)"), text: point.name)
                        html.text(
                            " · " + AnalyticsCharts.countryName(point.country ?? "") + " · " + t.label(point.status)
                                + (point.population.map { " · " + Formats.number(Int($0)) } ?? ""))
                    }
                }
            }
        }
    }
}
