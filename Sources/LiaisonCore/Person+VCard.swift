import Foundation

extension Person {
    /// The person as a vCard 4.0 card: names in both scripts, the first current position, and every channel.
    public var vCard: VCard {
        let position = currentPositions.first ?? input.positions.first
        var card = VCard(
            uid: "urn:liaison:person:\(id)", formattedName: input.displayName, familyName: input.familyName,
            givenName: input.givenName)
        card.nativeName = input.nativeName
        card.nativeLanguage = input.nativeName.map { _ in input.languages.first ?? "und" }
        card.honorificPrefix = input.honorific
        card.organization = position?.organizationName
        card.department = position?.department
        card.title = position?.title
        for channel in input.channels {
            switch channel.kind {
            case .email:
                card.emails.append(.init(channel.value, type: channel.label, preferred: channel.preferred))
            case .phone:
                card.phones.append(.init(channel.value, type: channel.label, preferred: channel.preferred))
            case .wechat:
                card.instantMessaging.append(.init("weixin:\(channel.value)", preferred: channel.preferred))
            case .whatsapp:
                card.instantMessaging.append(.init("whatsapp:\(channel.value)", preferred: channel.preferred))
            case .linkedin:
                card.urls.append(.init(channel.value, type: "linkedin", preferred: channel.preferred))
            case .postal:
                card.addresses.append(.init(channel.value, type: channel.label, preferred: channel.preferred))
            }
        }
        card.languages = input.languages
        card.note = input.notes
        card.revision = updatedAt
        return card
    }
}
