/// What every record page (organization, person, activity) draws the same way.
enum RecordParts {
    /// The "saved" or "merged" notice after a change, when there is one.
    static func notice(_ notice: String?, into html: inout HTML) {
        if let notice { html.div(.class("notice"), .role("status")) { $0.text(notice) } }
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

/// What every record form (organization, person, activity) draws the same way.
enum FormParts {
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
