import Foundation
import LiaisonCore
import LiaisonStore

/// The head of an event's delegation pages: the event, the tabs, the CSV and the filters.
struct DelegationHeadView {
    let activity: Activity
    let current: String
    let filters: DelegationFilters
    let fields: [FormField]
    let t: Strings

    var base: String { "/activities/\(activity.id)" }

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.h1(
                text: String(
                    format: t[current == "list" ? .delegationsTitle : .delegationForecastTitle], activity.title))
            html.div(.class("actions")) { html in
                for (path, key, label) in [
                    ("\(base)/delegations", "list", t[.delegationsList]),
                    ("\(base)/forecast", "forecast", t[.delegationsForecast]),
                ] {
                    html.a(
                        .class(key == current ? "button" : "button secondary"), .href(filters.link(path)),
                        key == current ? Attribute("aria-current", "page") : nil, text: label)
                    html.text(" ")
                }
                html.a(
                    .class("button secondary"), .href(filters.link("\(base)/delegations.csv")), text: t[.exportCsv])
            }
        }
        html.p { $0.a(.href(base), text: activity.title) }
        html.newline()
        let action = current == "list" ? "\(base)/delegations" : "\(base)/forecast"
        ListParts.filters(action: action, fields: fields, t: t, into: &html)
        ListParts.errors(filters.errors.map(\.message), into: &html)
        html.newline()
    }
}

/// An event's delegations, each with its invitation and what the forecast counts for it; for an editor, boxes
/// and the form that sets many invitations at once and invites organizations by name.
struct DelegationListView {
    let activity: Activity
    let head: DelegationHeadView
    let items: [DelegationSummary]
    let regions: RegionCatalog
    let notice: String?
    let canEdit: Bool
    let csrf: String
    let today: String
    let t: Strings

    func render(into html: inout HTML) {
        RecordParts.notice(notice, into: &html)
        head.render(into: &html)
        guard canEdit else {
            table(boxes: false, into: &html)
            return
        }
        html.form(.action("/activities/\(activity.id)/delegations"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            table(boxes: true, into: &html)
            FormParts.fieldset(legend: t[.delegationsBulk], into: &html) { html in
                var invite = FormField(name: "invite", label: t[.delegationsInvite], control: .textarea)
                invite.hint = t[.hintOneNamePerLine]
                invite.render(into: &html)
                var state = FormField(name: "setState", label: t[.delegationsSetState], control: .select)
                state.options = FormField.choices(
                    DelegationInvitationState.allCases.map { ($0.rawValue, t.label($0)) }, selected: "invited",
                    blank: nil)
                state.render(into: &html)
                var letter = FormField(name: "letterLanguage", label: t[.fieldLetterLanguage])
                letter.hint = t[.hintLanguageCode]
                letter.render(into: &html)
                html.button(.type("submit"), text: t[.delegationsApply])
            }
        }
    }

    private func table(boxes: Bool, into html: inout HTML) {
        guard !items.isEmpty else {
            html.p(.class("muted"), text: t[.delegationsNone])
            return
        }
        html.table(.class("stacked")) { html in
            html.thead { html in
                html.tr { html in
                    for label in [
                        t[.fieldOrganization], t[.fieldCountry], t[.fieldInvitationState], t[.fieldExpectedSize],
                        t[.delegationExpected], t[.delegationRegistered], t.label(DelegateRole.headOfDelegation),
                    ] {
                        html.th(.scope("col"), text: label)
                    }
                }
            }
            html.tbody { html in
                for item in items {
                    html.tr { html in
                        html.td(.dataLabel(t[.fieldOrganization])) { html in
                            if boxes {
                                let id = "delegation-\(item.id)"
                                html.input(
                                    .type("checkbox"), .id(id), .name("delegations"),
                                    .value("\(item.id):\(item.version)"),
                                    .ariaLabel(item.organizationName))
                                html.text(" ")
                            }
                            html.a(.href("/delegations/\(item.id)"), text: item.organizationName)
                        }
                        html.td(.dataLabel(t[.fieldCountry]), text: item.country ?? "")
                        html.td(.dataLabel(t[.fieldInvitationState])) { html in
                            html.span(.class("badge")) { $0.text(t.label(item.state)) }
                            if let sent = item.sentOn { html.span(.class("muted")) { $0.text(" \(sent)") } }
                        }
                        html.td(
                            .dataLabel(t[.fieldExpectedSize]),
                            text: (item.expectedSize.map(String.init) ?? "–")
                                + (item.mayorHeads ? " · \(t[.delegationMayorHeads])" : ""))
                        html.td(.dataLabel(t[.delegationExpected]), text: String(item.figures.expected))
                        html.td(.dataLabel(t[.delegationRegistered]), text: String(item.figures.registered))
                        html.td(.dataLabel(t.label(DelegateRole.headOfDelegation)), text: item.headName ?? "")
                    }
                }
            }
        }
    }
}

/// Expected and registered participants by region and by country, in person and virtually, with totals and
/// each line's share of those expected, drawn as a bar too.
struct DelegationForecastView {
    let head: DelegationHeadView
    let forecast: DelegationForecast
    let regions: RegionCatalog
    let t: Strings

    func render(into html: inout HTML) {
        head.render(into: &html)
        html.p { html in
            html.text(
                String(
                    format: t[.delegationForecastSummary], forecast.total.expected, forecast.delegations,
                    forecast.total.registered))
        }
        RecordParts.section("forecast-regions", heading: t[.delegationByRegion], into: &html) { html in
            table(
                forecast.regions,
                name: { key in key.isEmpty ? t[.pipelineNoRegion] : regions.region(key: key)?.name ?? key },
                into: &html)
        }
        RecordParts.section("forecast-countries", heading: t[.delegationByCountry], into: &html) { html in
            table(
                forecast.countries,
                name: { key in key.isEmpty ? t[.delegationNoCountry] : Country.named(code: key)?.name ?? key },
                into: &html)
        }
    }

    private func table(_ lines: [DelegationForecast.Line], name: (String) -> String, into html: inout HTML) {
        guard !lines.isEmpty else {
            html.p(.class("muted"), text: t[.delegationsNone])
            return
        }
        let columns = [
            t[.delegationCount], "\(t[.delegationExpected]) · \(t.label(AttendanceMode.inPerson))",
            "\(t[.delegationExpected]) · \(t.label(AttendanceMode.virtual))", t[.delegationExpected],
            "\(t[.delegationRegistered]) · \(t.label(AttendanceMode.inPerson))",
            "\(t[.delegationRegistered]) · \(t.label(AttendanceMode.virtual))", t[.delegationShare],
        ]
        html.table(.class("stacked forecast")) { html in
            html.thead { html in
                html.tr { html in
                    html.th(.scope("col"), text: t[.delegationWhere])
                    for label in columns { html.th(.scope("col"), text: label) }
                }
            }
            html.tbody { html in
                for line in lines {
                    row(name(line.key), delegations: line.delegations, line.figures, share: line.share, into: &html)
                }
            }
            html.element("tfoot") { html in
                row(t[.delegationTotal], delegations: forecast.delegations, forecast.total, share: nil, into: &html)
            }
        }
    }

    private func row(
        _ name: String, delegations: Int, _ figures: DelegationFigures, share: Double?, into html: inout HTML
    ) {
        html.tr { html in
            html.th(.scope("row"), text: name)
            let cells: [(StringKey?, String, Int)] = [
                (.delegationCount, "", delegations),
                (.delegationExpected, " · \(t.label(AttendanceMode.inPerson))", figures.expectedInPerson),
                (.delegationExpected, " · \(t.label(AttendanceMode.virtual))", figures.expectedVirtual),
                (.delegationExpected, "", figures.expected),
                (.delegationRegistered, " · \(t.label(AttendanceMode.inPerson))", figures.registeredInPerson),
                (.delegationRegistered, " · \(t.label(AttendanceMode.virtual))", figures.registeredVirtual),
            ]
            for (key, suffix, value) in cells {
                html.td(.dataLabel((key.map { t[$0] } ?? "") + suffix), text: String(value))
            }
            html.td(.dataLabel(t[.delegationShare])) { html in
                guard let share else {
                    html.text("100 %")
                    return
                }
                let percent = Int((share * 100).rounded())
                html.text("\(percent) %")
                html.text(" ")
                // A bar drawn on the server: no script and no inline style.
                html.element(
                    "svg",
                    [
                        Attribute("class", "bar"), Attribute("width", "100"), Attribute("height", "10"),
                        Attribute("viewBox", "0 0 100 10"), Attribute("aria-hidden", "true"),
                    ]
                ) { html in
                    html.element("rect", [Attribute("width", String(percent)), Attribute("height", "10")]) { _ in }
                }
            }
        }
    }
}
