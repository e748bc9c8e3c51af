import Foundation
import Hummingbird
import HummingbirdCore
import LiaisonCore
import LiaisonStore

extension OrganizationQuery {
    /// Reads the directory's filters from query parameters, as the API and the directory page send them.
    /// Every value that is not allowed is reported, naming the parameter; the rest of the query stands.
    /// The directory page sends empty values for filters left at "Any"; the API, `strict`, refuses them.
    static func parse(_ parameters: [String: String], regions: RegionCatalog, strict: Bool = false)
        -> (OrganizationQuery, [FieldError])
    {
        var query = OrganizationQuery()
        var reader = QueryReader(parameters, strict: strict)
        query.text = reader.text("q")
        query.status = reader.choice("status", MembershipStatus.self)
        query.kind = reader.choice("kind", OrganizationKind.self)
        query.sort = reader.choice("sort", OrganizationSort.self) ?? .name
        query.country = reader.country()
        if let region = reader.value("region") {
            if regions.region(key: region) != nil {
                query.region = region
            } else {
                reader.fail("region", "unknown_region", "\"\(region)\" is not a region.")
            }
        }
        query.paying = reader.boolean("paying")
        query.focalPointAccountId = reader.recordId("focalPoint")
        query.ids = reader.recordIds("ids", max: OrganizationQuery.maxIds)
        query.perPage = reader.integer("perPage", in: 1...OrganizationQuery.maxPerPage) ?? query.perPage
        query.page = reader.integer("page", in: 1...OrganizationQuery.maxPage) ?? query.page
        return (query, reader.errors)
    }
}

extension PersonQuery {
    /// Reads a people list's filters from query parameters, as the API and the people page send them.
    static func parse(_ parameters: [String: String], strict: Bool = false) -> (PersonQuery, [FieldError]) {
        var query = PersonQuery()
        var reader = QueryReader(parameters, strict: strict)
        query.text = reader.text("q")
        query.organizationId = reader.recordId("organization")
        query.country = reader.country()
        query.position = reader.text("position", max: 100)
        if let language = reader.value("language") {
            if Language.name(code: language.lowercased()) != nil {
                query.language = language.lowercased()
            } else {
                reader.fail("language", "unknown_language", "\"\(language)\" is not an ISO 639-1 language code.")
            }
        }
        query.channelKind = reader.choice("channel", ChannelKind.self)
        query.heldByAccountId = reader.recordId("heldBy")
        query.perPage = reader.integer("perPage", in: 1...PersonQuery.maxPerPage) ?? query.perPage
        query.page = reader.integer("page", in: 1...PersonQuery.maxPage) ?? query.page
        return (query, reader.errors)
    }
}

extension URI {
    /// The query's parameters by name, a name given more than once (ticked boxes) with its values joined by
    /// commas; of other names given twice, the first counts.
    func queryDictionary(joining names: Set<String>) -> [String: String] {
        var parameters = queryDictionary
        for name in names {
            let values = queryParameters.getAll(name).map { String($0) }
            if !values.isEmpty { parameters[name] = values.joined(separator: ",") }
        }
        return parameters
    }

    /// The query's parameters by name, decoded as a browser encodes a form (`+` is a space, `%2B` a plus;
    /// Hummingbird's `queryParameters` leaves `+` as it is); of a name given twice, the first counts.
    var queryDictionary: [String: String] {
        var parameters: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let sides = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.formDecoded(sides[0])
            if parameters[name] == nil { parameters[name] = sides.count > 1 ? Self.formDecoded(sides[1]) : "" }
        }
        return parameters
    }

    /// One name or value of a query: spaces first, then percent escapes, so that an escaped plus stays a plus.
    static func formDecoded(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
