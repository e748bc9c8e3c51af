import Foundation
import LiaisonCore
import LiaisonStore

/// The tabs shared by the engagement pages: groups, interests, members not engaged.
struct EngagementTabs {
    let current: String
    let t: Strings

    func render(into html: inout HTML) {
        html.nav(.class("tabs"), .ariaLabel(t[.engagementTitle])) { html in
            for (path, label) in [
                ("/groups", t[.groupsTitle]), ("/interests", t[.interestsTitle]),
                ("/opportunities", t[.opportunitiesTitle]), ("/engagement", t[.unengagedTitle]),
            ] {
                html.a(.href(path), path == current ? Attribute("aria-current", "page") : nil, text: label)
                html.text(" ")
            }
        }
        html.newline()
    }
}

struct GroupListView {
    let groups: [GroupSummary]
    let canEdit: Bool
    let t: Strings

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.h1(text: t[.groupsTitle])
            if canEdit { html.a(.class("button"), .href("/groups/new"), text: t[.newGroup]) }
        }
        EngagementTabs(current: "/groups", t: t).render(into: &html)
        guard !groups.isEmpty else {
            html.p(.class("muted"), text: t[.groupsNone])
            return
        }
        html.table(.class("stacked")) { html in
            html.thead { html in
                html.tr { html in
                    for label in [t[.fieldGroupName], t[.fieldTheme], t[.groupLeads], t[.groupMembers]] {
                        html.th(.scope("col"), text: label)
                    }
                }
            }
            html.tbody { html in
                for group in groups {
                    html.tr { html in
                        html.td(.dataLabel(t[.fieldGroupName])) { $0.a(.href("/groups/\(group.id)"), text: group.name) }
                        html.td(.dataLabel(t[.fieldTheme])) { html in
                            html.a(.href(InterestsLink.theme(group.theme)), text: group.theme)
                        }
                        html.td(.dataLabel(t[.groupLeads]), text: group.leads.map(\.name).joined(separator: ", "))
                        html.td(.dataLabel(t[.groupMembers]), text: String(group.memberCount))
                    }
                }
            }
        }
    }
}

enum InterestsLink {
    static func theme(_ theme: String) -> String {
        var parts = URLComponents()
        parts.path = "/interests"
        parts.queryItems = [URLQueryItem(name: "theme", value: theme)]
        return parts.string ?? "/interests"
    }
}

struct GroupShowView {
    let group: WorkingGroup
    let names: [Int64: String]
    let people: [Int64: String]
    let activities: [Activity]
    let interested: [InterestSummary]
    let notice: String?
    let canEdit: Bool
    let zone: TimeZone
    let t: Strings

    func render(into html: inout HTML) {
        RecordParts.pageHead(
            group.input.name, path: "/groups/\(group.id)", notice: notice, canEdit: canEdit, t: t, into: &html)
        html.p { html in
            html.text("\(t[.fieldTheme]): ")
            html.a(.href(InterestsLink.theme(group.input.theme)), text: group.input.theme)
        }
        if let description = group.input.description { html.p(text: description) }
        html.newline()
        RecordParts.section("members", heading: "\(t[.groupMembers]) (\(group.input.members.count))", into: &html) {
            html in
            if group.input.members.isEmpty { html.p(.class("muted"), text: t[.groupNoMembers]) }
            html.ul(.class("plain")) { html in
                for member in group.input.members {
                    html.li { html in
                        html.a(
                            .href("/organizations/\(member.organizationId)"),
                            text: names[member.organizationId] ?? "#\(member.organizationId)")
                        html.text(" ")
                        html.span(.class("badge")) { $0.text(t.label(member.role)) }
                        if let joined = member.joinedOn {
                            html.span(.class("muted")) { $0.text(" · \(String(format: t[.groupJoinedOn], joined))") }
                        }
                        if !member.representativeIds.isEmpty {
                            html.p(.class("muted small")) { html in
                                html.text("\(t[.fieldRepresentatives]): ")
                                for (index, personId) in member.representativeIds.enumerated() {
                                    if index > 0 { html.text(", ") }
                                    html.a(.href("/people/\(personId)"), text: people[personId] ?? "#\(personId)")
                                }
                            }
                        }
                    }
                }
            }
        }
        html.newline()
        RecordParts.section("group-activities", heading: t[.groupActivities], into: &html) { html in
            if activities.isEmpty { html.p(.class("muted"), text: t[.noneYet]) }
            html.ul(.class("plain")) { html in
                for activity in activities {
                    html.li { html in
                        html.span(.class("muted")) { $0.text(String(activity.input.start.prefix(10))) }
                        html.text(" ")
                        html.a(.href("/activities/\(activity.id)"), text: activity.input.title)
                    }
                }
            }
        }
        html.newline()
        RecordParts.section("interested", heading: t[.groupInterested], into: &html) { html in
            if interested.isEmpty { html.p(.class("muted"), text: t[.noneYet]) }
            InterestLinesView(interests: interested, t: t).render(into: &html)
        }
    }
}

/// Interests as lines: who, which theme (and group), when and where it was said.
struct InterestLinesView {
    let interests: [InterestSummary]
    let t: Strings

    func render(into html: inout HTML) {
        html.ul(.class("plain")) { html in
            for interest in interests {
                html.li { html in
                    html.span(.class("muted")) { $0.text(interest.expressedOn) }
                    html.text(" ")
                    html.a(.href("/organizations/\(interest.organizationId)"), text: interest.organizationName)
                    html.text(" — ")
                    html.a(.href("/interests/\(interest.id)"), text: interest.theme)
                    if let group = interest.workingGroupName, let id = interest.workingGroupId {
                        html.text(" · \(t[.groupTitle]): ")
                        html.a(.href("/groups/\(id)"), text: group)
                    }
                    if let title = interest.activityTitle, let id = interest.activityId {
                        html.text(" · ")
                        html.a(.href("/activities/\(id)"), text: title)
                    }
                    if let title = interest.reportTitle, let id = interest.reportId {
                        html.text(" · ")
                        html.a(.href("/reports/\(id)"), text: title)
                    }
                    if let note = interest.note { html.p(.class("muted small"), text: note) }
                }
            }
        }
    }
}

struct GroupFormView {
    let model: GroupFormModel
    let t: Strings
    let csrf: String

    func render(into html: inout HTML) {
        FormParts.record(model, themes: model.themes, t: t, csrf: csrf, into: &html) { html in
            FormParts.fieldset(legend: t[.groupTitle], into: &html) { html in
                for field in model.fields { field.render(into: &html) }
            }
            FormParts.fieldset(.id("f-members"), legend: t[.groupMembers], into: &html) { html in
                for member in model.members {
                    html.div(.class("row")) { html in
                        html.p { $0.strong { $0.text(member.name) } }
                        for field in member.fields { field.render(into: &html) }
                    }
                }
                for field in model.adding { field.render(into: &html) }
            }
            FormParts.fieldset(.id("f-activities"), legend: t[.groupActivities], into: &html) { html in
                for field in model.activities { field.render(into: &html) }
            }
            for (name, value) in model.hidden { html.hidden(name: name, value: value) }
        }
    }
}

/// The interests: filtered by theme, country, region and group ("which Chinese cities said they care about
/// solid waste?").
struct InterestListView {
    let interests: [InterestSummary]
    let filters: [FormField]
    let themes: [String]
    let canEdit: Bool
    let t: Strings

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in html.h1(text: t[.interestsTitle]) }
        EngagementTabs(current: "/interests", t: t).render(into: &html)
        html.datalist(id: "themes", options: themes.map { ($0, $0) })
        ListParts.filters(action: "/interests", fields: filters, t: t, into: &html)
        html.newline()
        if interests.isEmpty {
            html.p(.class("muted"), text: t[.interestsNone])
        } else {
            html.p(.class("muted"), text: String(format: t[.interestsCount], interests.count))
            InterestLinesView(interests: interests, t: t).render(into: &html)
        }
    }
}

struct InterestShowView {
    let interest: Interest
    let summary: InterestSummary?
    let notice: String?
    let canEdit: Bool
    let t: Strings

    func render(into html: inout HTML) {
        RecordParts.pageHead(
            String(format: t[.interestHeading], interest.organizationName, interest.input.theme),
            path: "/interests/\(interest.id)", notice: notice, canEdit: canEdit, t: t, into: &html)
        if let summary { InterestLinesView(interests: [summary], t: t).render(into: &html) }
    }
}

struct InterestFormView {
    let heading: String
    let action: String
    let cancel: String
    let conflict: Bool
    let form: InterestForm
    let fields: [FormField]
    let themes: [String]
    let t: Strings
    let csrf: String

    var version: String { form.version }
    var errorSummary: [FieldErrorLink] {
        FieldErrorLink.of(fields)
            + (form.errors["organizationId"].map { [FieldErrorLink(id: "f-theme", message: $0)] } ?? [])
    }

    func render(into html: inout HTML) {
        FormParts.record(self, themes: themes, t: t, csrf: csrf, into: &html) { html in
            FormParts.fieldset(legend: form.organizationName, into: &html) { html in
                for field in fields { field.render(into: &html) }
            }
            html.hidden(name: "organizationId", value: form.organizationId)
            html.hidden(name: "organizationName", value: form.organizationName)
            html.hidden(name: "reportId", value: form.reportId)
        }
    }
}

struct UnengagedView {
    let members: [UnengagedMember]
    let total: Int
    let filters: [FormField]
    let regions: RegionCatalog
    let previous: String?
    let next: String?
    let pageLabel: String
    let t: Strings

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in html.h1(text: t[.unengagedTitle]) }
        EngagementTabs(current: "/engagement", t: t).render(into: &html)
        html.p(.class("muted"), text: t[.unengagedHint])
        ListParts.filters(action: "/engagement", fields: filters, t: t, into: &html)
        html.p { $0.strong { $0.text(String(format: t[.unengagedCount], total)) } }
        guard !members.isEmpty else { return }
        html.table(.class("stacked")) { html in
            html.thead { html in
                html.tr { html in
                    for label in [t[.colOrganization], t[.filterCountry], t[.filterRegion], t[.groupMemberSince]] {
                        html.th(.scope("col"), text: label)
                    }
                }
            }
            html.tbody { html in
                for member in members {
                    html.tr { html in
                        html.td(.dataLabel(t[.colOrganization])) {
                            $0.a(.href("/organizations/\(member.id)"), text: member.name)
                        }
                        html.td(
                            .dataLabel(t[.filterCountry]),
                            text: member.country.map { Country.named(code: $0)?.name ?? $0 } ?? "")
                        html.td(
                            .dataLabel(t[.filterRegion]),
                            text: member.region.flatMap { regions.region(key: $0)?.name } ?? "")
                        html.td(.dataLabel(t[.groupMemberSince]), text: member.memberSince.map(String.init) ?? "")
                    }
                }
            }
        }
        ListParts.pager(previous: previous, label: pageLabel, next: next, t: t, into: &html)
    }
}

/// An organization's groups and interests on its page, "not engaged" when a member has none, and the link
/// that records an interest.
struct EngagementSection {
    let organizationId: Int64
    let isMember: Bool
    let engagement: OrganizationEngagement
    let canEdit: Bool

    func render(into html: inout HTML, t: Strings) {
        RecordParts.section("engagement", heading: t[.engagementTitle], into: &html) { html in
            if isMember && engagement.groups.isEmpty && engagement.interests.isEmpty
                && engagement.opportunities.isEmpty
            {
                html.p { $0.span(.class("badge warning")) { $0.text(t[.notEngaged]) } }
            }
            if !engagement.groups.isEmpty {
                html.ul(.class("plain")) { html in
                    for (group, role) in engagement.groups {
                        html.li { html in
                            html.a(.href("/groups/\(group.id)"), text: group.name)
                            html.text(" ")
                            html.span(.class("badge")) { $0.text(t.label(role)) }
                        }
                    }
                }
            }
            if !engagement.interests.isEmpty {
                InterestLinesView(interests: engagement.interests, t: t).render(into: &html)
            }
            if !engagement.opportunities.isEmpty {
                html.ul(.class("plain")) { html in
                    for item in engagement.opportunities {
                        html.li { html in
                            html.a(.href("/opportunities/\(item.opportunity.id)"), text: item.opportunity.name)
                            html.text(" ")
                            html.span(.class("badge")) { $0.text(t.label(item.answer)) }
                        }
                    }
                }
            }
            if canEdit {
                html.a(
                    .class("button secondary"), .href("/interests/new?organization=\(organizationId)"),
                    text: t[.recordInterest])
            }
        }
    }
}
