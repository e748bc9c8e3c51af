import Foundation
import LiaisonCore
import LiaisonStore

/// Congress invitations of a synthetic network: one more activity, a congress, with delegations of
/// organizations spread over the ids, in every invitation state, with estimates of up to five and a few people
/// registered by name.
extension SyntheticGenerator {
    private static let activityTable = table("activity")
    private static let delegation = table("delegation")
    private static let registration = table("delegation_registration")
    private static let states: [DelegationInvitationState] = [
        .accepted, .accepted, .accepted, .invited, .invited, .noAnswer, .declined, .notSent,
    ]

    /// The congress as activity `activities + 1`, and `count` delegations to it (at most one an organization).
    mutating func congress(delegations count: Int) -> Batch {
        guard count > 0 else { return [] }
        var batch = activities(from: options.activities, count: 1)
        let congressId = Int64(options.activities + 1)
        let columns = Self.activityTable.columnNames
        if let index = batch.firstIndex(where: { $0.0.name == "activity" }), var row = batch[index].1.first {
            if let kind = columns.firstIndex(of: "kind") { row[kind] = .text(ActivityKind.congress.rawValue) }
            if let title = columns.firstIndex(of: "title") { row[title] = .text("Congress") }
            batch[index].1 = [row]
        }
        var delegations: [[TransferValue]] = []
        var registrations: [[TransferValue]] = []
        let count = min(count, organizations.count)
        let step = max(1, organizations.count / max(count, 1))
        for index in 0..<count {
            let organization = organizations[(index * step) % organizations.count]
            let state = random.pick(Self.states)
            let size = random.chance(80) ? Int64(random.below(6)) : nil
            let mode: AttendanceMode = random.chance(20) ? .virtual : .inPerson
            var registered = (inPerson: 0, virtual: 0)
            let named = state == .accepted ? random.below(4) : 0
            for position in 0..<named {
                let personMode: AttendanceMode = random.chance(15) ? .virtual : .inPerson
                let registrationState: RegistrationState = random.chance(10) ? .cancelled : .registered
                if registrationState.isActive {
                    if personMode == .inPerson { registered.inPerson += 1 } else { registered.virtual += 1 }
                }
                registrations.append([
                    .integer(Int64(index + 1)), .integer(Int64(position)), .null,
                    .text("Delegate \(index + 1)-\(position + 1)"),
                    .text(position == 0 ? DelegateRole.headOfDelegation.rawValue : DelegateRole.member.rawValue),
                    .text(personMode.rawValue), .text(registrationState.rawValue), .bool(random.chance(50)),
                    random.chance(30) ? .text("en") : .null,
                ])
            }
            let sent = state == .notSent
            delegations.append([
                .integer(Int64(index + 1)), .integer(congressId), .integer(organization.id), .text(organization.name),
                .text(state.rawValue), sent ? .null : .text("2027-01-15"), sent ? .null : .integer(1),
                .text(organization.language.count == 2 ? organization.language : "en"),
                size.map { .integer($0) } ?? .null,
                .bool(random.chance(20)), .text(mode.rawValue), .null, .integer(Int64(registered.inPerson)),
                .integer(Int64(registered.virtual)), .integer(1), instant(index), instant(index),
            ])
        }
        return batch + [(Self.delegation, delegations), (Self.registration, registrations)]
    }
}
