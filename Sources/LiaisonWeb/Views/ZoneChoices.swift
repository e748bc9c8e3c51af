import Foundation
import LiaisonCore

/// The time zones a form suggests as a zone is typed: each IANA name with its offset now and its main city
/// ("Asia/Shanghai", "UTC+08:00 · Shanghai"), so that a zone is found by city or by offset.
enum ZoneChoices {
    /// The id of the `<datalist>` the zone inputs name.
    static let listId = "zone-names"

    static func options(at date: Date = Date()) -> [(value: String, label: String)] {
        ActivityTime.zoneNames.map { name in
            let city = CountryZones.all[name]?.city ?? name.replacingOccurrences(of: "_", with: " ")
            return (name, "\(CountryZones.offset(name, at: date)) · \(city)")
        }
    }

    /// A text input for a zone name, suggesting the zones.
    static func field(name: String, label: String, value: String, error: String? = nil, hint: String?) -> FormField {
        var field = FormField(name: name, label: label, value: value, error: error, hint: hint)
        field.list = listId
        return field
    }
}
