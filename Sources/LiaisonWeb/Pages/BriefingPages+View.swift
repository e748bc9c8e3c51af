import Foundation
import LiaisonCore
import LiaisonStore

/// The form that asks which pack to make: an activity, or a list of organizations.
struct BriefingChooserView {
    let activityValue: String
    let organizationsValue: String
    let errors: [FieldError]
    let maximum: Int
    let t: Strings

    func render(into html: inout HTML) {
        html.h1(text: t[.briefingTitle])
        html.p(text: String(format: t[.briefingIntro], maximum))
        if !errors.isEmpty {
            html.div(.class("error-summary"), .role("alert")) { html in
                html.ul { html in for error in errors { html.li(text: error.message) } }
            }
        }
        html.form(.class("stack"), .action("/briefing"), .method("get")) { html in
            FormField(
                name: "activity", label: t[.briefingActivity], value: activityValue,
                error: errors.first { $0.field == "activity" }?.message, control: .number
            ).render(into: &html)
            FormField(
                name: "organizations", label: t[.briefingOrganizations], value: organizationsValue,
                error: errors.first { $0.field == "organizations" }?.message,
                hint: String(format: t[.briefingOrganizationsHint], maximum)
            ).render(into: &html)
            html.button(.type("submit"), text: t[.briefingMake])
        }
    }
}

/// The pack: a cover, then each city on a page of its own when printed.
struct BriefingView {
    let model: BriefingModel
    let t: Strings

    func render(into html: inout HTML) {
        html.section(.class("briefing-cover"), .ariaLabel(t[.briefingCover])) { html in
            html.h1(text: model.title)
            html.p(.class("muted"), text: String(format: t[.briefingCityCount], model.cities.count))
            html.p(.class("head-actions")) { html in
                html.text(t[.briefingPrintHint])
                if let id = model.activityId {
                    html.text(" ")
                    html.a(.class("button secondary"), .href("/activities/\(id)"), text: t[.briefingBack])
                }
            }
            if !model.schedule.isEmpty {
                html.h2(text: t[.briefingSchedule])
                html.p(.class("muted small"), text: t[.briefingLocalTime])
                html.div(.class("table-wrap")) { html in
                    html.table(.class("data")) { html in
                        html.thead { html in
                            html.tr { html in
                                html.th(.scope("col"), text: t[.briefingWhen])
                                html.th(.scope("col"), text: t[.briefingWhat])
                                html.th(.scope("col"), text: t[.briefingWhere])
                            }
                        }
                        html.tbody { html in
                            for line in model.schedule {
                                html.tr { html in
                                    html.td(.dataLabel(t[.briefingWhen]), text: line.when)
                                    html.td(.dataLabel(t[.briefingWhat])) { html in
                                        html.a(.href("/activities/\(line.id)"), text: line.title)
                                        html.text(" · " + line.kind)
                                    }
                                    html.td(.dataLabel(t[.briefingWhere]), text: line.place ?? "")
                                }
                            }
                        }
                    }
                }
            }
            if !model.delegation.isEmpty {
                html.h2(text: t[.briefingDelegation])
                delegation(model.delegation, into: &html)
            }
            html.h2(text: t[.briefingContents])
            html.ol(.class("briefing-contents")) { html in
                for city in model.cities { html.li { $0.a(.href("#city-\(city.id)"), text: city.name) } }
            }
        }
        for city in model.cities {
            html.newline()
            self.city(city, into: &html)
        }
    }

    private func delegation(_ lines: [BriefingModel.DelegateLine], into html: inout HTML) {
        html.ul(.class("plain")) { html in
            for line in lines {
                html.li { html in
                    html.strong { $0.text(line.name) }
                    html.text(" · " + line.role + (line.organization.map { " · " + $0 } ?? ""))
                }
            }
        }
    }

    private func city(_ city: BriefingModel.City, into html: inout HTML) {
        html.section(.class("briefing-city"), .id("city-\(city.id)")) { html in
            html.h2(.class("city-name")) { html in
                html.a(.href("/organizations/\(city.id)"), text: city.name)
                if let native = city.nativeName {
                    html.text(" ")
                    html.span(.class("native")) { $0.text(native) }
                }
            }
            html.dl(.class("facts")) { html in
                for fact in city.keyFacts {
                    html.dt { $0.text(fact.label) }
                    html.dd { $0.text(fact.value) }
                }
            }
            list(t[.briefingRoles], city.roles, into: &html)
            list(t[.briefingNetworks], city.networks, into: &html)
            html.h3 { $0.text(t[.briefingPeople]) }
            if city.people.isEmpty {
                html.p(.class("muted"), text: t[.briefingNoPeople])
            } else {
                html.ul(.class("plain people")) { html in
                    for person in city.people {
                        html.li { html in
                            html.a(.href("/people/\(person.id)")) { html in html.strong { $0.text(person.name) } }
                            if let native = person.nativeName { html.text(" (\(native))") }
                            if !person.position.isEmpty { html.text(" · " + person.position) }
                            if let languages = person.languages {
                                html.text(" · " + t[.fieldLanguages] + ": " + languages)
                            }
                            if let channel = person.channel {
                                html.br()
                                html.text(t[.briefingChannel] + ": " + channel)
                                if let holder = person.channelHolder {
                                    html.text(" " + String(format: t[.briefingHeldBy], holder))
                                }
                            }
                        }
                    }
                }
            }
            if !city.delegation.isEmpty {
                html.h3 { $0.text(t[.briefingDelegation]) }
                delegation(city.delegation, into: &html)
            }
            html.h3 { $0.text(t[.briefingLastInteractions]) }
            if city.lastInteractions.isEmpty {
                html.p(.class("muted"), text: t[.briefingNone])
            } else {
                html.ul(.class("plain")) { html in
                    for line in city.lastInteractions {
                        html.li { html in
                            html.a(.href("/activities/\(line.id)"), text: line.title)
                            html.text(" · " + line.when)
                        }
                    }
                }
            }
            if !city.reports.isEmpty {
                html.h3 { $0.text(t[.briefingReports]) }
                html.ul(.class("plain")) { html in
                    for report in city.reports {
                        html.li { html in
                            html.a(.href("/reports/\(report.id)"), text: report.title)
                            html.text(" · " + report.date)
                        }
                    }
                }
            }
            html.h3 { $0.text(t[.briefingFollowUps]) }
            if city.followUps.isEmpty {
                html.p(.class("muted"), text: t[.briefingNone])
            } else {
                html.ul(.class("plain")) { html in
                    for followUp in city.followUps {
                        html.li { html in
                            html.a(.href("/follow-ups/\(followUp.id)"), text: followUp.title)
                            if let due = followUp.due { html.text(" · " + String(format: t[.briefingDue], due)) }
                            if let assignee = followUp.assignee { html.text(" · " + assignee) }
                        }
                    }
                }
            }
            if let pipeline = city.pipeline {
                html.h3 { $0.text(t[.navPipeline]) }
                html.p(text: pipeline)
            }
            list(t[.navGroups], city.groups, into: &html)
            list(t[.briefingInterests], city.interests, into: &html)
            list(t[.briefingPractices], city.practices, into: &html)
        }
    }

    private func list(_ heading: String, _ items: [String], into html: inout HTML) {
        guard !items.isEmpty else { return }
        html.h3 { $0.text(heading) }
        html.ul(.class("plain inline-list")) { html in for item in items { html.li(text: item) } }
    }
}
