import Hummingbird

/// The delete confirmation page's model, for any kind of record.
struct DeleteModel {
    let action: String
    let cancel: String
    let version: Int
    let prompt: String
}

/// Asks before a record is deleted: what will go, a button that deletes it and a way back.
struct DeleteView {
    let model: DeleteModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        html.h1(text: t[.deleteTitle])
        html.newline()
        html.p(text: model.prompt)
        html.newline()
        html.form(.action(model.action), .method("post")) { html in
            html.newline()
            html.hidden(name: "_csrf", value: csrf)
            html.newline()
            html.hidden(name: "version", value: String(model.version))
            html.newline()
            html.div(.class("actions")) { html in
                html.button(.type("submit"), .class("danger"), text: t[.deleteConfirm])
                html.text(" ")
                html.a(.href(model.cancel), text: t[.cancel])
            }
            html.newline()
        }
    }
}

extension PageRenderer {
    /// The delete confirmation page for a record.
    func deletePage(_ model: DeleteModel, context: AppRequestContext) -> Response {
        let view = DeleteView(model: model, t: strings, csrf: context.identity?.csrfToken ?? "")
        return page(title: strings[.deleteTitle], context: context) { view.render(into: &$0) }
    }
}
