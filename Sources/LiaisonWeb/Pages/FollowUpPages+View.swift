import Foundation
import LiaisonCore
import LiaisonStore

/// A list of follow-ups: each due day (overdue marked in words, not colour alone), title, who, what it
/// concerns, and for editors the one-click Done.
struct FollowUpLinesView {
    let lines: [FollowUpLine]
    let t: Strings
    let csrf: String?
    let back: String

    func render(into html: inout HTML) {
        html.ul(.class("plain follow-ups")) { html in
            for line in lines {
                html.li(.class(line.overdue ? "follow-up overdue" : "follow-up")) { html in
                    html.span(.class("muted")) { $0.text(line.due) }
                    if line.overdue {
                        html.text(" ")
                        html.span(.class("badge warning")) { $0.text(t[.followUpOverdue]) }
                    }
                    if line.status != .open {
                        html.text(" ")
                        html.span(.class("badge")) { $0.text(line.statusLabel) }
                    }
                    html.text(" ")
                    html.a(.href("/follow-ups/\(line.id)"), text: line.title)
                    if let assignee = line.assignee {
                        html.text(" ")
                        html.span(.class("muted")) { $0.text("— \(assignee)") }
                    }
                    if !line.concerns.isEmpty {
                        html.text(" ")
                        html.span(.class("muted")) { $0.text("· \(line.concerns)") }
                    }
                    if let csrf, !line.status.isClosed {
                        html.text(" ")
                        FollowUpStatusButton(
                            id: line.id, version: line.version, status: .done, label: t[.followUpDone], csrf: csrf,
                            back: back, title: line.title
                        ).render(into: &html)
                    }
                }
            }
        }
    }
}

/// The form that sets a follow-up's status in one click.
struct FollowUpStatusButton {
    let id: Int64
    let version: Int
    let status: FollowUpStatus
    let label: String
    let csrf: String
    let back: String
    var title: String?

    func render(into html: inout HTML) {
        html.form(.class("inline"), .action("/follow-ups/\(id)/status"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.hidden(name: "version", value: String(version))
            html.hidden(name: "status", value: status.rawValue)
            html.hidden(name: "back", value: back)
            html.button(
                .type("submit"), .class("small"), title.map { Attribute.ariaLabel("\(label): \($0)") }, text: label)
        }
    }
}

struct FollowUpListView {
    let model: FollowUpListModel
    let t: Strings
    let csrf: String?

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.h1(text: model.heading)
            if model.canEdit { html.a(.class("button"), .href("/follow-ups/new"), text: t[.newFollowUp]) }
        }
        html.newline()
        ListParts.filters(action: "/follow-ups", fields: model.filters, t: t, into: &html)
        html.newline()
        if model.lines.isEmpty {
            html.p(.class("muted"), text: t[.followUpsNone])
        } else {
            FollowUpLinesView(lines: model.lines, t: t, csrf: model.canEdit ? csrf : nil, back: model.back).render(
                into: &html)
        }
        html.newline()
    }
}

struct FollowUpShowView {
    let model: FollowUpShowModel
    let t: Strings
    let canEdit: Bool
    let csrf: String

    func render(into html: inout HTML) {
        RecordParts.notice(model.notice, into: &html)
        html.div(.class("page-head")) { html in
            html.h1(text: model.title)
            if canEdit {
                html.div(.class("actions")) { html in
                    // Done when still to do, Reopen when closed: the one thing most often done here.
                    let closed = model.status.isClosed
                    FollowUpStatusButton(
                        id: model.id, version: model.version, status: closed ? .open : .done,
                        label: closed ? t[.followUpReopen] : t[.followUpDone], csrf: csrf,
                        back: "/follow-ups/\(model.id)?saved=1"
                    ).render(into: &html)
                    html.text(" ")
                    html.a(.class("button secondary"), .href("/follow-ups/\(model.id)/edit"), text: t[.edit])
                    html.text(" ")
                    html.a(.class("button secondary"), .href("/follow-ups/\(model.id)/delete"), text: t[.delete])
                }
            }
        }
        html.newline()
        if model.overdue { html.p(.class("alert"), text: t[.followUpIsOverdue]) }
        html.dl(.class("facts")) { html in
            for fact in model.facts {
                html.dt { $0.text(fact.label) }
                html.dd { html in
                    if let href = fact.href { html.a(.href(href), text: fact.text) } else { html.text(fact.text) }
                }
            }
        }
        html.newline()
        if let details = model.details { html.p(.class("details"), text: details) }
        RecordParts.section("history", heading: t[.sectionHistory], into: &html) {
            HistoryView(rows: model.history, t: t).renderOrNone(into: &$0)
        }
        html.newline()
    }
}

struct FollowUpFormView {
    let model: FollowUpFormModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        FormParts.record(model, t: t, csrf: csrf, into: &html) { html in
            html.p(.class("hint required-note"), text: t[.requiredNote])
            FormParts.fieldset(legend: t[.newFollowUp], into: &html) { html in
                for field in model.fields { field.render(into: &html) }
            }
            html.newline()
            FormParts.fieldset(.id("f-links"), legend: t[.followUpConcerns], into: &html) { html in
                for field in model.links { field.render(into: &html) }
            }
            for (name, value) in model.hidden { html.hidden(name: name, value: value) }
            html.newline()
        }
    }
}

/// The open follow-ups of an organization, a person or an activity, on its page, with the link that adds
/// one already linked to it.
struct FollowUpSection {
    let lines: [FollowUpLine]
    /// "organization=12": what the new follow-up's form is opened with.
    let prefill: String
    let canEdit: Bool

    init(_ items: [FollowUpSummary], prefill: String, today: String, canEdit: Bool, strings t: Strings) {
        lines = items.map { FollowUpLine($0, today: today, strings: t) }
        self.prefill = prefill
        self.canEdit = canEdit
    }

    func render(into html: inout HTML, t: Strings) {
        RecordParts.section("follow-ups", heading: t[.sectionFollowUps], into: &html) { html in
            if lines.isEmpty {
                html.p(.class("muted"), text: t[.followUpsNone])
            } else {
                FollowUpLinesView(lines: lines, t: t, csrf: nil, back: "").render(into: &html)
            }
            if canEdit {
                html.p { html in html.a(.href("/follow-ups/new?\(prefill)"), text: t[.addFollowUp]) }
            }
        }
        html.newline()
    }
}
