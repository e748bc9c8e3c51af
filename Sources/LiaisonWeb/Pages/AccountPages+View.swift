import LiaisonCore

/// A person's own account: the facts, time zone, calendar feeds, password, two-factor sign-in and API tokens.
struct AccountView {
    let model: AccountPages.Model
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        html.div(.class("account-forms")) { html in
            html.newline()
            html.h1(text: t[.accountTitle])
            html.newline()
            if let notice = model.notice {
                html.div(.class("notice"), .role("status")) { $0.text(notice) }
            }
            if let error = model.error {
                html.div(.class("alert"), .role("alert"), .id("account-error")) { $0.text(error) }
            }
            if let newToken = model.newToken {
                shownOnce(t[.tokenShownOnce], newToken, id: "new-token", into: &html)
            }
            html.dl(.class("facts")) { html in
                html.dt { $0.text(t[.fieldPersonName]) }
                html.dd { $0.text(model.name) }
                html.dt { $0.text(t[.fieldEmail]) }
                html.dd { $0.text(model.email) }
                html.dt { $0.text(t[.fieldRole]) }
                html.dd { $0.text(model.role) }
            }
            html.newline()
            timeZone(into: &html)
            html.newline()
            feeds(into: &html)
            html.newline()
            password(into: &html)
            html.newline()
            twoFactor(into: &html)
            html.newline()
            tokens(into: &html)
            html.newline()
        }
    }

    private func timeZone(into html: inout HTML) {
        html.h2(.id("zone"), text: t[.fieldTimeZone])
        html.form(.class("record"), .action("/account/time-zone"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.fieldset(.class("single")) { html in
                model.timeZone.render(into: &html)
                html.datalist(id: ZoneChoices.listId, options: ZoneChoices.options())
            }
            actions(t[.save], into: &html)
        }
    }

    private func feeds(into html: inout HTML) {
        html.h2(.id("feeds"), text: t[.sectionFeeds])
        html.p(text: t[.feedsIntro])
        if let url = model.newFeedURL {
            copyable(t[.feedCreated], url, id: "new-feed-url", into: &html)
        }
        if model.feeds.isEmpty {
            html.p(.class("muted"), text: t[.noFeeds])
        } else {
            html.div(.class("table-wrap")) { html in
                html.table(.class("directory"), .id("feeds-table")) { html in
                    html.thead { html in
                        html.tr { html in
                            html.th(.scope("col"), text: t[.feedKind])
                            html.th(.scope("col"), text: t[.created])
                            html.th(.scope("col"), text: "")
                        }
                    }
                    html.tbody { html in
                        for feed in model.feeds {
                            html.tr { html in
                                html.th(.scope("row"), text: feed.scope)
                                html.td(.dataLabel(t[.created]), text: feed.created)
                                html.td { html in
                                    if feed.revoked {
                                        html.text(t[.revoked])
                                    } else {
                                        revokeForm("/account/feeds/\(feed.id)/revoke", t[.revoke], into: &html)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if model.mustSetUpTwoFactor {
            html.p(.class("hint"), text: t[.twoFactorBeforeTokens])
            return
        }
        html.form(.class("record"), .action("/account/feeds"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.fieldset(.class("single")) { html in
                html.div(.class("field")) { html in
                    html.label(.for("f-feed-scope"), text: t[.feedKind])
                    html.select(.id("f-feed-scope"), .name("scope")) { html in
                        html.option(.value("mine")) { $0.text(t[.feedScopeMine]) }
                        html.option(.value("all")) { $0.text(t[.feedScopeAll]) }
                    }
                }
                passwordField(id: "f-feed-password", name: "password", required: true, into: &html)
            }
            actions(t[.createFeed], into: &html)
        }
    }

    private func password(into html: inout HTML) {
        html.h2(text: t[.changePassword])
        html.form(.class("record"), .action("/account/password"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.fieldset(.class("single")) { html in
                passwordField(id: "f-current", name: "current", into: &html)
                html.div(.class("field")) { html in
                    html.label(.for("f-new"), text: t[.fieldNewPassword])
                    html.input(
                        .id("f-new"), .type("password"), .name("new"), .autocomplete("new-password"),
                        .ariaDescribedBy("f-new-hint"))
                    html.p(.class("hint"), .id("f-new-hint"), text: t[.hintPassword])
                }
                html.div(.class("field checkbox")) { html in
                    html.input(.id("f-keep-tokens"), .type("checkbox"), .name("keepTokens"), .value("on"))
                    html.label(.for("f-keep-tokens"), text: t[.keepTokensAndFeeds])
                }
            }
            actions(t[.changePassword], into: &html)
        }
    }

    private func twoFactor(into html: inout HTML) {
        html.h2(text: t[.twoFactor])
        if model.twoFactorOn {
            html.p(text: t[.twoFactorIsOn])
            html.form(.class("record"), .action("/account/two-factor/disable"), .method("post")) { html in
                html.hidden(name: "_csrf", value: csrf)
                html.fieldset(.class("single")) { passwordField(id: "f-tf-password", name: "password", into: &$0) }
                html.div(.class("actions")) {
                    $0.button(.type("submit"), .class("danger"), text: t[.twoFactorTurnOff])
                }
            }
            return
        }
        html.p(text: t[.twoFactorSetup])
        html.div(.class("two-factor-setup")) { html in
            // Drawn whenever the address fits a QR code (it always does for an email of ordinary length).
            if let code = try? QRCode(model.setupURL) {
                QRCodeView(code: code, label: t[.qrCodeLabel]).render(into: &html)
            }
            html.p { $0.code(.id("totp-secret-url")) { $0.text(model.setupURL) } }
        }
        html.form(.class("record"), .action("/account/two-factor"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.hidden(name: "secret", value: model.setupSecret)
            html.fieldset(.class("single")) { html in
                html.div(.class("field")) { html in
                    html.label(.for("f-tf-code"), text: t[.fieldCode])
                    html.input(
                        .id("f-tf-code"), .type("text"), .name("code"), Attribute("inputmode", "numeric"),
                        .autocomplete("one-time-code"))
                }
                passwordField(id: "f-tf-on-password", name: "password", required: true, into: &html)
            }
            actions(t[.twoFactorTurnOn], into: &html)
        }
    }

    private func tokens(into html: inout HTML) {
        html.h2(text: t[.apiTokens])
        if !model.tokens.isEmpty {
            html.div(.class("table-wrap")) { html in
                html.table(.class("directory")) { html in
                    html.thead { html in
                        html.tr { html in
                            for key: StringKey in [.fieldPersonName, .tokenAccess, .created, .tokenLastUsed] {
                                html.th(.scope("col"), text: t[key])
                            }
                            html.th(.scope("col"), text: "")
                        }
                    }
                    html.tbody { html in
                        for token in model.tokens {
                            html.tr { html in
                                html.th(.scope("row"), text: token.name)
                                html.td(.dataLabel(t[.tokenAccess]), text: token.access)
                                html.td(.dataLabel(t[.created]), text: token.created)
                                html.td(.dataLabel(t[.tokenLastUsed]), text: token.lastUsed)
                                html.td { html in
                                    if token.revoked {
                                        html.text(t[.tokenRevoked])
                                    } else {
                                        revokeForm("/account/tokens/\(token.id)/revoke", t[.tokenRevoke], into: &html)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if model.mustSetUpTwoFactor {
            html.p(.class("hint"), text: t[.twoFactorBeforeTokens])
            return
        }
        html.form(.class("record"), .action("/account/tokens"), .method("post")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.fieldset(.class("single")) { html in
                html.div(.class("field")) { html in
                    html.label(.for("f-token-name"), text: t[.tokenName])
                    html.input(.id("f-token-name"), .type("text"), .name("name"), Attribute("maxlength", "100"))
                }
                html.div(.class("field")) { html in
                    html.label(.for("f-token-access"), text: t[.tokenAccess])
                    html.select(.id("f-token-access"), .name("access")) { html in
                        html.option(.value("read")) { $0.text(t[.tokenRead]) }
                        html.option(.value("write")) { $0.text(t[.tokenWrite]) }
                    }
                }
                passwordField(id: "f-token-password", name: "password", required: true, into: &html)
            }
            actions(t[.tokenCreate], into: &html)
        }
    }

    /// A secret shown once, right after it is made: the feed's address or the token.
    private func shownOnce(_ explanation: String, _ secret: String, id: String, into html: inout HTML) {
        html.div(.class("notice"), .role("status")) { html in
            html.p(text: explanation)
            html.p { $0.code(.id(id)) { $0.text(secret) } }
        }
    }

    /// An address shown once, right after it is made, in a read-only box whose text is easy to select; the
    /// script adds a button that copies it.
    private func copyable(_ explanation: String, _ value: String, id: String, into html: inout HTML) {
        html.div(.class("notice"), .role("status")) { html in
            html.label(.for(id), text: explanation)
            html.div(.class("copyable")) { html in
                html.input(
                    .id(id), .type("text"), .flag("readonly"), .value(value), .class("copy-text"),
                    Attribute("data-copy-label", t[.copy]), Attribute("data-copied-label", t[.copied]))
            }
        }
    }

    /// The current password, asked again before a change.
    private func passwordField(id: String, name: String, required: Bool = false, into html: inout HTML) {
        html.div(.class("field")) { html in
            html.label(.for(id), text: t[.fieldCurrentPassword])
            html.input(
                .id(id), .type("password"), .name(name), .autocomplete("current-password"), .flag("required", required))
        }
    }

    private func revokeForm(_ action: String, _ label: String, into html: inout HTML) {
        html.form(.action(action), .method("post"), .class("inline")) { html in
            html.hidden(name: "_csrf", value: csrf)
            html.button(.type("submit"), .class("link"), text: label)
        }
    }

    private func actions(_ label: String, into html: inout HTML) {
        html.div(.class("actions")) { $0.button(.type("submit"), text: label) }
    }
}
