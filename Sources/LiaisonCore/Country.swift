import Foundation

/// A country or territory by its ISO 3166-1 alpha-2 code, with its English short name.
public struct Country: Sendable, Hashable, Codable {
    /// The ISO 3166-1 alpha-2 code, two uppercase letters, e.g. "CN".
    public let code: String
    /// The short common English name, e.g. "China".
    public let name: String
}

extension Country {
    /// Positional shorthand for the table below.
    private init(_ code: String, _ name: String) {
        self.init(code: code, name: name)
    }

    /// Every officially assigned ISO 3166-1 alpha-2 code (all 249), sorted by code.
    public static let all: [Country] = [
        Country("AD", "Andorra"), Country("AE", "United Arab Emirates"), Country("AF", "Afghanistan"),
        Country("AG", "Antigua and Barbuda"), Country("AI", "Anguilla"), Country("AL", "Albania"),
        Country("AM", "Armenia"), Country("AO", "Angola"), Country("AQ", "Antarctica"), Country("AR", "Argentina"),
        Country("AS", "American Samoa"), Country("AT", "Austria"), Country("AU", "Australia"), Country("AW", "Aruba"),
        Country("AX", "Åland Islands"), Country("AZ", "Azerbaijan"),
        Country("BA", "Bosnia and Herzegovina"), Country("BB", "Barbados"), Country("BD", "Bangladesh"),
        Country("BE", "Belgium"), Country("BF", "Burkina Faso"), Country("BG", "Bulgaria"), Country("BH", "Bahrain"),
        Country("BI", "Burundi"), Country("BJ", "Benin"), Country("BL", "Saint Barthélemy"), Country("BM", "Bermuda"),
        Country("BN", "Brunei"), Country("BO", "Bolivia"), Country("BQ", "Caribbean Netherlands"),
        Country("BR", "Brazil"), Country("BS", "Bahamas"), Country("BT", "Bhutan"), Country("BV", "Bouvet Island"),
        Country("BW", "Botswana"), Country("BY", "Belarus"), Country("BZ", "Belize"),
        Country("CA", "Canada"), Country("CC", "Cocos (Keeling) Islands"), Country("CD", "DR Congo"),
        Country("CF", "Central African Republic"), Country("CG", "Congo"), Country("CH", "Switzerland"),
        Country("CI", "Côte d'Ivoire"), Country("CK", "Cook Islands"), Country("CL", "Chile"),
        Country("CM", "Cameroon"), Country("CN", "China"), Country("CO", "Colombia"), Country("CR", "Costa Rica"),
        Country("CU", "Cuba"), Country("CV", "Cabo Verde"), Country("CW", "Curaçao"), Country("CX", "Christmas Island"),
        Country("CY", "Cyprus"), Country("CZ", "Czechia"),
        Country("DE", "Germany"), Country("DJ", "Djibouti"), Country("DK", "Denmark"), Country("DM", "Dominica"),
        Country("DO", "Dominican Republic"), Country("DZ", "Algeria"),
        Country("EC", "Ecuador"), Country("EE", "Estonia"), Country("EG", "Egypt"), Country("EH", "Western Sahara"),
        Country("ER", "Eritrea"), Country("ES", "Spain"), Country("ET", "Ethiopia"),
        Country("FI", "Finland"), Country("FJ", "Fiji"), Country("FK", "Falkland Islands"), Country("FM", "Micronesia"),
        Country("FO", "Faroe Islands"), Country("FR", "France"),
        Country("GA", "Gabon"), Country("GB", "United Kingdom"), Country("GD", "Grenada"), Country("GE", "Georgia"),
        Country("GF", "French Guiana"), Country("GG", "Guernsey"), Country("GH", "Ghana"), Country("GI", "Gibraltar"),
        Country("GL", "Greenland"), Country("GM", "Gambia"), Country("GN", "Guinea"), Country("GP", "Guadeloupe"),
        Country("GQ", "Equatorial Guinea"), Country("GR", "Greece"),
        Country("GS", "South Georgia and the South Sandwich Islands"), Country("GT", "Guatemala"),
        Country("GU", "Guam"), Country("GW", "Guinea-Bissau"), Country("GY", "Guyana"),
        Country("HK", "Hong Kong"), Country("HM", "Heard Island and McDonald Islands"), Country("HN", "Honduras"),
        Country("HR", "Croatia"), Country("HT", "Haiti"), Country("HU", "Hungary"),
        Country("ID", "Indonesia"), Country("IE", "Ireland"), Country("IL", "Israel"), Country("IM", "Isle of Man"),
        Country("IN", "India"), Country("IO", "British Indian Ocean Territory"), Country("IQ", "Iraq"),
        Country("IR", "Iran"), Country("IS", "Iceland"), Country("IT", "Italy"),
        Country("JE", "Jersey"), Country("JM", "Jamaica"), Country("JO", "Jordan"), Country("JP", "Japan"),
        Country("KE", "Kenya"), Country("KG", "Kyrgyzstan"), Country("KH", "Cambodia"), Country("KI", "Kiribati"),
        Country("KM", "Comoros"), Country("KN", "Saint Kitts and Nevis"), Country("KP", "North Korea"),
        Country("KR", "South Korea"), Country("KW", "Kuwait"), Country("KY", "Cayman Islands"),
        Country("KZ", "Kazakhstan"),
        Country("LA", "Laos"), Country("LB", "Lebanon"), Country("LC", "Saint Lucia"), Country("LI", "Liechtenstein"),
        Country("LK", "Sri Lanka"), Country("LR", "Liberia"), Country("LS", "Lesotho"), Country("LT", "Lithuania"),
        Country("LU", "Luxembourg"), Country("LV", "Latvia"), Country("LY", "Libya"),
        Country("MA", "Morocco"), Country("MC", "Monaco"), Country("MD", "Moldova"), Country("ME", "Montenegro"),
        Country("MF", "Saint Martin"), Country("MG", "Madagascar"), Country("MH", "Marshall Islands"),
        Country("MK", "North Macedonia"), Country("ML", "Mali"), Country("MM", "Myanmar"), Country("MN", "Mongolia"),
        Country("MO", "Macao"), Country("MP", "Northern Mariana Islands"), Country("MQ", "Martinique"),
        Country("MR", "Mauritania"), Country("MS", "Montserrat"), Country("MT", "Malta"), Country("MU", "Mauritius"),
        Country("MV", "Maldives"), Country("MW", "Malawi"), Country("MX", "Mexico"), Country("MY", "Malaysia"),
        Country("MZ", "Mozambique"),
        Country("NA", "Namibia"), Country("NC", "New Caledonia"), Country("NE", "Niger"),
        Country("NF", "Norfolk Island"), Country("NG", "Nigeria"), Country("NI", "Nicaragua"),
        Country("NL", "Netherlands"), Country("NO", "Norway"), Country("NP", "Nepal"), Country("NR", "Nauru"),
        Country("NU", "Niue"), Country("NZ", "New Zealand"),
        Country("OM", "Oman"),
        Country("PA", "Panama"), Country("PE", "Peru"), Country("PF", "French Polynesia"),
        Country("PG", "Papua New Guinea"), Country("PH", "Philippines"), Country("PK", "Pakistan"),
        Country("PL", "Poland"), Country("PM", "Saint Pierre and Miquelon"), Country("PN", "Pitcairn Islands"),
        Country("PR", "Puerto Rico"), Country("PS", "Palestine"), Country("PT", "Portugal"), Country("PW", "Palau"),
        Country("PY", "Paraguay"),
        Country("QA", "Qatar"),
        Country("RE", "Réunion"), Country("RO", "Romania"), Country("RS", "Serbia"), Country("RU", "Russia"),
        Country("RW", "Rwanda"),
        Country("SA", "Saudi Arabia"), Country("SB", "Solomon Islands"), Country("SC", "Seychelles"),
        Country("SD", "Sudan"), Country("SE", "Sweden"), Country("SG", "Singapore"),
        Country("SH", "Saint Helena, Ascension and Tristan da Cunha"), Country("SI", "Slovenia"),
        Country("SJ", "Svalbard and Jan Mayen"), Country("SK", "Slovakia"), Country("SL", "Sierra Leone"),
        Country("SM", "San Marino"), Country("SN", "Senegal"), Country("SO", "Somalia"), Country("SR", "Suriname"),
        Country("SS", "South Sudan"), Country("ST", "São Tomé and Príncipe"), Country("SV", "El Salvador"),
        Country("SX", "Sint Maarten"), Country("SY", "Syria"), Country("SZ", "Eswatini"),
        Country("TC", "Turks and Caicos Islands"), Country("TD", "Chad"), Country("TF", "French Southern Territories"),
        Country("TG", "Togo"), Country("TH", "Thailand"), Country("TJ", "Tajikistan"), Country("TK", "Tokelau"),
        Country("TL", "Timor-Leste"), Country("TM", "Turkmenistan"), Country("TN", "Tunisia"), Country("TO", "Tonga"),
        Country("TR", "Türkiye"), Country("TT", "Trinidad and Tobago"), Country("TV", "Tuvalu"),
        Country("TW", "Taiwan"), Country("TZ", "Tanzania"),
        Country("UA", "Ukraine"), Country("UG", "Uganda"), Country("UM", "United States Minor Outlying Islands"),
        Country("US", "United States"), Country("UY", "Uruguay"), Country("UZ", "Uzbekistan"),
        Country("VA", "Vatican City"), Country("VC", "Saint Vincent and the Grenadines"), Country("VE", "Venezuela"),
        Country("VG", "British Virgin Islands"), Country("VI", "U.S. Virgin Islands"), Country("VN", "Vietnam"),
        Country("VU", "Vanuatu"),
        Country("WF", "Wallis and Futuna"), Country("WS", "Samoa"),
        Country("YE", "Yemen"), Country("YT", "Mayotte"),
        Country("ZA", "South Africa"), Country("ZM", "Zambia"), Country("ZW", "Zimbabwe"),
    ]

    /// `all` keyed by code, for constant-time lookup.
    /// Every country in the order a person looks for it in a menu: by name, as the locale compares names.
    public static let allByName: [Country] = all.sorted {
        $0.name.localizedStandardCompare($1.name) == .orderedAscending
    }

    private static let byCode: [String: Country] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// Looks a code up, ignoring case and surrounding spaces; nil when it is not an assigned code.
    public static func named(code: String) -> Country? {
        // Codes as they are stored (two capital letters) are found as they are: lists look one up a row.
        if let found = byCode[code] { return found }
        var trimmed = Substring(code)
        while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
        while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
        return byCode[trimmed.uppercased()]
    }

    /// True when `code` (uppercase, exactly two letters) is assigned.
    public static func isAssigned(_ code: String) -> Bool {
        byCode[code] != nil
    }
}
