import Foundation
import LiaisonCore
import LiaisonStore

/// The tabs every pipeline page carries, and its filters.
struct PipelineHeadView {
    let heading: String
    let current: String
    var filters: PipelineFilters
    let fields: [FormField]
    let action: String
    let t: Strings

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.h1(text: heading)
            html.div(.class("actions")) { html in
                for (path, label) in [
                    ("/pipeline", t[.pipelineBoard]), ("/pipeline/funnel", t[.pipelineFunnel]),
                    ("/pipeline/list", t[.pipelineList]),
                ] {
                    html.a(
                        .class(path == current ? "button" : "button secondary"), .href(filters.link(path)),
                        path == current ? Attribute("aria-current", "page") : nil, text: label)
                    html.text(" ")
                }
                html.a(.class("button secondary"), .href(filters.link("/pipeline.csv")), text: t[.exportCsv])
            }
        }
        html.newline()
        ListParts.filters(action: action, fields: fields, t: t, into: &html)
        html.newline()
    }
}

/// The board: one column a stage, each card with the form that moves it (a button, so it works without
/// JavaScript).
struct PipelineBoardView {
    let head: PipelineHeadView
    let columns: [(stage: PipelineStage, cards: [ProspectCard], count: Int)]
    let canEdit: Bool
    let csrf: String
    let t: Strings

    func render(into html: inout HTML) {
        head.render(into: &html)
        html.div(.class("board")) { html in
            for column in columns {
                html.section(.class("board-column"), .ariaLabel(t.label(column.stage))) { html in
                    html.h2 { html in
                        html.text(t.label(column.stage))
                        html.text(" ")
                        html.span(.class("badge")) { $0.text(String(column.count)) }
                    }
                    if column.cards.isEmpty { html.p(.class("muted"), text: t[.pipelineEmptyStage]) }
                    html.ul(.class("plain cards")) { html in
                        for card in column.cards { self.card(card, into: &html) }
                    }
                    if column.count > column.cards.count {
                        html.a(
                            .href(head.filters.link("/pipeline/list", [("stage", column.stage.rawValue)])),
                            text: String(format: t[.pipelineMore], column.count - column.cards.count))
                    }
                }
                html.newline()
            }
        }
    }

    private func card(_ card: ProspectCard, into html: inout HTML) {
        let s = card.summary
        html.li(.class("card")) { html in
            html.a(.class("card-title"), .href("/pipeline/\(s.id)"), text: s.organizationName)
            for fact in card.facts { html.p(.class("muted small"), text: fact) }
            if canEdit {
                PipelineMoveForm(summary: s, csrf: csrf, back: head.filters.link("/pipeline"), t: t).render(into: &html)
            }
        }
    }
}

/// The one-step move of a prospect to another stage; joined also makes the organization a member.
struct PipelineMoveForm {
    let summary: ProspectSummary
    let csrf: String
    let back: String
    let t: Strings

    func render(into html: inout HTML) {
        let id = "move-\(summary.id)"
        html.form(.class("inline move"), .action("/pipeline/\(summary.id)/stage"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.hidden(name: "version", value: String(summary.version))
            html.hidden(name: "back", value: back)
            html.label(
                .for(id), .class("visually-hidden"),
                text: String(format: t[.pipelineMoveLabel], summary.organizationName))
            html.select(.id(id), .name("stage")) { html in
                for stage in PipelineStage.allCases {
                    html.option(
                        .value(stage.rawValue), .flag("selected", stage == (summary.stage.next ?? summary.stage))
                    ) {
                        $0.text(t.label(stage))
                    }
                }
            }
            html.text(" ")
            html.button(.type("submit"), .class("small"), text: t[.pipelineMove])
        }
    }
}

/// The funnel: how many stand at each stage in each region, how many went on, and how long a stage lasts.
struct PipelineFunnelView {
    let head: PipelineHeadView
    let funnel: PipelineFunnel
    let regions: [(key: String, name: String)]
    let t: Strings

    func render(into html: inout HTML) {
        head.render(into: &html)
        html.p(.class("muted"), text: t[.pipelineFunnelHint])
        html.div(.class("table-scroll")) { html in
            html.table(.class("stacked")) { html in
                html.thead { html in
                    html.tr { html in
                        html.th(.scope("col"), text: t[.fieldPipelineStage])
                        for region in regions { html.th(.scope("col"), text: region.name) }
                        html.th(.scope("col"), text: t[.pipelineTotal])
                        html.th(.scope("col"), text: t[.pipelineReached])
                        html.th(.scope("col"), text: t[.pipelineConversion])
                        html.th(.scope("col"), text: t[.pipelineMedianDays])
                    }
                }
                html.tbody { html in
                    for row in funnel.rows { self.row(row, into: &html) }
                }
            }
        }
    }

    private func row(_ row: PipelineFunnel.Row, into html: inout HTML) {
        html.tr { html in
            html.th(.scope("row"), text: t.label(row.stage))
            for region in regions {
                html.td(.dataLabel(region.name), text: String(row.byRegion[region.key] ?? 0))
            }
            html.td(.dataLabel(t[.pipelineTotal]), text: String(row.total))
            html.td(.dataLabel(t[.pipelineReached]), text: row.reached.map(String.init) ?? "—")
            html.td(
                .dataLabel(t[.pipelineConversion]),
                text: row.conversion.map { "\(Int(($0 * 100).rounded())) %" } ?? "—")
            html.td(
                .dataLabel(t[.pipelineMedianDays]),
                text: row.medianDays.map { $0.rounded() == $0 ? String(Int($0)) : String(format: "%.1f", $0) } ?? "—")
        }
    }
}

/// The list: every prospect of the filters as a table, by stage; the CSV carries the same columns.
struct PipelineListView {
    let head: PipelineHeadView
    let cards: [ProspectCard]
    let previous: String?
    let next: String?
    let pageLabel: String
    let t: Strings

    func render(into html: inout HTML) {
        head.render(into: &html)
        if cards.isEmpty {
            html.p(.class("muted"), text: t[.pipelineNone])
            return
        }
        html.table(.class("stacked")) { html in
            html.thead { html in
                html.tr { html in
                    for label in [t[.colOrganization], t[.fieldPipelineStage], t[.pipelineDetails]] {
                        html.th(.scope("col"), text: label)
                    }
                }
            }
            html.tbody { html in
                for card in cards {
                    html.tr { html in
                        html.td(.dataLabel(t[.colOrganization])) { html in
                            html.a(.href("/pipeline/\(card.summary.id)"), text: card.summary.organizationName)
                        }
                        html.td(.dataLabel(t[.fieldPipelineStage]), text: card.stageLabel)
                        html.td(.dataLabel(t[.pipelineDetails]), text: card.facts.joined(separator: " · "))
                    }
                }
            }
        }
        ListParts.pager(previous: previous, label: pageLabel, next: next, t: t, into: &html)
    }
}

/// One prospect: where it stands, the form that moves it with a note, and every move it made.
struct ProspectShowView {
    let prospect: Prospect
    let card: ProspectCard
    let moveFields: [FormField]
    let activityTitles: [Int64: String]
    let notice: String?
    let canEdit: Bool
    let csrf: String
    let t: Strings

    func render(into html: inout HTML) {
        RecordParts.notice(notice, into: &html)
        html.div(.class("page-head")) { html in
            html.h1(text: String(format: t[.pipelineProspectHeading], prospect.organizationName))
            html.div(.class("actions")) { html in
                html.a(
                    .class("button secondary"), .href("/organizations/\(prospect.input.organizationId)"),
                    text: t[.pipelineOrganizationPage])
                if canEdit {
                    html.text(" ")
                    html.a(.class("button secondary"), .href("/pipeline/\(prospect.id)/edit"), text: t[.edit])
                    html.text(" ")
                    html.a(
                        .class("button secondary"), .href("/pipeline/\(prospect.id)/delete"),
                        text: t[.pipelineRemove])
                }
            }
        }
        html.newline()
        html.p { html in
            html.span(.class("badge")) { $0.text(card.stageLabel) }
        }
        html.ul(.class("plain")) { html in
            for fact in card.facts { html.li(text: fact) }
        }
        html.newline()
        if canEdit {
            html.section(.ariaLabel(t[.pipelineMove])) { html in
                html.h2(text: t[.pipelineMoveHeading])
                html.form(.action("/pipeline/\(prospect.id)/stage"), .method("post")) { html in
                    html.hidden(name: "_csrf", value: csrf)
                    html.hidden(name: "version", value: String(prospect.version))
                    for field in moveFields { field.render(into: &html) }
                    html.button(.type("submit"), text: t[.pipelineMove])
                }
            }
            html.newline()
        }
        html.section(.ariaLabel(t[.pipelineHistory])) { html in
            html.h2(text: t[.pipelineHistory])
            html.ol(.class("plain moves")) { html in
                for change in prospect.history.reversed() { self.change(change, into: &html) }
            }
        }
    }

    private func change(_ change: StageChange, into html: inout HTML) {
        html.li { html in
            html.span(.class("muted")) { $0.text(change.day) }
            html.text(" ")
            if let from = change.from {
                html.text(String(format: t[.pipelineMovedFrom], t.label(from), t.label(change.to)))
            } else {
                html.text(String(format: t[.pipelineEntered], t.label(change.to)))
            }
            html.text(" ")
            html.span(.class("muted")) { $0.text("— \(change.accountName)") }
            if let activityId = change.activityId {
                html.text(" · ")
                html.a(.href("/activities/\(activityId)"), text: activityTitles[activityId] ?? "#\(activityId)")
            }
            if let note = change.note { html.p(text: note) }
        }
    }
}

struct ProspectFormView {
    let model: ProspectFormModel
    let t: Strings
    let csrf: String
    /// Whether the form adds the organization to the pipeline (and so records the stage it enters at).
    let creating: Bool

    func render(into html: inout HTML) {
        FormParts.record(model, t: t, csrf: csrf, into: &html) { html in
            FormParts.fieldset(legend: model.organizationName, into: &html) { html in
                for field in model.fields where creating || field.name != "stage" { field.render(into: &html) }
            }
            if creating {
                FormParts.fieldset(legend: t[.pipelineMoveHeading], into: &html) { html in
                    for field in model.move { field.render(into: &html) }
                }
            }
            for (name, value) in model.hidden { html.hidden(name: name, value: value) }
            html.newline()
        }
    }
}

/// An organization's place in the membership pipeline, on its page: its stage, since when, what next and its
/// latest moves; or the button that adds it.
struct PipelineSection {
    let organizationId: Int64
    let prospect: Prospect?
    let canEdit: Bool

    func render(into html: inout HTML, t: Strings) {
        RecordParts.section("pipeline", heading: t[.sectionPipeline], into: &html) { html in
            guard let prospect else {
                html.p(.class("muted"), text: t[.pipelineNotIn])
                if canEdit {
                    html.a(
                        .class("button secondary"), .href("/pipeline/new?organization=\(organizationId)"),
                        text: t[.pipelineAdd])
                }
                return
            }
            html.p { html in
                html.a(.href("/pipeline/\(prospect.id)")) { html in
                    html.span(.class("badge")) { $0.text(t.label(prospect.input.stage)) }
                }
                html.text(" ")
                html.span(.class("muted")) { $0.text(String(format: t[.pipelineSince], prospect.stageSince)) }
            }
            if let next = prospect.input.nextStep { html.p(text: String(format: t[.pipelineNextStep], next)) }
            html.ol(.class("plain moves")) { html in
                for change in prospect.history.suffix(3).reversed() {
                    html.li { html in
                        html.span(.class("muted")) { $0.text(change.day) }
                        html.text(" ")
                        if let from = change.from {
                            html.text(String(format: t[.pipelineMovedFrom], t.label(from), t.label(change.to)))
                        } else {
                            html.text(String(format: t[.pipelineEntered], t.label(change.to)))
                        }
                        html.span(.class("muted")) { $0.text(" — \(change.accountName)") }
                    }
                }
            }
        }
    }
}
