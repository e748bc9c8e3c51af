import Foundation
import LiaisonCore
import LiaisonStore

/// When a report was written, in the viewer's zone: "Wed 11 Nov 2026, 09:30 GMT+8".
enum ReportFormats {
    static func when(_ date: Date, in zone: TimeZone) -> String {
        "\(ActivityFormats.day(date, in: zone)), \(ActivityFormats.clock(date, in: zone)) "
            + ActivityFormats.abbreviation(zone, at: date)
    }
}

/// The reports list: filters, then each report with its status, activity, authors and day.
struct ReportListView {
    let items: [ReportSummary]
    let filters: [FormField]
    let zone: TimeZone
    let t: Strings
    let canEdit: Bool

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.h1(text: t[.reportsTitle])
            if canEdit { html.a(.class("button"), .href("/reports/new"), text: t[.newReport]) }
        }
        html.newline()
        html.form(.class("filters"), .method("get"), .action("/reports")) { html in
            for field in filters { field.render(into: &html) }
            ListParts.filterActions(clear: "/reports", t: t, into: &html)
        }
        html.newline()
        ReportListView.list(items, zone: zone, t: t, into: &html)
    }

    /// Reports as a list, or a line saying there are none; the record pages list theirs with it too.
    static func list(_ items: [ReportSummary], zone: TimeZone, t: Strings, into html: inout HTML) {
        guard !items.isEmpty else {
            html.p(.class("muted"), text: t[.noReports])
            return
        }
        html.ul(.class("plain timeline"), .id("reports")) { html in
            for item in items {
                html.li { html in
                    html.span(.class("muted")) { $0.text(ActivityFormats.day(item.updatedAt, in: zone)) }
                    html.text(" ")
                    if item.status == .draft { html.span(.class("badge draft")) { $0.text(t[.reportStatusDraft]) } }
                    html.text(" ")
                    html.a(.href("/reports/\(item.id)"), text: item.title)
                    if let activity = item.activityTitle {
                        html.text(" ")
                        html.span(.class("muted")) { $0.text("— \(activity)") }
                    }
                    if !item.authors.isEmpty {
                        html.text(" ")
                        html.span(.class("muted")) { $0.text("· " + item.authors.joined(separator: ", ")) }
                    }
                }
            }
        }
    }
}

/// A report's page: its head, its text rendered from Markdown, its links, its follow-ups, its comments and its
/// history.
struct ReportView {
    let report: Report
    let followUps: [ReportFollowUpLine]
    let thread: CommentThreadView
    let history: [AuditEntry]
    let zone: TimeZone
    let t: Strings
    let canEdit: Bool
    let csrf: String
    let notice: String?
    let linkError: String?

    func render(into html: inout HTML) {
        RecordParts.notice(notice, into: &html)
        html.newline()
        html.div(.class("page-head")) { html in
            html.div { html in
                html.p(.class("eyebrow")) { html in
                    let status = report.input.status == .draft ? t[.reportStatusDraft] : t[.reportStatusShared]
                    html.span(.class("badge" + (report.input.status == .draft ? " draft" : "")), .id("status")) {
                        $0.text(status)
                    }
                    if let activityId = report.input.activityId {
                        html.text(" · ")
                        html.a(.href("/activities/\(activityId)"), text: report.activityTitle ?? "")
                    }
                    if let organizationId = report.input.organizationId {
                        html.text(" · ")
                        html.a(.href("/organizations/\(organizationId)"), text: report.organizationName ?? "")
                    }
                }
                html.h1(text: report.input.title)
                html.p(.class("muted"), .id("byline")) { html in
                    html.text(report.authors.map(\.name).joined(separator: ", "))
                    html.text(" · " + ReportFormats.when(report.updatedAt, in: zone))
                }
            }
            if canEdit {
                html.div(.class("head-actions")) { html in
                    html.a(.class("button"), .href("/reports/\(report.id)/edit"), text: t[.edit])
                    html.text(" ")
                    html.a(.class("button secondary"), .href("/reports/\(report.id)/delete"), text: t[.delete])
                }
            }
        }
        html.newline()
        html.div(.class("report-text"), .id("report-text")) { html in
            html.markdown(MarkdownText(report.input.body))
        }
        html.newline()
        RecordParts.section("links", heading: t[.sectionReportLinks], sectionId: "links", into: &html) { html in
            links(into: &html)
        }
        html.newline()
        RecordParts.section("follow-ups", heading: t[.sectionFollowUps], into: &html) { html in
            if followUps.isEmpty {
                html.p(.class("muted"), text: t[.noneRecorded])
            } else {
                html.ul(.class("plain"), .id("follow-up-list")) { html in
                    for line in followUps {
                        html.li { html in
                            html.span(.class("badge")) { $0.text(line.status) }
                            html.text(" " + line.title)
                            let who = [line.assigneeName, line.dueDate.map { "\(t[.due]) \($0)" }].compactMap { $0 }
                            if !who.isEmpty {
                                html.text(" ")
                                html.span(.class("muted")) { $0.text("— " + who.joined(separator: " · ")) }
                            }
                        }
                    }
                }
            }
        }
        html.newline()
        RecordParts.section("comment-thread", heading: t[.sectionComments], sectionId: "comments", into: &html) {
            thread.render(into: &$0)
        }
        html.newline()
        RecordParts.section("history", heading: t[.sectionHistory], into: &html) {
            HistoryView(rows: history.map { AdminPages.row($0, strings: t, onRecordPage: true) }, t: t).renderOrNone(
                into: &$0)
        }
        html.newline()
        html.p(
            .class("record-info muted"),
            text: "\(t[.version]) \(report.version) · \(t[.updated]) \(ReportFormats.when(report.updatedAt, in: zone))")
    }

    private func links(into html: inout HTML) {
        if let linkError { html.div(.class("alert"), .role("alert"), .id("link-error")) { $0.text(linkError) } }
        if report.links.isEmpty {
            html.p(.class("muted"), text: t[.noneRecorded])
        } else {
            html.ul(.class("plain"), .id("link-list")) { html in
                for link in report.links {
                    html.li { html in
                        let path = link.target.kind == .organization ? "/organizations/" : "/people/"
                        html.a(.href(path + String(link.target.id)), text: link.name)
                        html.text(" ")
                        html.span(.class("muted")) { $0.text(link.found ? t[.linkFound] : t[.linkAdded]) }
                        if canEdit {
                            html.form(.class("inline"), .method("post"), .action("/reports/\(report.id)/links")) {
                                html in
                                html.hidden(name: "_csrf", value: csrf)
                                html.hidden(name: "version", value: String(report.version))
                                html.hidden(name: "remove", value: "\(link.target.kind.rawValue):\(link.target.id)")
                                html.button(
                                    .type("submit"), .class("link"),
                                    Attribute("aria-label", String(format: t[.removeLinkLabel], link.name)),
                                    text: t[.removeLink])
                            }
                        }
                    }
                }
            }
        }
        guard canEdit else { return }
        html.form(.class("inline-add"), .method("post"), .action("/reports/\(report.id)/links")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.hidden(name: "version", value: String(report.version))
            FormField(name: "name", label: t[.addLinkLabel], hint: t[.addLinkHint]).render(into: &html)
            html.button(.type("submit"), text: t[.addLink])
        }
    }
}

/// The form that writes or edits a report.
struct ReportFormView {
    let form: ReportForm
    let heading: String
    let action: String
    let cancel: String
    let conflict: Bool
    let staff: [StaffAccount]
    let activities: [ActivitySummary]
    let t: Strings
    let csrf: String

    var version: String { form.version }
    var errorSummary: [FieldErrorLink] {
        form.errors.map { FieldErrorLink(id: "f-" + Self.base($0.field), message: $0.message) }
    }

    func render(into html: inout HTML) {
        FormParts.record(self, t: t, csrf: csrf, into: &html) { html in
            html.hidden(name: "organizationId", value: form.organizationId)
            FormField(
                name: "title", label: t[.fieldReportTitle], value: form.title, error: form.error("title"),
                required: true
            ).render(into: &html)
            FormField(
                name: "body", label: t[.fieldReportBody], value: form.body, error: form.error("body"),
                hint: t[.reportBodyHint], control: .textarea
            ).render(into: &html)
            var status = FormField(
                name: "status", label: t[.fieldReportStatus], error: form.error("status"), control: .select)
            status.options = FormField.choices(
                [("draft", t[.reportStatusDraft]), ("shared", t[.reportStatusShared])], selected: form.status,
                blank: nil)
            status.render(into: &html)
            var activity = FormField(
                name: "activityId", label: t[.fieldReportActivity], error: form.error("activityId"), control: .select)
            var choices = activities.map { (String($0.id), $0.title) }
            if !form.activityId.isEmpty, !choices.contains(where: { $0.0 == form.activityId }) {
                choices.insert((form.activityId, "#" + form.activityId), at: 0)
            }
            activity.options = FormField.choices(choices, selected: form.activityId, blank: t[.noActivity])
            activity.render(into: &html)
            var authors = FormField(
                name: "authorAccountIds", label: t[.fieldReportAuthors], error: form.error("authorAccountIds"),
                hint: t[.reportAuthorsHint], control: .checkboxes)
            authors.options = staff.map {
                .init(value: String($0.id), label: $0.name, selected: form.authors.contains(String($0.id)))
            }
            authors.render(into: &html)
            var reviewers = FormField(
                name: "reviewerAccountIds", label: t[.fieldReportReviewers], error: form.error("reviewerAccountIds"),
                control: .checkboxes)
            reviewers.options = staff.map {
                .init(value: String($0.id), label: $0.name, selected: form.reviewers.contains(String($0.id)))
            }
            reviewers.render(into: &html)
        }
    }

    private static func base(_ field: String) -> String {
        String(field.prefix { $0 != "[" })
    }
}
