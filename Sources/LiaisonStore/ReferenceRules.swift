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
    /// Positions at organizations, channel holders and the activity where the person was met that do not
    /// exist.
    public func referenceErrors(organizationIds: Set<Int64>, accountIds: Set<Int64>, metAtActivityExists: Bool = true)
        -> [FieldError]
    {
        var errors: [FieldError] = []
        if let id = metAtActivityId, !metAtActivityExists {
            errors.append(
                FieldError(field: "metAtActivityId", rule: "unknown_activity", message: "No activity has the id \(id).")
            )
        }
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

extension ActivityInput {
    /// The directory entries the activity names: the place, participating organizations and delegations.
    public var referencedOrganizationIds: Set<Int64> {
        Set(organizations.compactMap(\.organizationId) + [placeOrganizationId].compactMap { $0 })
    }

    public var referencedPersonIds: Set<Int64> { Set(people.compactMap(\.personId)) }

    /// References to records that do not exist: a mission that is not one (or is the activity itself), a
    /// place, organizations, people and staff that are not in the database.
    public func referenceErrors(
        of id: Int64?, missionKind: ActivityKind?, organizationIds: Set<Int64>, personIds: Set<Int64>,
        accountIds: Set<Int64>
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if let missionId {
            if missionId == id {
                errors.append(
                    FieldError(field: "missionId", rule: "not_self", message: "An activity cannot be part of itself."))
            } else if missionKind == nil {
                errors.append(
                    FieldError(
                        field: "missionId", rule: "unknown_activity", message: "No activity has the id \(missionId)."))
            } else if missionKind != .mission {
                errors.append(
                    FieldError(
                        field: "missionId", rule: "not_mission", message: "Activity \(missionId) is not a mission."))
            }
        }
        if let place = placeOrganizationId, !organizationIds.contains(place) {
            errors.append(
                FieldError(
                    field: "placeOrganizationId", rule: "unknown_organization",
                    message: "No organization has the id \(place)."))
        }
        for (index, organization) in organizations.enumerated() {
            if let organizationId = organization.organizationId, !organizationIds.contains(organizationId) {
                errors.append(
                    FieldError(
                        field: "organizations[\(index)].organizationId", rule: "unknown_organization",
                        message: "No organization has the id \(organizationId)."))
            }
        }
        for (index, person) in people.enumerated() {
            if let personId = person.personId, !personIds.contains(personId) {
                errors.append(
                    FieldError(
                        field: "people[\(index)].personId", rule: "unknown_person",
                        message: "No person has the id \(personId)."))
            }
        }
        for (index, accountId) in staffAccountIds.enumerated() where !accountIds.contains(accountId) {
            errors.append(
                FieldError(
                    field: "staffAccountIds[\(index)]", rule: "unknown_account",
                    message: "No staff account has the id \(accountId)."))
        }
        return errors
    }
}
