/// The staff accounts, each with its role, state and a password reset; the workspace settings, the backup and
/// the form that adds an account.
struct AdminAccountsView {
    let model: AdminPages.AccountsModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        html.h1(text: t["accounts_title"])
        html.newline()
        if let notice = model.notice {
            html.div(.class("notice"), .role("status")) { $0.text(notice) }
        }
        ListParts.errors(model.errors, id: "accounts-error", into: &html)
        html.div(.class("table-wrap")) { html in
            html.table(.class("directory")) { html in
                html.thead { html in
                    html.tr { html in
                        for key in [
                            "field_person_name", "field_email", "field_role", "two_factor", "account_state",
                            "reset_password",
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
                html.a(.href("\(action)/sessions"), .class("secondary"), text: t["sessions_link"])
            }
            html.td(text: row.email)
            html.td { html in
                if row.isSelf {
                    html.text(row.roles.first(where: \.selected)?.label ?? "")
                    return
                }
                html.form(.action(action), .method("post"), .class("inline")) { html in
                    html.hidden(name: "_csrf", value: csrf)
                    html.label(.class("visually-hidden"), .for("role-\(row.id)"), text: t["field_role"])
                    html.select(.id("role-\(row.id)"), .name("role")) { options(row.roles, into: &$0) }
                    html.text(" ")
                    html.button(.type("submit"), .class("link"), text: t["save"])
                }
            }
            html.td(text: t[row.twoFactor ? "yes" : "no"])
            html.td { html in
                if row.isSelf {
                    html.text(t["account_you"])
                    return
                }
                html.form(.action(action), .method("post"), .class("inline")) { html in
                    html.hidden(name: "_csrf", value: csrf)
                    html.hidden(name: "disabled", value: row.disabled ? "false" : "true")
                    html.text(t[row.disabled ? "account_disabled" : "account_active"])
                    html.text(" ")
                    html.button(.type("submit"), .class("link"), text: t[row.disabled ? "enable" : "disable"])
                }
            }
            html.td { html in
                html.form(.action("\(action)/password"), .method("post"), .class("inline")) { html in
                    html.hidden(name: "_csrf", value: csrf)
                    html.label(.class("visually-hidden"), .for("pw-\(row.id)"), text: t["field_new_password"])
                    html.input(
                        .id("pw-\(row.id)"), .type("password"), .name("password"), .autocomplete("new-password"),
                        Attribute("placeholder", t["field_new_password"]))
                    html.text(" ")
                    html.button(.type("submit"), .class("link"), text: t["reset_password"])
                }
            }
        }
    }

    private func settings(into html: inout HTML) {
        html.h2(text: t["settings_title"])
        html.form(.class("record"), .action("/admin/settings"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.fieldset(.class("single")) { html in
                html.div(.class("field checkbox")) { html in
                    html.input(
                        .type("checkbox"), .id("f-require-two-factor"), .name("requireTwoFactor"),
                        .flag("checked", model.requireTwoFactor))
                    html.label(.for("f-require-two-factor"), text: t["settings_require_two_factor"])
                }
            }
            html.div(.class("actions")) { $0.button(.type("submit"), text: t["save"]) }
        }
    }

    private func backup(into html: inout HTML) {
        html.h2(text: t["backup_title"])
        html.p(text: t["backup_explained"])
        html.p(.class("hint"), text: "\(t["backup_location"]) \(model.databaseLocation)")
        html.p { $0.a(.class("button"), .href("/admin/backup"), .flag("download"), text: t["backup_download"]) }
    }

    private func addAccount(into html: inout HTML) {
        html.h2(text: t["add_account"])
        html.form(.class("record"), .action("/admin/accounts"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.fieldset { html in
                html.div(.class("field")) { html in
                    html.label(.for("f-name"), text: t["field_person_name"])
                    html.input(.id("f-name"), .type("text"), .name("name"), .value(model.name))
                }
                html.div(.class("field")) { html in
                    html.label(.for("f-email"), text: t["field_email"])
                    html.input(.id("f-email"), .type("email"), .name("email"), .value(model.email))
                }
                html.div(.class("field")) { html in
                    html.label(.for("f-role"), text: t["field_role"])
                    html.select(.id("f-role"), .name("role")) { options(model.roles, into: &$0) }
                }
                html.div(.class("field")) { html in
                    html.label(.for("f-password"), text: t["field_password"])
                    html.input(
                        .id("f-password"), .type("password"), .name("password"), .autocomplete("new-password"),
                        .ariaDescribedBy("f-password-hint"))
                    html.p(.class("hint"), .id("f-password-hint"), text: t["hint_password"])
                }
            }
            html.div(.class("actions")) { $0.button(.type("submit"), text: t["add_account"]) }
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
        html.h1(text: t["audit_title"])
        html.newline()
        ListParts.errors(model.errors, into: &html)
        html.form(.class("filters"), .action("/admin/audit"), .method("get"), .ariaLabel(t["filters_label"])) { html in
            html.newline()
            for filter in model.filters { filter.render(into: &html) }
            html.newline()
            html.div(.class("actions")) { html in
                html.button(.type("submit"), text: t["apply_filters"])
                html.text(" ")
                html.a(.href("/admin/audit"), text: t["clear_filters"])
            }
            html.newline()
        }
        html.newline()
        if model.history.isEmpty {
            html.p(.class("empty"), text: t["audit_empty"])
        } else {
            HistoryView(rows: model.history, t: t).render(into: &html)
        }
    }
}
