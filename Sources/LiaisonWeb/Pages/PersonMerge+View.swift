import Foundation
import LiaisonCore

/// The merge page: the person kept, a search for other records, and each record found with a button that
/// folds it into this one.
struct PersonMergeView {
    let model: PersonMergeModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        html.h1 { html in
            html.text("\(t[.mergeTitle]): ")
            html.a(.href("/people/\(model.id)"), text: model.name)
        }
        html.newline()
        html.p(text: String(format: t[.mergeExplanation], model.name))
        html.newline()
        html.form(.class("filters"), .action("/people/\(model.id)/merge"), .method("get"), .role("search")) { html in
            html.newline()
            html.div(.class("field")) { html in
                html.label(.for("merge-q"), text: t[.mergeSearch])
                html.input(.id("merge-q"), .type("search"), .name("q"), .value(model.query))
            }
            html.newline()
            html.div(.class("actions")) { $0.button(.type("submit"), text: t[.searchButton]) }
            html.newline()
        }
        html.newline()
        if model.candidates.isEmpty {
            html.p(.class("muted"), text: t[.mergeNone])
        } else {
            html.ul(.class("plain candidates")) { html in
                html.newline()
                for candidate in model.candidates {
                    render(candidate, into: &html)
                    html.newline()
                }
            }
        }
        html.newline()
    }

    private func render(_ candidate: PersonMergeModel.Candidate, into html: inout HTML) {
        html.li { html in
            html.newline()
            ListParts.recordName(
                href: "/people/\(candidate.id)", name: candidate.name, nativeName: candidate.nativeName, into: &html)
            html.text(" ")
            html.span(.class("muted")) { summary(candidate, into: &$0) }
            html.newline()
            html.form(.action("/people/\(model.id)/merge"), .method("post"), .class("inline")) { html in
                html.newline()
                html.hidden(name: "_csrf", value: csrf)
                html.newline()
                html.hidden(name: "version", value: String(model.version))
                html.newline()
                html.hidden(name: "otherId", value: String(candidate.id))
                html.newline()
                html.hidden(name: "otherVersion", value: String(candidate.version))
                html.newline()
                html.button(.type("submit"), .class("secondary"), text: t[.mergeIntoThis])
                html.newline()
            }
            html.newline()
        }
    }

    /// "Deputy Director, Foshan — liwenjing_fs · +8675712345678": the current post, then the first contacts.
    private func summary(_ candidate: PersonMergeModel.Candidate, into html: inout HTML) {
        if let position = candidate.position {
            html.text("\(position.title), \(position.organizationName ?? "")")
            if !candidate.contacts.isEmpty { html.text(" — ") }
        }
        for (index, contact) in candidate.contacts.enumerated() {
            if index > 0 { html.text(" · ") }
            html.text(contact)
        }
    }
}
