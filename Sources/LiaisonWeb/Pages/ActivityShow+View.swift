import Foundation
import LiaisonCore
import LiaisonStore

/// An activity's page: what and when (in its own zone and the viewer's), where and who, the summary, a
/// mission's parts, the organizations taking part with the form that sets their attendance, the delegations,
/// and the history.
struct ActivityView {
    let model: ActivityModel
    let t: Strings
    /// Whether the signed-in person may change the activity (an editor or an admin).
    let canEdit: Bool
    let csrf: String
    var followUps: FollowUpSection?
    /// The reports on the activity, and the viewer's zone.
    var reports: [ReportSummary] = []
    var zone: TimeZone = .utc
    /// An event's invitations and delegations, for the kinds that have them.
    var eventDelegations: EventDelegationsSection?

    func render(into html: inout HTML) {
        RecordParts.notice(model.notice, into: &html)
        html.newline()
        head(into: &html)
        html.newline()
        html.div(.class("columns")) { html in
            html.newline()
            whereAndWho(into: &html)
            html.newline()
            RecordParts.section("summary", heading: t[.sectionSummary], into: &html) { html in
                if let summary = model.summary {
                    html.p(.class("notes"), text: summary)
                } else {
                    html.p(.class("muted"), text: t[.noneRecorded])
                }
            }
            html.newline()
        }
        html.newline()
        if let parts = model.parts {
            RecordParts.section("parts", heading: t[.sectionParts], into: &html) { html in
                if parts.isEmpty {
                    html.p(.class("muted"), text: t[.noneRecorded])
                } else {
                    html.ul(.class("plain timeline")) { html in
                        for part in parts { render(part, into: &html) }
                    }
                }
            }
            html.newline()
        }
        participants(into: &html)
        html.newline()
        eventDelegations?.render(into: &html, t: t)
        RecordParts.section("reports", heading: t[.sectionReports], into: &html) { html in
            ReportListView.list(reports, zone: zone, t: t, into: &html)
            if canEdit {
                html.a(.class("button secondary"), .href("/reports/new?activity=\(model.id)"), text: t[.newReport])
            }
        }
        html.newline()
        RecordParts.section("delegations", heading: t[.sectionDelegations], into: &html) { html in
            if model.delegations.isEmpty {
                html.p(.class("muted"), text: t[.noneRecorded])
            }
            for delegation in model.delegations { render(delegation, into: &html) }
        }
        html.newline()
        followUps?.render(into: &html, t: t)
        RecordParts.section("history", heading: t[.sectionHistory], into: &html) {
            HistoryView(rows: model.history, t: t).renderOrNone(into: &$0)
        }
        html.newline()
        html.p(.class("record-info muted"), text: "\(t[.version]) \(model.version) · \(t[.updated]) \(model.updated)")
    }

    private func head(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.newline()
            html.div { html in
                html.newline()
                html.p(.class("eyebrow")) { html in
                    html.span(.class("badge kind")) { $0.text(model.kindLabel) }
                    html.text(" · " + model.visibilityLabel)
                    if let missionId = model.missionId {
                        html.text(" · \(t[.partOf]) ")
                        html.a(.href("/activities/\(missionId)"), text: model.missionTitle ?? "")
                    }
                }
                html.newline()
                html.h1(text: model.title)
                html.newline()
                html.p(.class("when"), .id("when")) { html in
                    html.text(model.when + " ")
                    html.span(.class("muted")) { $0.text("(\(model.zone))") }
                }
                html.newline()
                if let viewerWhen = model.viewerWhen {
                    html.p(.class("muted"), .id("viewer-when"), text: viewerWhen)
                    html.newline()
                }
            }
            html.newline()
            html.div(.class("head-actions")) { html in
                html.newline()
                html.a(
                    .class("button secondary"), .href("/api/v1/activities/\(model.id)/ics"),
                    Attribute("download", "activity-\(model.id).ics"), text: t[.addToCalendar])
                html.newline()
                html.a(.class("button secondary"), .href("/briefing?activity=\(model.id)"), text: t[.briefingLink])
                html.newline()
                if canEdit {
                    html.a(.class("button"), .href("/activities/\(model.id)/edit"), text: t[.edit])
                    html.newline()
                    if model.parts != nil {
                        html.a(
                            .class("button secondary"), .href("/activities/new?mission=\(model.id)"),
                            text: t[.addPart])
                        html.newline()
                    }
                    html.a(.class("button secondary"), .href("/activities/\(model.id)/delete"), text: t[.delete])
                    html.newline()
                }
            }
            html.newline()
        }
    }

    private func whereAndWho(into html: inout HTML) {
        RecordParts.section("where", heading: t[.sectionWhere], into: &html) { html in
            html.dl(.class("facts")) { html in
                html.newline()
                if let place = model.place {
                    html.dt { $0.text(t[.fieldActivityPlace]) }
                    html.dd { html in
                        if let id = model.placeId {
                            html.a(.href("/organizations/\(id)"), text: place)
                        } else {
                            html.text(place)
                        }
                    }
                    html.newline()
                }
                if let venue = model.venue {
                    html.dt { $0.text(t[.fieldActivityVenue]) }
                    html.dd { $0.text(venue) }
                    html.newline()
                }
                if !model.organizers.isEmpty {
                    html.dt { $0.text(t[.organizers]) }
                    html.dd { html in
                        for organizer in model.organizers {
                            organization(organizer, into: &html)
                            html.text(" ")
                        }
                    }
                    html.newline()
                }
                if let staff = model.staff {
                    html.dt { $0.text(t[.fieldActivityStaff]) }
                    html.dd { $0.text(staff) }
                    html.newline()
                }
            }
        }
    }

    private func render(_ part: ActivityModel.Part, into html: inout HTML) {
        html.li { html in
            html.span(.class("muted")) { $0.text(part.when) }
            html.text(" ")
            html.span(.class("badge")) { $0.text(part.kindLabel) }
            html.text(" ")
            html.a(.href("/activities/\(part.id)"), text: part.title)
        }
    }

    /// The organizations by how they took part, each with a tick box for editors, and the status and mode to
    /// set for those ticked.
    private func participants(into html: inout HTML) {
        RecordParts.section("participants", heading: t[.sectionParticipants], sectionId: "participants", into: &html) {
            html in
            if let error = model.attendanceError {
                html.div(.class("alert"), .role("alert"), .id("attendance-error")) { $0.text(error) }
                html.newline()
            }
            if model.groups.isEmpty {
                html.p(.class("muted"), text: t[.noParticipants])
                return
            }
            html.form(.action("/activities/\(model.id)/attendance"), .method("post"), .class("attendance")) { html in
                html.newline()
                html.hidden(name: "_csrf", value: csrf)
                html.newline()
                html.hidden(name: "version", value: String(model.version))
                html.newline()
                for group in model.groups {
                    html.h3 { html in
                        html.text(group.heading + " ")
                        html.span(.class("muted")) { $0.text("(\(group.items.count))") }
                    }
                    html.newline()
                    html.ul(.class("plain participants")) { html in
                        for item in group.items { participant(item, into: &html) }
                    }
                    html.newline()
                }
                if canEdit {
                    bulk(into: &html)
                    html.newline()
                }
            }
        }
    }

    private func participant(_ item: ActivityModel.OrganizationItem, into html: inout HTML) {
        html.li { html in
            if canEdit, let id = item.id {
                html.input(.type("checkbox"), .id(item.field), .name("organization"), .value(String(id)))
                html.text(" ")
            }
            html.label(.for(item.field)) { organization(item, into: &$0) }
            html.text(" ")
            html.span(.class("badge status-\(item.status)")) { $0.text(item.statusLabel) }
            if item.organizer {
                html.text(" ")
                html.span(.class("badge")) { $0.text(t[.organizer]) }
            }
        }
    }

    private func bulk(into html: inout HTML) {
        html.fieldset(.class("bulk")) { html in
            html.element("legend", []) { $0.text(t[.setAttendance]) }
            html.newline()
            html.label(.for("f-bulk-status"), text: t[.fieldParticipantStatus])
            html.newline()
            choices(
                "f-bulk-status", "status",
                ParticipationStatus.allCases.map { ($0.rawValue, t.label($0)) }, into: &html)
            html.newline()
            html.label(.for("f-bulk-mode"), text: t[.fieldParticipantMode])
            html.newline()
            choices(
                "f-bulk-mode", "mode", AttendanceMode.allCases.map { ($0.rawValue, t.label($0)) },
                into: &html)
            html.newline()
            html.button(.type("submit"), text: t[.applyToTicked])
            html.newline()
        }
    }

    /// A select whose first choice leaves things as they are.
    private func choices(_ id: String, _ name: String, _ options: [(String, String)], into html: inout HTML) {
        html.select(.id(id), .name(name)) { html in
            html.option(.value("")) { $0.text(t[.unchanged]) }
            for (value, label) in options {
                html.option(.value(value)) { $0.text(label) }
            }
        }
    }

    private func render(_ delegation: ActivityModel.Delegation, into html: inout HTML) {
        html.h3 { $0.text(delegation.heading) }
        html.ul(.class("plain delegation")) { html in
            for person in delegation.people {
                html.li { html in
                    if let id = person.id {
                        html.a(.href("/people/\(id)"), text: person.name)
                    } else {
                        html.text(person.name)
                    }
                    html.text(" ")
                    html.span(.class("muted")) { html in
                        html.text(person.role)
                        if person.remote { html.text(" · " + t[.modeVirtual]) }
                    }
                }
            }
        }
    }

    /// An organization's name, a link to it when it is in the directory.
    private func organization(_ item: ActivityModel.OrganizationItem, into html: inout HTML) {
        if let id = item.id {
            html.a(.href("/organizations/\(id)"), text: item.name)
        } else {
            html.text(item.name)
        }
    }
}
