import Foundation
import LiaisonCore
import LiaisonStore

/// Activities of a synthetic network: ten years of meetings, calls, visits, events and missions around
/// 2026, each in the zone of its host's country, with organizations, people and staff taking part.
extension SyntheticGenerator {
    private static let activity = table("activity")
    private static let activityOrganization = table("activity_organization")
    private static let activityPerson = table("activity_person")
    private static let activityStaff = table("activity_staff")

    /// Kinds in the proportions a secretariat records them.
    private static let activityKinds: [ActivityKind] =
        Array(repeating: .bilateralMeeting, count: 7) + Array(repeating: .call, count: 6)
        + Array(repeating: .event, count: 3) + [.courtesyVisit, .courtesyVisit, .mission]
    private static let statuses: [ParticipationStatus] = [
        .attended, .attended, .attended, .confirmed, .invited, .declined, .noAnswer,
    ]
    private static let roles: [DelegateRole] = [.headOfDelegation, .member, .member, .interpreter, .speaker]

    /// A zone for each country the synthetic names come from (the capital's).
    private static let zones: [String: String] = [
        "AE": "Asia/Dubai", "AR": "America/Argentina/Buenos_Aires", "BR": "America/Sao_Paulo", "BY": "Europe/Minsk",
        "CA": "America/Toronto", "CN": "Asia/Shanghai", "CO": "America/Bogota", "DE": "Europe/Berlin",
        "EG": "Africa/Cairo", "ES": "Europe/Madrid", "FR": "Europe/Paris", "GH": "Africa/Accra", "IT": "Europe/Rome",
        "JO": "Asia/Amman", "JP": "Asia/Tokyo", "KG": "Asia/Bishkek", "KR": "Asia/Seoul", "KZ": "Asia/Almaty",
        "MA": "Africa/Casablanca", "MX": "America/Mexico_City", "NG": "Africa/Lagos", "PL": "Europe/Warsaw",
        "PT": "Europe/Lisbon", "RU": "Europe/Moscow", "SE": "Europe/Stockholm", "SG": "Asia/Singapore",
        "TN": "Africa/Tunis", "TR": "Europe/Istanbul", "TW": "Asia/Taipei", "US": "America/New_York",
    ]

    /// The most activities noted for reports to be on.
    static let maxReportable = 200_000

    /// The activities numbered `from ..< from + count` (ids from 1), with who took part.
    mutating func activities(from: Int, count: Int) -> Batch {
        var activities: [[TransferValue]] = []
        var organizationRows: [[TransferValue]] = []
        var personRows: [[TransferValue]] = []
        var staffRows: [[TransferValue]] = []
        let span = 10 * 365 * 86_400
        let start = base.addingTimeInterval(-5 * 365 * 86_400)
        for index in from..<(from + count) {
            let id = Int64(index + 1)
            let kind = random.pick(Self.activityKinds)
            let hostIndex = organizations.isEmpty ? nil : random.below(organizations.count)
            let host = hostIndex.map { organizations[$0] }
            let zoneName = kind == .call ? "Europe/Madrid" : host.flatMap { Self.zones[$0.country] } ?? "UTC"
            let zone = ActivityTime.zone(named: zoneName)!
            // Working hours where it happens, on the quarter hour.
            let day = start.addingTimeInterval(Double(random.below(span / 86_400) * 86_400))
            let localDay = ActivityTime.localText(day, in: zone, dayOnly: true)
            let allDay = kind == .mission
            let startLocal: String
            let endLocal: String
            if allDay {
                startLocal = localDay
                let last = day.addingTimeInterval(Double(2 + random.below(8)) * 86_400)
                endLocal = ActivityTime.localText(last, in: zone, dayOnly: true)
            } else {
                let minutes = (8 * 60 + random.below(40) * 15)
                startLocal = localDay + String(format: "T%02d:%02d", minutes / 60, minutes % 60)
                let length =
                    kind == .call
                    ? 30 + random.below(3) * 15
                    : kind == .event ? 180 + random.below(5) * 60 : 60 + random.below(4) * 30
                let end = minutes + length
                endLocal = localDay + String(format: "T%02d:%02d", min(end / 60, 23), end / 60 > 23 ? 59 : end % 60)
            }
            let input = ActivityInput(
                kind: kind, allDay: allDay, start: startLocal, end: endLocal, timeZone: zoneName)
            // The rare local time a clock change skips is left out (its id with it).
            guard case .success(let interval) = input.interval() else { continue }
            let title: String =
                switch kind {
                case .mission: "Mission to \(host?.name ?? "the region")"
                case .call: "Call with \(host?.name ?? "a member")"
                case .event: "Workshop in \(host?.name ?? "the region")"
                case .courtesyVisit: "Courtesy visit of \(host?.name ?? "a delegation")"
                case .bilateralMeeting, .congress: "Meeting with \(host?.name ?? "a member")"
                }
            let place: (id: TransferValue, name: TransferValue) =
                kind == .call || host == nil ? (.null, .null) : (.integer(host!.id), .text(host!.name))
            let visibility: TransferValue = .text(random.chance(10) ? "public" : "internal")
            var row: [TransferValue] = [.integer(id), .text(kind.rawValue), .text(title), .null, .null, .bool(allDay)]
            row += [
                .text(startLocal), .text(endLocal), .text(zoneName), .instant(interval.start), .instant(interval.end),
            ]
            row += [place.id, place.name, .null, visibility, .integer(1), instant(index), instant(index)]
            activities.append(row)
            if kind != .call, reportable.count < Self.maxReportable { reportable.append((id, title, hostIndex)) }
            var taking = host.map { [$0] } ?? []
            let others = kind == .event ? 3 + random.below(20) : random.below(3)
            for _ in 0..<others where !organizations.isEmpty {
                let other = organizations[random.below(organizations.count)]
                if !taking.contains(where: { $0.id == other.id }) { taking.append(other) }
            }
            for (position, organization) in taking.enumerated() {
                organizationRows.append([
                    .integer(id), .integer(Int64(position)), .integer(organization.id), .text(organization.name),
                    .text(kind == .call || random.chance(20) ? "virtual" : "in_person"),
                    .text(random.pick(Self.statuses).rawValue), .bool(position == 0 && kind == .event),
                ])
            }
            if options.people > 0 {
                for position in 0..<random.below(4) {
                    let personId = Int64(1 + random.below(options.people))
                    // The name kept beside the id is only read once the person is deleted.
                    personRows.append([
                        .integer(id), .integer(Int64(position)), .integer(personId), .text("Person \(personId)"),
                        .null, .text(random.pick(Self.roles).rawValue), .bool(kind != .call),
                    ])
                }
            }
            var staff: [Int64] = []
            for _ in 0..<(1 + random.below(2)) {
                let account = Int64(1 + random.below(Self.staffCount))
                if !staff.contains(account) { staff.append(account) }
            }
            for (position, account) in staff.enumerated() {
                staffRows.append([.integer(id), .integer(Int64(position)), .integer(account)])
            }
        }
        return [
            (Self.activity, activities), (Self.activityOrganization, organizationRows),
            (Self.activityPerson, personRows), (Self.activityStaff, staffRows),
        ]
    }
}
