extension PersonInput {
    /// The organization whose country national phone numbers are dialled from: that of the first current
    /// position naming a directory organization, else of the first position naming one; nil when none does.
    /// The one rule the API, the pages, the CSV import and the demo follow.
    public var diallingOrganizationId: Int64? {
        let named = { (position: Position) in position.organizationId.flatMap { $0 > 0 ? $0 : nil } }
        return positions.lazy.filter(\.isCurrent).compactMap(named).first ?? positions.lazy.compactMap(named).first
    }

    /// The input normalized, national numbers dialled from `diallingCountry` (the country of
    /// `diallingOrganizationId`), and checked against every rule that needs no database.
    public func checked(diallingCountry: String?, currentYear: Int) throws(ValidationError) -> PersonInput {
        let normalized = normalized(defaultCountry: diallingCountry)
        try normalized.validate(currentYear: currentYear)
        return normalized
    }
}
