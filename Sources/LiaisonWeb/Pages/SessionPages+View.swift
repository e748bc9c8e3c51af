/// The sign-in page.
struct SignInView {
    let model: SessionPages.Model
    let t: Strings

    func render(into html: inout HTML) {
        html.div(.class("narrow")) { html in
            html.h1(text: t[.signIn])
            if let error = model.error {
                html.div(.class("alert"), .role("alert"), .id("sign-in-error")) { $0.text(error) }
            }
            html.form(.class("record"), .action("/sign-in"), .method("post")) { html in
                html.hidden(name: "next", value: model.next)
                html.hidden(name: "_csrf", value: model.csrf)
                html.fieldset(.class("single")) { html in
                    html.div(.class("field")) { html in
                        html.label(.for("f-email"), text: t[.fieldEmail])
                        html.input(
                            .id("f-email"), .type("email"), .name("email"), .value(model.email),
                            .autocomplete("username"), .flag("required"), .flag("autofocus"))
                    }
                    html.div(.class("field")) { html in
                        html.label(.for("f-password"), text: t[.fieldPassword])
                        html.input(
                            .id("f-password"), .type("password"), .name("password"),
                            .autocomplete("current-password"), .flag("required"))
                    }
                    html.div(.class("field")) { html in
                        html.label(.for("f-code"), text: t[.fieldCode])
                        html.input(
                            .id("f-code"), .type("text"), .name("code"), Attribute("inputmode", "numeric"),
                            .autocomplete("one-time-code"), .ariaDescribedBy("f-code-hint"))
                        html.p(.class("hint"), .id("f-code-hint"), text: t[.hintCode])
                    }
                }
                html.div(.class("actions")) { $0.button(.type("submit"), text: t[.signIn]) }
            }
        }
    }
}
