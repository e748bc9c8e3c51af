import Foundation

/// One of the association's world regions; the list is configurable per deployment.
public struct Region: Sendable, Hashable, Codable {
    /// A short stable key stored on organizations ("asia-pacific").
    public var key: String
    /// The name people read ("Asia-Pacific").
    public var name: String

    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }
}

/// The regions a deployment uses, in display order.
public struct RegionCatalog: Sendable, Hashable {
    public let regions: [Region]
    private let byKey: [String: Region]

    /// Refuses an empty list, duplicate keys and keys that are not lowercase letters, digits and hyphens.
    public init(_ regions: [Region]) throws(ValidationError) {
        var report = ValidationReport()
        if regions.isEmpty { report.add("regions", "required", "At least one region is required.") }
        var seen = Set<String>()
        for region in regions {
            let validKey =
                !region.key.isEmpty
                && region.key.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            if !validKey {
                report.add(
                    "regions", "key_format",
                    "Region key \"\(region.key)\" must be lowercase letters, digits and hyphens.")
            }
            if region.name.isEmpty { report.add("regions", "required", "Region \"\(region.key)\" needs a name.") }
            if !seen.insert(region.key).inserted {
                report.add("regions", "unique", "Region key \"\(region.key)\" appears twice.")
            }
        }
        try report.finish()
        self.regions = regions
        self.byKey = Dictionary(regions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func region(key: String) -> Region? { byKey[key] }

    /// The regions of a world association of cities.
    public static let standard = RegionCatalog(unchecked: [
        Region(key: "africa", name: "Africa"),
        Region(key: "asia-pacific", name: "Asia-Pacific"),
        Region(key: "eurasia", name: "Eurasia"),
        Region(key: "europe", name: "Europe"),
        Region(key: "latin-america", name: "Latin America and the Caribbean"),
        Region(key: "middle-east-west-asia", name: "Middle East and West Asia"),
        Region(key: "north-america", name: "North America"),
    ])

    private init(unchecked regions: [Region]) {
        self.regions = regions
        self.byKey = Dictionary(regions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses "key=Name,key=Name" as a setting gives it.
    public static func parse(_ text: String) throws(ValidationError) -> RegionCatalog {
        var regions: [Region] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                throw ValidationError(
                    field: "regions", rule: "format", message: "Each region must be written key=Name; got \"\(item)\".")
            }
            regions.append(Region(key: parts[0], name: parts[1]))
        }
        return try RegionCatalog(regions)
    }
}

extension RegionCatalog: CustomStringConvertible {
    /// The regions as the setting writes them: key=Name,key=Name.
    public var description: String {
        regions.map { "\($0.key)=\($0.name)" }.joined(separator: ",")
    }
}
