import Foundation
import LiaisonCore
import LiaisonStore

struct OpportunityListView {
    let items: [OpportunitySummary]
    let canEdit: Bool
    let t: Strings

    func render(into html: inout HTML) {
        html.div(.class("page-head")) { html in
            html.h1(text: t[.opportunitiesTitle])
            if canEdit { html.a(.class("button"), .href("/opportunities/new"), text: t[.newOpportunity]) }
        }
        EngagementTabs(current: "/opportunities", t: t).render(into: &html)
        guard !items.isEmpty else {
            html.p(.class("muted"), text: t[.opportunitiesNone])
            return
        }
        html.table(.class("stacked")) { html in
            html.thead { html in
                html.tr { html in
                    for label in [t[.fieldTitle], t[.fieldOpportunityKind], t[.fieldTheme], t[.fieldDeadline]] {
                        html.th(.scope("col"), text: label)
                    }
                    html.th(.scope("col"), text: t[.opportunityAnswers])
                }
            }
            html.tbody { html in
                for item in items {
                    html.tr { html in
                        html.td(.dataLabel(t[.fieldTitle])) {
                            $0.a(.href("/opportunities/\(item.id)"), text: item.title)
                        }
                        html.td(.dataLabel(t[.fieldOpportunityKind]), text: t.label(item.kind))
                        html.td(.dataLabel(t[.fieldTheme]), text: item.theme ?? "")
                        html.td(.dataLabel(t[.fieldDeadline]), text: item.deadline ?? "")
                        html.td(
                            .dataLabel(t[.opportunityAnswers]),
                            text: InvitationAnswer.allCases.compactMap { answer in
                                item.answers[answer.rawValue].map { "\(t.label(answer)) \($0)" }
                            }.joined(separator: " · "))
                    }
                }
            }
        }
    }
}

struct OpportunityShowView {
    let opportunity: Opportunity
    let names: [Int64: String]
    let activity: Activity?
    let notice: String?
    let canEdit: Bool
    let csrf: String
    let t: Strings

    func render(into html: inout HTML) {
        let input = opportunity.input
        RecordParts.pageHead(
            input.title, path: "/opportunities/\(opportunity.id)", notice: notice, canEdit: canEdit, t: t, into: &html)
        html.p { html in
            html.span(.class("badge")) { $0.text(t.label(input.kind)) }
            if let theme = input.theme {
                html.text(" ")
                html.a(.href(InterestsLink.theme(theme)), text: theme)
            }
            if let deadline = input.deadline {
                html.text(" · \(String(format: t[.opportunityDeadline], deadline))")
            }
        }
        if let activity {
            html.p { html in
                html.text("\(t[.fieldOpportunityActivity]): ")
                html.a(.href("/activities/\(activity.id)"), text: activity.input.title)
            }
        }
        if let eligibility = input.eligibility {
            html.p { html in
                html.strong { $0.text("\(t[.fieldEligibility]): ") }
                html.text(eligibility)
            }
        }
        if let description = input.description { html.p(text: description) }
        RecordParts.section(
            "invitations", heading: "\(t[.opportunityInvitations]) (\(input.invitations.count))",
            sectionId: "invitations",
            into: &html
        ) { html in
            if canEdit {
                html.form(.action("/opportunities/\(opportunity.id)/invitations"), .method("post")) { html in
                    html.hidden(name: "_csrf", value: csrf)
                    html.hidden(name: "version", value: String(opportunity.version))
                    invitationList(input.invitations, boxes: true, into: &html)
                    var invite = FormField(name: "invite", label: t[.opportunityInvite], control: .textarea)
                    invite.hint = t[.hintOneNamePerLine]
                    invite.render(into: &html)
                    var answer = FormField(name: "answer", label: t[.opportunitySetAnswer], control: .select)
                    answer.options = FormField.choices(
                        InvitationAnswer.allCases.map { ($0.rawValue, t.label($0)) }, selected: "invited", blank: nil)
                    answer.render(into: &html)
                    html.button(.type("submit"), text: t[.opportunityApply])
                }
            } else {
                invitationList(input.invitations, boxes: false, into: &html)
            }
        }
    }

    private func invitationList(_ invitations: [OpportunityInvitation], boxes: Bool, into html: inout HTML) {
        if invitations.isEmpty { html.p(.class("muted"), text: t[.opportunityNoInvitations]) }
        html.ul(.class("plain")) { html in
            for invitation in invitations {
                let name = names[invitation.organizationId] ?? "#\(invitation.organizationId)"
                html.li { html in
                    if boxes {
                        let id = "invitation-\(invitation.organizationId)"
                        html.input(
                            .type("checkbox"), .id(id), .name("organizationIds"),
                            .value(String(invitation.organizationId)))
                        html.text(" ")
                        html.label(.for(id), text: name)
                    } else {
                        html.a(.href("/organizations/\(invitation.organizationId)"), text: name)
                    }
                    html.text(" ")
                    html.span(.class("badge")) { $0.text(t.label(invitation.answer)) }
                    if let sent = invitation.sentOn {
                        html.span(.class("muted")) { $0.text(" · \(String(format: t[.opportunitySentOn], sent))") }
                    }
                }
            }
        }
    }
}

struct OpportunityFormView {
    let heading: String
    let action: String
    let cancel: String
    let version: String
    let conflict: Bool
    let fields: [FormField]
    let themes: [String]
    let t: Strings
    let csrf: String

    var errorSummary: [FieldErrorLink] { FieldErrorLink.of(fields) }

    func render(into html: inout HTML) {
        FormParts.record(self, themes: themes, t: t, csrf: csrf, into: &html) { html in
            FormParts.fieldset(legend: t[.opportunityTitle], into: &html) { html in
                for field in fields { field.render(into: &html) }
            }
        }
    }
}
