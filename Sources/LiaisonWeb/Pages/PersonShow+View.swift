import Foundation
import LiaisonCore
import LiaisonStore

/// A person's page: the name and what an editor can do with the record, the posts held now and before, how
/// to reach them, their activities, what else is known of them, the history of the record and its version.
struct PersonView {
    let model: PersonModel
    let t: Strings
    /// Whether the signed-in person may edit, merge and delete the record (an editor or an admin).
    let canEdit: Bool
    var followUps: FollowUpSection?
    /// The latest reports that link the person, how many there are, and the viewer's zone.
    var reports: [ReportSummary] = []
    var reportCount = 0
    var zone: TimeZone = .utc

    static let latelyShown = 5

    func render(into html: inout HTML) {
        RecordParts.notice(model.notice, into: &html)
        html.newline()
        head(into: &html)
        html.newline()
        // As on an organization's page: key facts beside (or above) the main column, long sections folded.
        html.div(.class("record-layout")) { html in
            html.newline()
            if !model.keyFacts.isEmpty {
                RecordParts.keyFacts(model.keyFacts, heading: t[.keyFacts], into: &html)
                html.newline()
            }
            html.div(.class("record-main")) { html in
                html.newline()
                html.div(.class("columns")) { html in
                    html.newline()
                    RecordParts.section("positions", heading: t[.sectionPositions], into: &html) {
                        positions(into: &$0)
                    }
                    html.newline()
                    RecordParts.section("channels", heading: t[.sectionChannels], into: &html) { channels(into: &$0) }
                    html.newline()
                }
                html.newline()
                RecordParts.section("lately", heading: t[.sectionLately], into: &html) { html in
                    RecordParts.timeline(Array(model.activities.prefix(Self.latelyShown)), t: t, into: &html)
                }
                html.newline()
                RecordParts.section("reports", heading: "\(t[.sectionReports]) (\(reportCount))", into: &html) { html in
                    ReportListView.list(reports, zone: zone, t: t, into: &html)
                }
                html.newline()
                followUps?.render(into: &html, t: t)
                folds(into: &html)
            }
            html.newline()
        }
        html.newline()
        html.p(.class("record-info muted")) { html in
            html.text("\(t[.version]) ")
            html.text(model.version)
            html.text(" · \(t[.updated]) \(model.updated) · \(t[.created]) \(model.created)")
        }
    }

    /// Past positions, all activities, what else is known and the history, each folded under its heading.
    private func folds(into html: inout HTML) {
        if !model.past.isEmpty {
            RecordParts.fold("past-positions", heading: t[.pastPositions], count: model.past.count, into: &html) {
                positionList(model.past, strong: false, into: &$0)
            }
            html.newline()
        }
        RecordParts.fold("activities", heading: t[.sectionAllActivities], count: model.activities.count, into: &html) {
            RecordParts.timeline(model.activities, t: t, id: "timeline-all", into: &$0)
        }
        html.newline()
        RecordParts.fold("about", heading: t[.sectionAbout], into: &html) { about(into: &$0) }
        html.newline()
        // Open after a save or a merge, so the change just made shows.
        RecordParts.fold("history", heading: t[.sectionHistory], open: model.notice != nil, into: &html) {
            HistoryView(rows: model.history, t: t).renderOrNone(into: &$0)
        }
    }

    private func head(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.newline()
            html.div { html in
                html.newline()
                html.p(.class("eyebrow")) { html in
                    html.text(t[.person])
                    if let role = model.role {
                        html.text(" · ")
                        html.span(.class("badge")) { $0.text(role) }
                    }
                }
                html.newline()
                html.h1 { html in
                    if let honorific = model.honorific {
                        html.span(.class("muted")) { $0.text(honorific) }
                        html.text(" ")
                    }
                    html.text(model.name)
                    if let nativeName = model.nativeName {
                        html.text(" ")
                        html.span(.class("native"), .lang("und")) { $0.text(nativeName) }
                    }
                }
                html.newline()
            }
            html.newline()
            html.div(.class("head-actions")) { html in
                html.newline()
                let record = "/people/\(model.id)"
                html.a(
                    .class("button secondary"), .href("\(record)/vcard"), .flag("download"), text: t[.exportVcardOne]
                )
                html.newline()
                if canEdit {
                    html.a(.class("button"), .href("\(record)/edit"), text: t[.edit])
                    html.newline()
                    html.a(.class("button secondary"), .href("\(record)/merge"), text: t[.merge])
                    html.newline()
                    html.a(.class("button secondary"), .href("\(record)/delete"), text: t[.delete])
                    html.newline()
                }
            }
            html.newline()
        }
    }

    private func positions(into html: inout HTML) {
        if model.current.isEmpty {
            html.p(.class("muted"), text: t[.noCurrentPosition])
        } else {
            positionList(model.current, strong: true, into: &html)
        }
        html.newline()
    }

    /// Posts as "Title, Department — Organization 2016–2020", the current ones' titles in bold.
    private func positionList(_ positions: [Position], strong: Bool, into html: inout HTML) {
        html.ul(.class("plain")) { html in
            for position in positions {
                html.li { html in
                    if strong {
                        html.strong { $0.text(position.title) }
                    } else {
                        html.text(position.title)
                    }
                    if let department = position.department { html.text(", \(department)") }
                    if let organization = position.organizationName {
                        html.text(" — ")
                        if let id = position.organizationId {
                            html.a(.href("/organizations/\(id)"), text: organization)
                        } else {
                            html.text(organization)
                        }
                    }
                    if position.startDate != nil || position.endDate != nil {
                        html.text(" ")
                        html.span(.class("muted")) { html in
                            html.text(position.startDate ?? "…")
                            html.text("–")
                            html.text(position.endDate ?? "")
                        }
                    }
                }
            }
        }
    }

    private func channels(into html: inout HTML) {
        if model.channels.isEmpty {
            html.p(.class("muted"), text: t[.noneRecorded])
        } else {
            html.dl(.class("facts channels")) { html in
                for channel in model.channels { render(channel, into: &html) }
            }
        }
        html.newline()
    }

    private func render(_ channel: PersonModel.Channel, into html: inout HTML) {
        html.dt { html in
            html.text(channel.kind)
            if let label = channel.label {
                html.text(" ")
                html.span(.class("muted")) { $0.text("(\(label))") }
            }
        }
        html.dd { html in
            switch channel.display {
            case .postal: html.span(.class("postal")) { $0.text(channel.value) }
            case .link(let href): html.a(.href(href), Attribute("rel", "noopener noreferrer"), text: channel.value)
            case .text: html.text(channel.value)
            }
            if channel.preferred {
                html.text(" ")
                html.span(.class("badge paying")) { $0.text(t[.preferred]) }
            }
            if let heldBy = channel.heldBy {
                html.text(" ")
                html.span(.class("muted")) { $0.text("· \(t[.heldBy]) \(heldBy)") }
            }
        }
    }

    private func about(into html: inout HTML) {
        html.dl(.class("facts")) { html in
            if let metAt = model.metAt {
                html.dt { $0.text(t[.metAtActivity]) }
                html.dd { html in
                    html.a(.href("/activities/\(metAt.id)"), .id("met-at-activity")) { html in
                        html.text(metAt.title)
                        html.text(" (\(metAt.day))")
                    }
                }
            }
            for fact in model.facts {
                html.dt { $0.text(fact.label) }
                html.dd { $0.text(fact.value) }
            }
        }
        html.newline()
        if let notes = model.notes { html.p(.class("notes"), text: notes) }
        html.newline()
    }
}
