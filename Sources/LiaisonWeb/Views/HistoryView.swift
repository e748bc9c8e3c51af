import LiaisonCore

/// Lines of the audit trail, newest first: each with what was done, to which record, by whom and when, and
/// the fields it changed. The same markup as the `history` template, which the record pages still use.
struct HistoryView {
    let rows: [AdminPages.AuditRow]
    let t: Strings

    func render(into html: inout HTML) {
        html.ol(.class("history")) { html in
            html.newline()
            for row in rows {
                render(row, into: &html)
                html.newline()
            }
        }
    }

    private func render(_ row: AdminPages.AuditRow, into html: inout HTML) {
        html.li { html in
            html.newline()
            html.p { html in
                html.strong { $0.text(row.action) }
                html.text(" ")
                if let record = row.record {
                    html.span(.class("muted")) { $0.text(record) }
                    html.text(" ")
                }
                if let link = row.recordLink {
                    html.a(.href(link), text: row.summary)
                } else {
                    html.text(row.summary)
                }
                html.text(" ")
                html.span(.class("muted")) { html in
                    html.text("· \(row.actor)")
                    if let address = row.address { html.text(" (\(address))") }
                    html.text(" · \(row.at)")
                }
            }
            html.newline()
            if !row.changes.isEmpty {
                changes(row, into: &html)
                html.newline()
            }
        }
    }

    private func changes(_ row: AdminPages.AuditRow, into html: inout HTML) {
        html.details(.class("changes"), .flag("open", row.openChanges)) { html in
            html.summary { $0.text(row.changeCount) }
            html.table(.class("changes")) { html in
                html.thead { html in
                    html.tr { html in
                        for key: StringKey in [.changeField, .changeBefore, .changeAfter] {
                            html.th(.scope("col"), text: t[key])
                        }
                    }
                }
                html.tbody { html in
                    for change in row.changes {
                        html.tr { html in
                            html.th(.scope("row"), text: change.field)
                            html.td(.dataLabel(t[.changeBefore]), text: change.before ?? "")
                            html.td(.dataLabel(t[.changeAfter]), text: change.after ?? "")
                        }
                    }
                }
            }
        }
    }
}
