import LiaisonCore

/// Lines of the audit trail, newest first: each with what was done, to which record, by whom and when, and
/// the fields it changed, by their labels and with their values as readable text.
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

    /// A record page's history: the rows, or a line saying none is recorded.
    func renderOrNone(into html: inout HTML) {
        if rows.isEmpty {
            html.p(.class("muted"), text: t[.noneRecorded])
        } else {
            render(into: &html)
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

    /// A value of one line as text, of several (a list's items) as a list.
    private func value(_ lines: [String], into html: inout HTML) {
        if lines.count == 1 {
            html.text(lines[0])
        } else if !lines.isEmpty {
            html.ul(.class("plain value-lines")) { html in
                for line in lines { html.li(text: line) }
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
                            html.td(.dataLabel(t[.changeBefore])) { value(change.before, into: &$0) }
                            html.td(.dataLabel(t[.changeAfter])) { value(change.after, into: &$0) }
                        }
                    }
                }
            }
        }
    }
}
