/// An organization's page: its name and status, facts and membership, the people there now and before, its
/// latest activities, governance roles, networks, practices, history and the record's version.
struct OrganizationShowView {
    let model: OrganizationShowModel
    let t: Strings
    /// Whether the signed-in person may change the organization (an editor or an admin).
    let canEdit: Bool

    func render(into html: inout HTML) {
        RecordParts.notice(model.saved ? t[.saved] : nil, into: &html)
        html.newline()
        head(into: &html)
        html.newline()
        html.div(.class("columns")) { html in
            html.newline()
            facts(model.facts, id: "facts", heading: t[.sectionFacts], rel: "noopener noreferrer", into: &html)
            html.newline()
            facts(model.membership, id: "membership", heading: t[.sectionMembership], rel: nil, into: &html)
            html.newline()
        }
        html.newline()
        RecordParts.section("people", heading: t[.sectionPeople], into: &html) { html in
            people(into: &html)
        }
        html.newline()
        RecordParts.section("activities", heading: t[.sectionActivities], into: &html) { html in
            activities(into: &html)
        }
        html.newline()
        RecordParts.section("roles", heading: t[.sectionRoles], into: &html) { html in
            list(model.roles, into: &html) { role, html in
                html.strong { $0.text(role.title) }
                if role.fromYear != nil || role.toYear != nil {
                    html.text(" ")
                    html.span(.class("muted")) { html in
                        year(role.fromYear, into: &html)
                        html.text("–")
                        year(role.toYear, into: &html)
                    }
                }
            }
        }
        html.newline()
        RecordParts.section("networks", heading: t[.sectionAffiliations], into: &html) { html in
            list(model.networks, into: &html) { network, html in
                html.a(.href("/organizations/\(network.id)"), text: network.name)
            }
        }
        html.newline()
        RecordParts.section("practices", heading: t[.sectionPractices], into: &html) { html in
            list(model.practices, into: &html) { practice, html in
                html.strong { $0.text(practice.title) }
                if let year = practice.year {
                    html.text(" ")
                    html.span(.class("muted")) { html in
                        html.text("(")
                        html.text(year)
                        html.text(")")
                    }
                }
                if let description = practice.description {
                    html.br()
                    html.text(description)
                }
            }
        }
        html.newline()
        RecordParts.section("history", heading: t[.sectionHistory], into: &html) { html in
            if model.history.isEmpty {
                html.p(.class("muted"), text: t[.noneRecorded])
            } else {
                HistoryView(rows: model.history, t: t).render(into: &html)
            }
        }
        html.newline()
        html.p(.class("record-info muted")) { html in
            html.text(t[.version])
            html.text(" ")
            html.text(model.version)
            html.text(" · \(t[.updated]) ")
            html.text(model.updated)
            html.text(" · \(t[.created]) ")
            html.text(model.created)
        }
    }

    /// The kind, status and name, the other names, and the buttons that edit and delete.
    private func head(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.newline()
            html.div { html in
                html.newline()
                html.p(.class("eyebrow")) { html in
                    html.text(model.kind)
                    html.text(" · ")
                    html.span(.class("badge status-\(model.statusKey)")) { $0.text(model.status) }
                    if model.paying {
                        html.text(" ")
                        html.span(.class("badge paying")) { $0.text(t[.paying]) }
                    }
                }
                html.newline()
                html.h1 { html in
                    html.text(model.name)
                    if let nativeName = model.nativeName {
                        html.text(" ")
                        html.span(.class("native"), .lang("und")) { $0.text(nativeName) }
                    }
                }
                html.newline()
                if !model.aliases.isEmpty {
                    html.p(.class("aliases")) { html in
                        html.text(t[.alsoKnownAs])
                        html.text(" ")
                        for (index, alias) in model.aliases.enumerated() {
                            if index > 0 { html.text(", ") }
                            html.text(alias)
                        }
                    }
                    html.newline()
                }
            }
            html.newline()
            if canEdit {
                html.div(.class("head-actions")) { html in
                    html.newline()
                    html.a(.class("button"), .href("/organizations/\(model.id)/edit"), text: t[.edit])
                    html.newline()
                    html.a(.class("button secondary"), .href("/organizations/\(model.id)/delete"), text: t[.delete])
                    html.newline()
                }
                html.newline()
            }
        }
    }

    /// A list of facts, each a label and a value, the value a link when it has one.
    private func facts(
        _ facts: [OrganizationShowModel.Fact], id: String, heading: String, rel: String?, into html: inout HTML
    ) {
        RecordParts.section(id, heading: heading, into: &html) { html in
            html.dl(.class("facts")) { html in
                for fact in facts {
                    html.dt { $0.text(fact.label) }
                    html.dd { html in
                        if let href = fact.href {
                            html.a(.href(href), rel.map { Attribute("rel", $0) }, text: fact.value)
                        } else {
                            html.text(fact.value)
                        }
                    }
                }
            }
        }
    }

    /// The items as a plain list, or "None recorded."
    private func list<Item>(_ items: [Item], into html: inout HTML, item: (Item, inout HTML) -> Void) {
        guard !items.isEmpty else {
            html.p(.class("muted"), text: t[.noneRecorded])
            return
        }
        html.ul(.class("plain")) { html in
            for each in items {
                html.li { item(each, &$0) }
            }
        }
    }

    private func year(_ year: Int?, into html: inout HTML) {
        if let year { html.text(year) } else { html.text("…") }
    }

    private func people(into html: inout HTML) {
        if model.currentPeople.isEmpty {
            html.p(.class("muted"), text: t[.noCurrentPeople])
        } else {
            people(model.currentPeople, into: &html)
        }
        html.newline()
        if !model.pastPeople.isEmpty {
            html.h3 { $0.text(t[.pastPeople]) }
            people(model.pastPeople, into: &html)
            html.newline()
        }
        html.p { html in
            html.a(.href("/people?organization=\(model.id)"), text: t[.allPeopleHere])
            if canEdit {
                html.text(" · ")
                html.a(.href("/people/new?organization=\(model.id)"), text: t[.addPersonHere])
            }
        }
    }

    private func people(_ lines: [OrganizationShowModel.PersonLine], into html: inout HTML) {
        html.ul(.class("plain people")) { html in
            for line in lines {
                html.li { html in
                    ListParts.recordName(
                        href: "/people/\(line.id)", name: line.name, nativeName: line.nativeName, into: &html)
                    html.text(" ")
                    html.span(.class("muted")) { html in
                        html.text(line.title)
                        if let department = line.department {
                            html.text(", ")
                            html.text(department)
                        }
                        if line.start != nil || line.end != nil {
                            html.text(" · ")
                            html.text(line.start ?? "…")
                            html.text("–")
                            html.text(line.end ?? "")
                        }
                    }
                }
            }
        }
    }

    private func activities(into html: inout HTML) {
        RecordParts.timeline(model.activities, t: t, into: &html)
        html.newline()
        html.p { html in
            html.a(.href(model.activitiesHref), text: t[.allActivitiesHere])
            if canEdit {
                html.text(" · ")
                html.a(.href("/activities/new?organization=\(model.id)"), text: t[.addActivityHere])
            }
        }
    }
}
