import Foundation

extension PersonInput {
    /// This person with what `other` (a duplicate record of them) adds: every position and channel not
    /// already here, languages of both, and the fields left blank here filled from `other`. Notes of both are
    /// kept. When both have a preferred channel, this one's stays preferred.
    public func merged(with other: PersonInput) -> PersonInput {
        var result = self
        if result.givenName.isEmpty { result.givenName = other.givenName }
        if result.familyName.isEmpty { result.familyName = other.familyName }
        result.nativeName = nativeName ?? other.nativeName
        result.honorific = honorific ?? other.honorific
        if result.role == .none { result.role = other.role }
        result.metAt = metAt ?? other.metAt
        result.metAtActivityId = metAtActivityId ?? other.metAtActivityId
        if consentNote == nil {
            result.consentNote = other.consentNote
            result.consentDate = other.consentDate
        }
        switch (notes, other.notes) {
        case (let mine?, let theirs?) where mine != theirs: result.notes = mine + "\n\n" + theirs
        default: result.notes = notes ?? other.notes
        }
        for code in other.languages where !result.languages.contains(code) {
            result.languages.append(code)
        }
        for position in other.positions where !result.positions.contains(where: { $0.sameAs(position) }) {
            result.positions.append(position)
        }
        let hasPreferred = channels.contains(where: \.preferred)
        for var channel in other.channels {
            if let index = result.channels.firstIndex(where: {
                $0.kind == channel.kind && $0.matchKey == channel.matchKey
            }) {
                // The same contact twice: keep who holds it when only the other record knew.
                if result.channels[index].heldByAccountId == nil {
                    result.channels[index].heldByAccountId = channel.heldByAccountId
                }
                continue
            }
            if hasPreferred { channel.preferred = false }
            result.channels.append(channel)
        }
        for index in result.channels.indices { result.channels[index].heldBy = nil }
        return result
    }
}

extension Position {
    /// The same post: same organization, title and dates.
    func sameAs(_ other: Position) -> Bool {
        organizationId == other.organizationId
            && (organizationId != nil || organizationName == other.organizationName) && title == other.title
            && startDate == other.startDate && endDate == other.endDate
    }
}
