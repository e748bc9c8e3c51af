import Foundation
import LiaisonCore
import LiaisonStore

/// An organization's page: its name and status, facts and membership, the people there now and before, its
/// latest activities, governance roles, networks, practices, history and the record's version.
struct OrganizationShowView {
    let model: OrganizationShowModel
    let t: Strings
    /// Whether the signed-in person may change the organization (an editor or an admin).
    let canEdit: Bool
    var followUps: FollowUpSection?
    var pipeline: PipelineSection?
    var engagement: EngagementSection?
    var delegations: OrganizationDelegationsSection?
    var coverage: CoverageSection?
    /// The latest reports that link the organization or note it, how many there are, and the viewer's zone.
    var reports: [ReportSummary] = []
    var reportCount = 0
    var zone: TimeZone = .utc

    /// How many people and activities show before the rest are folded away.
    static let peopleShown = 12
    static let latelyShown = 5

    func render(into html: inout HTML) {
        RecordParts.notice(model.saved ? t[.saved] : nil, into: &html)
        html.newline()
        head(into: &html)
        html.newline()
        // The main column leads with the people and what happened lately; the long sections are folded. The key
        // facts sit beside it on a wide screen and above it on a narrow one.
        html.div(.class("record-layout")) { html in
            html.newline()
            RecordParts.keyFacts(model.keyFacts, heading: t[.keyFacts], into: &html)
            html.newline()
            html.div(.class("record-main")) { html in
                html.newline()
                RecordParts.section("people", heading: t[.sectionPeople], into: &html) { html in
                    people(into: &html)
                }
                html.newline()
                RecordParts.section("lately", heading: t[.sectionLately], into: &html) { html in
                    lately(into: &html)
                }
                html.newline()
                RecordParts.section("reports", heading: "\(t[.sectionReports]) (\(reportCount))", into: &html) { html in
                    ReportListView.list(reports, zone: zone, t: t, into: &html)
                    if canEdit {
                        html.a(
                            .class("button secondary"), .href("/reports/new?organization=\(model.id)"),
                            text: t[.writeNote])
                    }
                }
                html.newline()
                followUps?.render(into: &html, t: t)
                html.newline()
                pipeline?.render(into: &html, t: t)
                html.newline()
                engagement?.render(into: &html, t: t)
                delegations?.render(into: &html, t: t)
                html.newline()
                coverage?.render(into: &html, t: t)
                folds(into: &html)
            }
            html.newline()
        }
        html.newline()
        html.p(.class("record-info muted")) { html in
            html.text(t[.version])
            html.text(" ")
            html.text(model.version)
            html.text(" · \(t[.updated]) ")
            html.text(model.updated)
            html.text(" · \(t[.created]) ")
            html.text(model.created)
        }
    }

    /// The long sections, each folded under its heading: all activities, roles, networks, practices, history.
    private func folds(into html: inout HTML) {
        RecordParts.fold("activities", heading: t[.sectionAllActivities], count: model.activities.count, into: &html) {
            html in
            RecordParts.timeline(model.activities, t: t, id: "timeline-all", into: &html)
        }
        html.newline()
        RecordParts.fold("roles", heading: t[.sectionRoles], count: model.roles.count, into: &html) { html in
            list(model.roles, into: &html) { role, html in
                html.strong { $0.text(role.title) }
                if role.fromYear != nil || role.toYear != nil {
                    html.text(" ")
                    html.span(.class("muted")) { html in
                        year(role.fromYear, into: &html)
                        html.text("–")
                        year(role.toYear, into: &html)
                    }
                }
            }
        }
        html.newline()
        RecordParts.fold("networks", heading: t[.sectionAffiliations], count: model.networks.count, into: &html) {
            html in
            list(model.networks, into: &html) { network, html in
                html.a(.href("/organizations/\(network.id)"), text: network.name)
            }
        }
        html.newline()
        RecordParts.fold("practices", heading: t[.sectionPractices], count: model.practices.count, into: &html) {
            html in
            list(model.practices, into: &html) { practice, html in
                html.strong { $0.text(practice.title) }
                if let year = practice.year {
                    html.text(" ")
                    html.span(.class("muted")) { html in
                        html.text("(")
                        html.text(year)
                        html.text(")")
                    }
                }
                if let description = practice.description {
                    html.br()
                    html.text(description)
                }
            }
        }
        html.newline()
        // Open after a save, so the change just made shows.
        RecordParts.fold("history", heading: t[.sectionHistory], open: model.saved, into: &html) {
            HistoryView(rows: model.history, t: t).renderOrNone(into: &$0)
        }
    }

    /// The kind, status and name, the other names, and the buttons that edit and delete.
    private func head(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.newline()
            html.div { html in
                html.newline()
                html.p(.class("eyebrow")) { html in
                    html.text(model.kind)
                    html.text(" · ")
                    html.span(.class("badge status-\(model.statusKey)")) { $0.text(model.status) }
                    if model.paying {
                        html.text(" ")
                        html.span(.class("badge paying")) { $0.text(t[.paying]) }
                    }
                }
                html.newline()
                html.h1 { html in
                    html.text(model.name)
                    if let nativeName = model.nativeName {
                        html.text(" ")
                        html.span(.class("native"), .lang("und")) { $0.text(nativeName) }
                    }
                }
                html.newline()
                if !model.aliases.isEmpty {
                    html.p(.class("aliases")) { html in
                        html.text(t[.alsoKnownAs])
                        html.text(" ")
                        for (index, alias) in model.aliases.enumerated() {
                            if index > 0 { html.text(", ") }
                            html.text(alias)
                        }
                    }
                    html.newline()
                }
            }
            html.newline()
            if canEdit {
                html.div(.class("head-actions")) { html in
                    html.newline()
                    html.a(.class("button"), .href("/organizations/\(model.id)/edit"), text: t[.edit])
                    html.newline()
                    html.a(.class("button secondary"), .href("/organizations/\(model.id)/delete"), text: t[.delete])
                    html.newline()
                }
                html.newline()
            }
        }
    }

    /// The items as a plain list, or "None recorded."
    private func list<Item>(_ items: [Item], into html: inout HTML, item: (Item, inout HTML) -> Void) {
        guard !items.isEmpty else {
            html.p(.class("muted"), text: t[.noneRecorded])
            return
        }
        html.ul(.class("plain")) { html in
            for each in items {
                html.li { item(each, &$0) }
            }
        }
    }

    private func year(_ year: Int?, into html: inout HTML) {
        if let year { html.text(year) } else { html.text("…") }
    }

    private func people(into html: inout HTML) {
        if model.currentPeople.isEmpty {
            html.p(.class("muted"), text: t[.noCurrentPeople])
        } else {
            people(Array(model.currentPeople.prefix(Self.peopleShown)), into: &html)
        }
        html.newline()
        // A hundred people here make a long list: the first few show, the others are a click away.
        if model.currentPeople.count > Self.peopleShown {
            html.details(.class("more"), .id("more-people")) { html in
                html.summary {
                    $0.text(String(format: t[.allCurrentPeople], model.currentPeople.count - Self.peopleShown))
                }
                people(Array(model.currentPeople.dropFirst(Self.peopleShown)), into: &html)
            }
            html.newline()
        }
        if !model.pastPeople.isEmpty {
            html.details(.class("more"), .id("past-people")) { html in
                html.summary { html in
                    html.text(t[.pastPeople])
                    html.text(" (\(model.pastPeople.count))")
                }
                people(model.pastPeople, into: &html)
            }
            html.newline()
        }
        html.p { html in
            html.a(.href("/people?organization=\(model.id)"), text: t[.allPeopleHere])
            if canEdit {
                html.text(" · ")
                html.a(.href("/people/new?organization=\(model.id)"), text: t[.addPersonHere])
            }
        }
    }

    private func people(_ lines: [OrganizationShowModel.PersonLine], into html: inout HTML) {
        html.ul(.class("plain people")) { html in
            for line in lines {
                html.li { html in
                    ListParts.recordName(
                        href: "/people/\(line.id)", name: line.name, nativeName: line.nativeName, into: &html)
                    html.text(" ")
                    html.span(.class("muted")) { html in
                        html.text(line.title)
                        if let department = line.department {
                            html.text(", ")
                            html.text(department)
                        }
                        if line.start != nil || line.end != nil {
                            html.text(" · ")
                            html.text(line.start ?? "…")
                            html.text("–")
                            html.text(line.end ?? "")
                        }
                    }
                }
            }
        }
    }

    /// The latest few activities, and the links to all of them and to record one.
    private func lately(into html: inout HTML) {
        RecordParts.timeline(Array(model.activities.prefix(Self.latelyShown)), t: t, into: &html)
        html.newline()
        html.p { html in
            html.a(.href(model.activitiesHref), text: t[.allActivitiesHere])
            if canEdit {
                html.text(" · ")
                html.a(.href("/activities/new?organization=\(model.id)"), text: t[.addActivityHere])
            }
        }
    }
}
