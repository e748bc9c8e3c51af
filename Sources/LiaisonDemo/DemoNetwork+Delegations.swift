import Foundation
import LiaisonCore
import LiaisonStore

extension DemoNetwork {
    /// The Congress in Brussels as the trip report sees it: invitations to the Chinese members sent by Agnès
    /// (letters in Chinese, or English), several accepted with delegations of up to five, not always headed by
    /// the mayor, some with people registered by name (a head needing a visa letter, an interpreter); Foshan,
    /// Dongguan and Zhuhai invited as prospects.
    static func seedDelegations(
        into store: any LiaisonStore, organizations: [String: Int64], people: [String: Int64],
        activities: [String: Int64]
    ) async throws -> Int {
        guard let congress = activities["congress"] else { return 0 }
        let staff = try await createStaff(named: ["Agnès Bickart"], in: store)
        let agnes = AuditActor(accountId: staff["Agnès Bickart"], name: "Agnès Bickart")
        func person(_ name: String, _ role: DelegateRole, visa: Bool = true, interpretation: String? = nil)
            -> DelegationRegistration
        {
            DelegationRegistration(
                personId: people[name], personName: people[name] == nil ? name : nil, role: role,
                state: .confirmed, visaLetter: visa, interpretation: interpretation)
        }
        let invitations: [(String, DelegationInvitationState, String, Int?, Bool, [DelegationRegistration])] = [
            (
                "Guangzhou", .accepted, "zh", 5, false,
                [
                    person("CHEN Guo", .headOfDelegation, interpretation: "en"),
                    person("XIE Shuibin", .interpreter), person("HE Ying", .member),
                ]
            ),
            ("Shenzhen", .accepted, "en", 4, true, []),
            ("Chengdu", .accepted, "zh", 5, false, [person("YANG Fan", .headOfDelegation, interpretation: "en")]),
            ("Hangzhou", .accepted, "en", 3, false, [person("LIU Yang", .headOfDelegation, visa: false)]),
            ("Harbin", .invited, "zh", nil, false, []),
            ("Wuhan", .invited, "en", nil, false, []),
            ("Xi'an", .noAnswer, "zh", nil, false, []),
            ("Shanghai", .declined, "en", 0, false, []),
            ("Foshan", .invited, "zh", 2, false, [person("LI Wenjing", .headOfDelegation, interpretation: "en")]),
            ("Dongguan", .invited, "zh", nil, false, []),
            ("Zhuhai", .invited, "zh", nil, false, []),
        ]
        var created = 0
        for (name, state, language, size, mayor, registrations) in invitations {
            guard let organizationId = organizations[name] else { continue }
            _ = try await store.createDelegation(
                DelegationInput(
                    activityId: congress, organizationId: organizationId, state: state, sentOn: "2026-12-01",
                    sentByAccountId: agnes.accountId, letterLanguage: language, expectedSize: size, mayorHeads: mayor,
                    note: name == "Guangzhou" ? "Up to five; the Mayor may not be able to head it." : nil,
                    registrations: registrations), by: agnes)
            created += 1
        }
        return created
    }
}
