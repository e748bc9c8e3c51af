/// What every record page (organization, person, activity) draws the same way.
enum RecordParts {
    /// The "saved" or "merged" notice after a change, when there is one.
    static func notice(_ notice: String?, into html: inout HTML) {
        if let notice { html.div(.class("notice"), .role("status")) { $0.text(notice) } }
    }

    /// A record page's top: the notice of a save, the heading and, for editors, the buttons that edit and delete
    /// the record at `path`.
    static func pageHead(
        _ heading: String, path: String, notice: String?, canEdit: Bool, t: Strings, into html: inout HTML
    ) {
        self.notice(notice, into: &html)
        html.div(.class("page-head")) { html in
            html.h1(text: heading)
            if canEdit {
                html.div(.class("actions")) { html in
                    html.a(.class("button secondary"), .href("\(path)/edit"), text: t[.edit])
                    html.a(.class("button secondary"), .href("\(path)/delete"), text: t[.delete])
                }
            }
        }
    }

    /// A section with its heading; `id` names the section's content and its heading is `id-h`.
    static func section(
        _ id: String, heading: String, sectionId: String? = nil, into html: inout HTML, content: HTML.Content
    ) {
        html.section(Attribute("aria-labelledby", "\(id)-h"), sectionId.map(Attribute.id)) { html in
            html.newline()
            html.h2(.id("\(id)-h"), text: heading)
            html.newline()
            content(&html)
            html.newline()
        }
    }

    /// A long section folded away under its heading (and how many items it holds), opened by a click with
    /// or without JavaScript; `id` names the fold (a link to `#id` finds it) and its heading is `id-h`.
    static func fold(
        _ id: String, heading: String, count: Int? = nil, open: Bool = false, into html: inout HTML,
        content: HTML.Content
    ) {
        html.details(.class("fold"), .id(id), .flag("open", open)) { html in
            html.newline()
            html.summary { html in
                html.h2(.id("\(id)-h")) { html in
                    html.text(heading)
                    if let count {
                        html.text(" ")
                        html.span(.class("count muted")) { $0.text("(\(count))") }
                    }
                }
            }
            html.newline()
            html.div(.class("fold-body")) { html in
                html.newline()
                content(&html)
                html.newline()
            }
            html.newline()
        }
    }

    /// Key facts, each a label and a value (a link when it has one), in the side panel of a record page.
    static func keyFacts(_ facts: [KeyFact], heading: String, into html: inout HTML) {
        html.element("aside", [.class("key-facts"), Attribute("aria-labelledby", "key-facts-h")]) { html in
            html.newline()
            html.h2(.id("key-facts-h"), text: heading)
            html.newline()
            html.dl(.class("facts")) { html in
                for fact in facts {
                    html.dt { $0.text(fact.label) }
                    html.dd { html in
                        if let href = fact.href {
                            // A website elsewhere learns nothing of the page that linked to it.
                            let external = href.hasPrefix("http")
                            html.a(
                                .href(href), external ? Attribute("rel", "noopener noreferrer") : nil, text: fact.value)
                        } else {
                            html.text(fact.value)
                        }
                    }
                }
            }
            html.newline()
        }
    }

    /// The activities a record took part in, latest first, or a line saying there are none.
    static func timeline(_ items: [TimelineItem], t: Strings, id: String = "timeline", into html: inout HTML) {
        guard !items.isEmpty else {
            html.p(.class("muted"), text: t[.noActivities])
            return
        }
        html.ul(.class("plain timeline"), .id(id)) { html in
            for item in items {
                html.li { html in
                    html.span(.class("muted")) { $0.text(item.when) }
                    html.text(" ")
                    html.span(.class("badge")) { $0.text(item.kindLabel) }
                    html.text(" ")
                    html.a(.href("/activities/\(item.id)"), text: item.title)
                    if let how = item.how {
                        html.text(" ")
                        html.span(.class("muted")) { $0.text("— \(how)") }
                    }
                }
            }
        }
    }
}

/// A fact of a record page's side panel.
struct KeyFact {
    let label: String
    let value: String
    var href: String? = nil
}

/// A group of a form's fields under a legend.
struct FieldGroup {
    let legend: String
    let fields: [FormField]
}

/// An error of a form as the summary above it lists it: a link to the field or list it is about.
struct FieldErrorLink {
    let id: String
    let message: String
}

extension FieldErrorLink {
    /// The errors of the fields, each linked to its field.
    static func of(_ fields: [FormField]) -> [FieldErrorLink] {
        fields.compactMap { field in field.error.map { FieldErrorLink(id: field.id, message: $0) } }
    }
}

/// What a record's form page shows around its fields.
protocol RecordFormPage {
    var heading: String { get }
    var action: String { get }
    var cancel: String { get }
    /// The version the form edits, "" on a new record's form.
    var version: String { get }
    /// Whether the record changed since the form was drawn.
    var conflict: Bool { get }
    var errorSummary: [FieldErrorLink] { get }
}

extension ActivityFormModel: RecordFormPage {}
extension OrganizationFormModel: RecordFormPage {}
extension PersonFormModel: RecordFormPage {}
extension FollowUpFormModel: RecordFormPage {}
extension ProspectFormModel: RecordFormPage {}
extension GroupFormModel: RecordFormPage {}
extension InterestFormView: RecordFormPage {}
extension OpportunityFormView: RecordFormPage {}
extension DelegationFormView: RecordFormPage {}
extension ReportFormView: RecordFormPage {}
extension CommentFormView: RecordFormPage {}

/// What every record form (organization, person, activity) draws the same way.
enum FormParts {
    /// A record's form page: `head`, the themes offered as a list when given, then `form` around `content`.
    static func record(
        _ page: some RecordFormPage, conflictNotice: StringKey = .conflictMessage, themes: [String]? = nil,
        t: Strings, csrf: String, into html: inout HTML, content: HTML.Content
    ) {
        head(
            page.heading, conflict: page.conflict ? t[conflictNotice] : nil, errors: page.errorSummary, t: t,
            into: &html)
        if let themes { html.datalist(id: "themes", options: themes.map { ($0, $0) }) }
        form(
            action: page.action, csrf: csrf, version: page.version, cancel: page.cancel, t: t, into: &html,
            content: content)
    }

    /// The heading, the notice of a conflicting edit, and every error as a link to its field.
    static func head(
        _ heading: String, conflict: String?, errors: [FieldErrorLink], t: Strings, into html: inout HTML
    ) {
        html.h1(text: heading)
        html.newline()
        if let conflict {
            html.div(.class("alert"), .role("alert"), .id("conflict")) { $0.text(conflict) }
            html.newline()
        }
        guard !errors.isEmpty else { return }
        html.div(.class("alert"), .role("alert"), .id("error-summary")) { html in
            html.p(text: t[.formHasErrors])
            html.ul { html in
                for link in errors {
                    // Quotes escaped: messages quote what was typed ("ZZ" is not ...), and scripts read them so.
                    html.li { html in html.a(.href("#\(link.id)")) { $0.textEscapingQuotes(link.message) } }
                }
            }
        }
        html.newline()
    }

    /// The form element with the CSRF token and the version edited, then `content`, then save and cancel.
    static func form(
        action: String, csrf: String, version: String, cancel: String, t: Strings, into html: inout HTML,
        content: HTML.Content
    ) {
        html.form(.class("record"), .action(action), .method("post"), .flag("novalidate")) { html in
            html.newline()
            html.hidden(name: "_csrf", value: csrf)
            html.newline()
            html.hidden(name: "version", value: version)
            html.newline()
            content(&html)
            html.div(.class("actions")) { html in
                html.button(.type("submit"), text: t[.save])
                html.text(" ")
                html.a(.href(cancel), text: t[.cancel])
            }
            html.newline()
        }
    }

    /// A fieldset with its legend around `content`.
    static func fieldset(
        _ attributes: Attribute?..., legend: String, into html: inout HTML, content: HTML.Content
    ) {
        html.element("fieldset", attributes) { html in
            html.element("legend", []) { $0.text(legend) }
            content(&html)
        }
    }

    /// Each group's fields in a fieldset.
    static func groups(_ groups: [FieldGroup], into html: inout HTML) {
        for group in groups {
            fieldset(legend: group.legend, into: &html) { html in
                for field in group.fields { field.render(into: &html) }
            }
            html.newline()
        }
    }
}
