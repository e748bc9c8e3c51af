/// The home page: the greeting, the quick actions the role allows, and each part in its own section.
struct HomeView {
    let model: HomeModel
    let t: Strings

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.newline()
            html.h1(text: model.greeting)
            html.newline()
        }
        html.newline()
        if !model.quickActions.isEmpty {
            html.nav(.class("quick-actions"), .ariaLabel(t[.homeQuickActions])) { html in
                for action in model.quickActions {
                    html.a(.class("button secondary"), .href(action.href), text: action.label)
                    html.newline()
                }
            }
            html.newline()
        }
        html.p(.class("home-know")) { $0.a(.href("/members/least-known"), text: t[.homeLeastKnown]) }
        html.newline()
        html.div(.class("home-parts")) { html in
            html.newline()
            for part in model.parts {
                RecordParts.section(part.id, heading: part.heading, sectionId: part.id, into: &html) { html in
                    part.render(into: &html, t: t)
                }
                html.newline()
            }
        }
    }
}
