import Foundation

extension PhoneNumber {
    /// An E.164 number as people read it: "+", the country calling code, then the national number in the
    /// groups its country writes ("+862083301234" -> "+86 20 8330 1234", "+3225551234" -> "+32 2 555 12 34").
    /// Countries without a rule here get groups of three and four. Text that is not E.164 is returned as it is.
    public static func display(_ number: String) -> String {
        guard number.hasPrefix("+") else { return number }
        let digits = number.dropFirst()
        guard (8...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let code = (1...3).lazy.map({ String(digits.prefix($0)) }).first(where: assignedCodes.contains)
        else { return number }
        let national = String(digits.dropFirst(code.count))
        var sizes = groups(national, code: code)
        if sizes.reduce(0, +) != national.count { sizes = defaultGroups(national.count) }
        var parts = ["+" + code]
        var rest = Substring(national)
        for size in sizes {
            parts.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return parts.joined(separator: " ")
    }

    /// The group sizes of a national number in the countries of the network, by calling code; [] when no rule
    /// fits, so that the default applies.
    private static func groups(_ n: String, code: String) -> [Int] {
        let count = n.count
        func starts(_ prefixes: String...) -> Bool { prefixes.contains { n.hasPrefix($0) } }
        switch code {
        case "86":  // China: mobiles 3-4-4; Beijing and the 2x cities have two-digit area codes, the rest three.
            if count == 11, starts("1") { return [3, 4, 4] }
            let area = starts("10", "2") ? 2 : 3
            return [area] + halves(count - area)
        case "32":  // Belgium: mobiles 4xx xx xx xx; Brussels, Antwerp, Liège and Ghent one digit, others two.
            if count == 9, starts("4") { return [3, 2, 2, 2] }
            if count == 8 { return starts("2", "3", "4", "9") ? [1, 3, 2, 2] : [2, 2, 2, 2] }
        case "34": if count == 9 { return [3, 3, 3] }  // Spain
        case "33": if count == 9 { return [1, 2, 2, 2, 2] }  // France
        case "49":  // Germany: mobiles 1xx, the four big cities' two-digit codes, otherwise a three-digit code.
            let area = starts("1") ? 3 : starts("30", "40", "69", "89") ? 2 : 3
            return count > area + 3 ? [area, count - area] : []
        case "44":  // United Kingdom
            if count == 10 {
                if starts("20", "23", "24", "28", "29") { return [2, 4, 4] }
                if starts("11") || (starts("1") && n.dropFirst(2).first == "1") { return [3, 3, 4] }
                return [4, 6]
            }
        case "1": if count == 10 { return [3, 3, 4] }  // The North American plan
        case "55":  // Brazil: a two-digit area code, then 4-4 or, for mobiles, 5-4.
            if count == 10 || count == 11 { return [2, count - 6, 4] }
        case "81":  // Japan: Tokyo and Osaka one digit, mobiles and others two.
            if count == 9 { return starts("3", "6") ? [1, 4, 4] : [2, 3, 4] }
            if count == 10 { return [2, 4, 4] }
        case "82":  // Korea: Seoul one digit, mobiles and others two.
            let area = starts("2") ? 1 : 2
            if count == area + 7 || count == area + 8 { return [area, count - area - 4, 4] }
        case "91": if count == 10 { return [5, 5] }  // India
        default: break
        }
        return []
    }

    /// Two groups, the second of four: a subscriber number of 7 or 8 digits.
    private static func halves(_ count: Int) -> [Int] {
        count > 4 ? [count - 4, 4] : [count]
    }

    /// Groups of three, with the last one or two of four: 7 -> 3-4, 8 -> 4-4, 9 -> 3-3-3, 10 -> 3-3-4; up to five
    /// digits in one group.
    static func defaultGroups(_ count: Int) -> [Int] {
        if count <= 5 { return [count] }
        switch count % 3 {
        case 0: return Array(repeating: 3, count: count / 3)
        case 1: return Array(repeating: 3, count: (count - 4) / 3) + [4]
        default: return Array(repeating: 3, count: (count - 8) / 3) + [4, 4]
        }
    }
}

extension Channel {
    /// The value as a page shows it: phone and WhatsApp numbers grouped ("+86 532 8591 2345"), the rest as
    /// stored.
    public var shownValue: String {
        kind == .phone || kind == .whatsapp ? PhoneNumber.display(value) : value
    }
}
