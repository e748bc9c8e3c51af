/// An account's signed-in browsers, each with a button that ends it.
struct AdminSessionsView {
    let model: AdminSessionPages.Model
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        html.p { $0.a(.href("/admin/accounts"), text: t[.accountsTitle]) }
        html.h1(text: "\(t[.sessionsHeading]) \(model.name)")
        html.p(.class("hint"), text: model.email)
        if let notice = model.notice {
            html.div(.class("notice"), .role("status")) { $0.text(notice) }
        }
        guard !model.rows.isEmpty else {
            html.p(text: t[.sessionsNone])
            return
        }
        html.div(.class("table-wrap")) { html in
            html.table(.class("directory"), .id("sessions-table")) { html in
                html.thead { html in
                    html.tr { html in
                        for key: StringKey in [.sessionLastUsed, .sessionStarted, .sessionAddress, .sessionDevice] {
                            html.th(.scope("col"), text: t[key])
                        }
                        html.th(.scope("col"), text: t[.sessionExpires])
                        html.th(.scope("col"), text: "")
                    }
                }
                html.tbody { html in
                    for row in model.rows { render(row, into: &html) }
                }
            }
        }
    }

    private func render(_ row: AdminSessionPages.Row, into html: inout HTML) {
        html.tr { html in
            html.th(.scope("row"), text: row.lastUsed)
            html.td(.dataLabel(t[.sessionStarted]), text: row.started)
            html.td(.dataLabel(t[.sessionAddress]), text: row.address)
            html.td(.class("wrap"), .dataLabel(t[.sessionDevice]), text: row.device)
            html.td(.dataLabel(t[.sessionExpires]), text: row.expires)
            html.td { html in
                if row.isCurrent {
                    html.text(t[.sessionThisOne])
                } else {
                    html.form(
                        .action("/admin/accounts/\(model.accountId)/sessions/end"), .method("post"), .class("inline")
                    ) { html in
                        html.hidden(name: "_csrf", value: csrf)
                        html.hidden(name: "session", value: row.reference)
                        html.button(.type("submit"), .class("link danger"), text: t[.sessionEnd])
                    }
                }
            }
        }
    }
}
