import LiaisonCore

/// The rules that need the database, stated once for every engine: each engine reads which of the
/// referenced records exist and these say what is wrong, field by field.
extension OrganizationInput {
    /// A focal point that is not a staff account, affiliations with anything but an existing network or
    /// with the organization itself.
    public func referenceErrors(of id: Int64?, focalPointAccountExists: Bool, networkIds: Set<Int64>) -> [FieldError] {
        var errors: [FieldError] = []
        if let accountId = focalPointAccountId, !focalPointAccountExists {
            errors.append(
                FieldError(
                    field: "focalPointAccountId", rule: "unknown_account",
                    message: "No staff account has the id \(accountId)."))
        }
        for (index, affiliation) in affiliations.enumerated() {
            let field = "affiliations[\(index)].networkId"
            if affiliation.networkId == id {
                errors.append(
                    FieldError(
                        field: field, rule: "not_self", message: "An organization cannot be affiliated with itself."))
            } else if !networkIds.contains(affiliation.networkId) {
                errors.append(
                    FieldError(
                        field: field, rule: "unknown_network",
                        message: "No network has the id \(affiliation.networkId)."))
            }
        }
        return errors
    }
}

extension PersonInput {
    /// Positions at organizations and channel holders that do not exist.
    public func referenceErrors(organizationIds: Set<Int64>, accountIds: Set<Int64>) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, position) in positions.enumerated() {
            if let id = position.organizationId, !organizationIds.contains(id) {
                errors.append(
                    FieldError(
                        field: "positions[\(index)].organizationId", rule: "unknown_organization",
                        message: "No organization has the id \(id)."))
            }
        }
        for (index, channel) in channels.enumerated() {
            if let id = channel.heldByAccountId, !accountIds.contains(id) {
                errors.append(
                    FieldError(
                        field: "channels[\(index)].heldByAccountId", rule: "unknown_account",
                        message: "No staff account has the id \(id)."))
            }
        }
        return errors
    }

    /// The staff accounts its channels name as holders.
    public var holderAccountIds: Set<Int64> { Set(channels.compactMap(\.heldByAccountId)) }
}
