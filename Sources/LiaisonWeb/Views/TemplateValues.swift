import Mustache

/// A page's model turned, once, into the dictionaries and arrays the templates read.
///
/// swift-mustache finds a struct's values through `Mirror`, reflecting every stored property again for
/// each name a template reads, and again at each level of the context stack it climbs when a name is not
/// found (a `{{t.…}}` inside a list of people reflects every person first). On an organization with a
/// hundred people that was 70% of the page's time. Reflecting each property once, here, makes every later
/// lookup a dictionary read.
enum TemplateValues {
    static func of(_ value: Any) -> Any? {
        switch value {
        // Most values are leaves: test for them first, each test is a dynamic cast.
        case is String, is Bool, is Int, is Int64, is Double: return value
        case let dictionary as [String: Any]: return dictionary.compactMapValues(of)
        // Values that answer lookups themselves (form fields compute some of theirs) stay as they are.
        case is any MustacheParent: return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { of($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                if let label = child.label, let converted = of(child.value) { fields[label] = converted }
            }
            return fields
        case .collection:
            return mirror.children.compactMap { of($0.value) }
        default:
            return value
        }
    }
}
