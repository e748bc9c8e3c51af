/// The staff accounts, each with its role, state and a password reset; the workspace settings, the backup and
/// the form that adds an account.
struct AdminAccountsView {
    let model: AdminPages.AccountsModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        html.h1(text: t[.accountsTitle])
        html.newline()
        if let notice = model.notice {
            html.div(.class("notice"), .role("status")) { $0.text(notice) }
        }
        ListParts.errors(model.errors, id: "accounts-error", into: &html)
        html.div(.class("table-wrap")) { html in
            html.table(.class("directory")) { html in
                html.thead { html in
                    html.tr { html in
                        for key: StringKey in [
                            .fieldPersonName, .fieldEmail, .fieldRole, .twoFactor, .accountState,
                            .resetPassword,
                        ] {
                            html.th(.scope("col"), text: t[key])
                        }
                    }
                }
                html.tbody { html in
                    for row in model.rows {
                        html.newline()
                        render(row, into: &html)
                    }
                    html.newline()
                }
            }
        }
        html.newline()
        settings(into: &html)
        html.newline()
        backup(into: &html)
        html.newline()
        addAccount(into: &html)
    }

    private func render(_ row: AdminPages.AccountRow, into html: inout HTML) {
        let action = "/admin/accounts/\(row.id)"
        html.tr { html in
            html.th(.scope("row")) { html in
                html.text(row.name)
                html.br()
                html.a(.href("\(action)/sessions"), .class("secondary"), text: t[.sessionsLink])
            }
            html.td(.class("wrap"), .dataLabel(t[.fieldEmail]), text: row.email)
            html.td(.dataLabel(t[.fieldRole])) { html in
                if row.isSelf {
                    html.text(row.roles.first(where: \.selected)?.label ?? "")
                    return
                }
                html.form(.action(action), .method("post"), .class("inline")) { html in
                    html.hidden(name: "_csrf", value: csrf)
                    html.label(.class("visually-hidden"), .for("role-\(row.id)"), text: t[.fieldRole])
                    html.select(.id("role-\(row.id)"), .name("role")) { options(row.roles, into: &$0) }
                    html.text(" ")
                    html.button(.type("submit"), .class("link"), text: t[.save])
                }
            }
            html.td(.dataLabel(t[.twoFactor]), text: t[row.twoFactor ? .yes : .no])
            html.td(.dataLabel(t[.accountState])) { html in
                if row.isSelf {
                    html.text(t[.accountYou])
                    return
                }
                html.form(.action(action), .method("post"), .class("inline")) { html in
                    html.hidden(name: "_csrf", value: csrf)
                    html.hidden(name: "disabled", value: row.disabled ? "false" : "true")
                    html.text(t[row.disabled ? .accountDisabled : .accountActive])
                    html.text(" ")
                    html.button(.type("submit"), .class("link"), text: t[row.disabled ? .enable : .disable])
                }
            }
            html.td(.dataLabel(t[.resetPassword])) { html in
                html.form(.action("\(action)/password"), .method("post"), .class("inline")) { html in
                    html.hidden(name: "_csrf", value: csrf)
                    html.label(.class("visually-hidden"), .for("pw-\(row.id)"), text: t[.fieldNewPassword])
                    html.input(
                        .id("pw-\(row.id)"), .type("password"), .name("password"), .autocomplete("new-password"),
                        Attribute("placeholder", t[.fieldNewPassword]))
                    html.text(" ")
                    html.button(.type("submit"), .class("link"), text: t[.resetPassword])
                }
            }
        }
    }

    private func settings(into html: inout HTML) {
        html.h2(text: t[.settingsTitle])
        html.form(.class("record"), .action("/admin/settings"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.fieldset(.class("single")) { html in
                html.div(.class("field checkbox")) { html in
                    html.input(
                        .type("checkbox"), .id("f-require-two-factor"), .name("requireTwoFactor"),
                        .flag("checked", model.requireTwoFactor))
                    html.label(.for("f-require-two-factor"), text: t[.settingsRequireTwoFactor])
                }
                model.currency.render(into: &html)
            }
            html.div(.class("actions")) { $0.button(.type("submit"), text: t[.save]) }
        }
    }

    private func backup(into html: inout HTML) {
        html.h2(text: t[.backupTitle])
        html.p(text: t[.backupExplained])
        html.p(.class("hint"), text: "\(t[.backupLocation]) \(model.databaseLocation)")
        html.p { $0.a(.class("button"), .href("/admin/backup"), .flag("download"), text: t[.backupDownload]) }
    }

    private func addAccount(into html: inout HTML) {
        html.h2(text: t[.addAccount])
        html.form(.class("record"), .action("/admin/accounts"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.fieldset { html in
                html.div(.class("field")) { html in
                    html.label(.for("f-name"), text: t[.fieldPersonName])
                    html.input(.id("f-name"), .type("text"), .name("name"), .value(model.name))
                }
                html.div(.class("field")) { html in
                    html.label(.for("f-email"), text: t[.fieldEmail])
                    html.input(.id("f-email"), .type("email"), .name("email"), .value(model.email))
                }
                html.div(.class("field")) { html in
                    html.label(.for("f-role"), text: t[.fieldRole])
                    html.select(.id("f-role"), .name("role")) { options(model.roles, into: &$0) }
                }
                html.div(.class("field")) { html in
                    html.label(.for("f-password"), text: t[.fieldPassword])
                    html.input(
                        .id("f-password"), .type("password"), .name("password"), .autocomplete("new-password"),
                        .ariaDescribedBy("f-password-hint"))
                    html.p(.class("hint"), .id("f-password-hint"), text: t[.hintPassword])
                }
            }
            html.div(.class("actions")) { $0.button(.type("submit"), text: t[.addAccount]) }
        }
    }

    private func options(_ options: [FormField.Option], into html: inout HTML) {
        for option in options {
            html.option(.value(option.value), .flag("selected", option.selected)) { $0.text(option.label) }
        }
    }
}

/// The audit trail, with the filters that narrow it.
struct AdminAuditView {
    let model: AdminPages.AuditModel
    let t: Strings

    func render(into html: inout HTML) {
        html.h1(text: t[.auditTitle])
        html.newline()
        ListParts.errors(model.errors, into: &html)
        html.form(.class("filters"), .action("/admin/audit"), .method("get"), .ariaLabel(t[.filtersLabel])) { html in
            html.newline()
            for filter in model.filters { filter.render(into: &html) }
            html.newline()
            html.div(.class("actions")) { html in
                html.button(.type("submit"), text: t[.applyFilters])
                html.text(" ")
                html.a(.href("/admin/audit"), text: t[.clearFilters])
            }
            html.newline()
        }
        html.newline()
        if model.history.isEmpty {
            html.p(.class("empty"), text: t[.auditEmpty])
        } else {
            HistoryView(rows: model.history, t: t).render(into: &html)
        }
    }
}
