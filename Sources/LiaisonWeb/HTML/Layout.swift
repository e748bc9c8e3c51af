import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import NIOCore

/// The frame of every page: head, skip link, the header with navigation, search and who is signed in,
/// the main content and the footer.
struct Layout {
    let t: Strings
    let title: String
    let identity: Identity?
    var search = ""

    func render(into html: inout HTML, content: HTML.Content) {
        html.doctype()
        html.html(.lang("en")) { html in
            html.newline()
            html.head { html in
                html.newline()
                html.meta(Attribute("charset", "utf-8"))
                html.newline()
                html.meta(.name("viewport"), Attribute("content", "width=device-width, initial-scale=1"))
                html.newline()
                html.title("\(title) · \(t[.appName])")
                html.newline()
                html.link(Attribute("rel", "stylesheet"), .href("/assets/app.css"))
                html.newline()
                html.script(Attribute("src", "/assets/app.js"), .flag("defer"))
                html.newline()
            }
            html.newline()
            html.body { html in
                html.newline()
                html.a(.class("skip"), .href("#main"), text: t[.skipToContent])
                html.newline()
                header(into: &html)
                html.newline()
                html.main(.id("main")) { html in
                    html.newline()
                    content(&html)
                    html.newline()
                }
                html.newline()
                html.footer(.class("bottom")) { $0.text(t[.footer]) }
                html.newline()
            }
            html.newline()
        }
        html.newline()
    }

    private func header(into html: inout HTML) {
        html.header(.class("top")) { html in
            html.newline()
            html.a(.class("brand"), .href("/"), text: t[.appName])
            guard let identity else {
                html.newline()
                return
            }
            html.newline()
            // On a narrow screen the navigation and the account fold under a disclosure that opens without
            // JavaScript: its open state shows the panel after it (a sibling, so that on a wide screen the panel
            // is plainly part of the header, with no closed <details> around it).
            html.details(.class("menu")) { html in
                html.summary(Attribute("aria-controls", "menu-panel")) { $0.text(t[.navMenu]) }
            }
            html.div(.class("menu-panel"), .id("menu-panel")) { html in
                navigation(identity.account.role, into: &html)
                html.newline()
                who(identity, into: &html)
            }
            html.newline()
            search(into: &html)
            html.newline()
        }
    }

    private func navigation(_ role: StaffRole, into html: inout HTML) {
        html.nav(.ariaLabel(t[.navLabel])) { html in
            html.a(.href("/organizations"), text: t[.navDirectory])
            html.a(.href("/people"), text: t[.navPeople])
            html.a(.href("/calendar"), text: t[.navCalendar])
            html.a(.href("/reports"), text: t[.navReports])
            html.a(.href("/follow-ups"), text: t[.navFollowUps])
            html.a(.href("/pipeline"), text: t[.navPipeline])
            html.a(.href("/groups"), text: t[.navGroups])
            html.a(.href("/analytics"), text: t[.navAnalytics])
            if role >= .editor {
                html.a(.href("/organizations/new"), text: t[.navNewOrganization])
                html.a(.href("/people/new"), text: t[.navNewPerson])
            }
            if role >= .admin {
                html.a(.href("/admin/accounts"), text: t[.navAccounts])
                html.a(.href("/admin/audit"), text: t[.navAudit])
            }
        }
    }

    private func search(into html: inout HTML) {
        html.form(.class("search"), .role("search"), .action("/search"), .method("get")) { html in
            html.label(.for("global-search"), .class("visually-hidden"), text: t[.searchLabel])
            html.input(
                .id("global-search"), .type("search"), .name("q"), .value(search),
                Attribute("placeholder", t[.searchPlaceholder]), .autocomplete("off"), .role("combobox"),
                Attribute("aria-autocomplete", "list"), Attribute("aria-expanded", "false"),
                Attribute("aria-controls", "global-search-results"))
            html.ul(
                .id("global-search-results"), .class("suggestions"), .role("listbox"),
                .ariaLabel(t[.searchSuggestions]), .flag("hidden")
            ) { _ in }
            html.button(.type("submit"), text: t[.searchButton])
        }
    }

    private func who(_ identity: Identity, into html: inout HTML) {
        html.div(.class("who")) { html in
            html.a(.href("/account"), .id("account-link"), text: identity.account.name)
            html.text(" ")
            let unread = identity.unreadNotifications
            html.a(
                .href("/inbox"), .id("inbox-link"),
                .ariaLabel(unread == 0 ? t[.inboxTitle] : String(format: t[.inboxUnreadCount], unread))
            ) { html in
                html.text(t[.inboxTitle])
                if unread > 0 {
                    html.text(" ")
                    html.span(.class("count")) { $0.text(String(unread)) }
                }
            }
            html.text(" ")
            html.span(.class("role")) { $0.text(t.label(identity.account.role)) }
            html.text(" ")
            html.form(.action("/sign-out"), .method("post"), .class("inline")) { html in
                html.hidden(name: "_csrf", value: identity.csrfToken ?? "")
                html.button(.type("submit"), .class("link"), text: t[.signOut])
            }
        }
    }
}

extension PageRenderer {
    /// An HTML page drawn by a typed view inside the layout.
    func page(
        title: String, context: AppRequestContext, status: HTTPResponse.Status = .ok, search: String = "",
        content: HTML.Content
    ) -> Response {
        var html = HTML()
        Layout(t: strings, title: title, identity: context.identity, search: search).render(
            into: &html, content: content)
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: html.bytes)))
    }
}
