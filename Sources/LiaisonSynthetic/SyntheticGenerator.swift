import Foundation
import LiaisonCore
import LiaisonStore

/// Makes the rows of a synthetic network in order, batch by batch, from one seeded generator. Names are
/// drawn from small pools, so their transliterations and search texts are worked out once each and reused.
struct SyntheticGenerator {
    typealias Batch = [(TransferTable, [[TransferValue]])]

    var random: SeededGenerator
    let options: SyntheticOptions
    let base = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    private let networkCount: Int
    var organizations: [OrganizationFacts] = []
    /// A few people of each organization and the activities reports can be on, for the reports to name;
    /// noted as they are written, without drawing on the generator (a network without reports stays the same).
    var peopleAt: [Int64: [(id: Int64, name: String)]] = [:]
    var reportable: [(id: Int64, title: String, host: Int?)] = []
    private var latin: [String: String] = [:]
    private var nameDocuments: [String: String] = [:]
    private var sortKeys: [String: String] = [:]
    private var asciiWords: [String: String] = [:]

    static let staffCount = 12
    /// Kinds and statuses in the proportions a network has them, drawn from uniformly.
    private static let kinds =
        Array(repeating: "city", count: 17) + ["metropolitan_area", "national_association", "agency"]
    private static let statuses =
        Array(repeating: "member", count: 8) + ["prospect", "prospect", "prospect", "former", "partner"]
        + Array(repeating: "none", count: 7)

    /// What people need to know of the organization they work at.
    struct OrganizationFacts {
        let id: Int64
        let name: String
        let script: Int
        let country: String
        let language: String
        let domain: String
    }

    init(options: SyntheticOptions) {
        self.options = options
        self.random = SeededGenerator(state: options.seed)
        self.networkCount = min(options.organizations, max(2, options.organizations / 2000))
    }

    static func table(_ name: String) -> TransferTable { TransferTable.named(name)! }
    private static let account = table("account")
    private static let organization = table("organization")
    private static let role = table("organization_role")
    private static let affiliation = table("organization_affiliation")
    private static let person = table("person")
    private static let language = table("person_language")
    private static let position = table("person_position")
    private static let channel = table("person_channel")
    private static let audit = table("audit")

    private static let toPlainLatin = StringTransform("Any-Latin; Latin-ASCII")

    func instant(_ offset: Int) -> TransferValue { .instant(base.addingTimeInterval(Double(offset))) }

    // MARK: - Staff

    static let staffNames = [
        "Agnès Bickart", "David Okafor", "Laura Sánchez", "Marta Puig", "Omar Benali", "Sophie Laurent",
        "Chen Jing", "Kenji Mori", "Ana Ferreira", "Youssef Amrani", "Irina Volkova", "Ji-woo Park",
    ]

    func staff() -> Batch {
        let rows = Self.staffNames.prefix(Self.staffCount).enumerated().map { index, name -> [TransferValue] in
            [
                .integer(Int64(index + 1)), .text("staff\(index + 1)@liaison.example"), .text(name),
                .text(index == 0 ? "admin" : "editor"), .bool(false), .text("!"), .null, .null, .integer(1), instant(0),
                instant(0),
            ]
        }
        return [(Self.account, rows)]
    }

    // MARK: - Organizations

    mutating func organizations(from start: Int, count: Int) -> Batch {
        var rows: [[TransferValue]] = []
        var roles: [[TransferValue]] = []
        var affiliations: [[TransferValue]] = []
        for index in start..<(start + count) {
            let id = Int64(index + 1)
            let scriptIndex = pickScript()
            let script = Script.all[scriptIndex]
            let place = random.pick(script.countries)
            let isNetwork = index < networkCount
            let native = isNetwork ? nil : cityName(script)
            let name: String
            if isNetwork {
                name =
                    "\(random.pick(["United", "Green", "Metropolitan", "Coastal", "Mountain", "River"])) Cities Network \(index + 1)"
            } else if let native, script.key != "latin" {
                name = latinName(native)
            } else {
                name = native ?? "City \(index + 1)"
            }
            let kind =
                isNetwork
                ? "network"
                : random.pick(Self.kinds)
            let status =
                isNetwork
                ? "partner"
                : random.pick(Self.statuses)
            let paying = status == "member" && random.chance(60)
            let aliases = !isNetwork && random.chance(10) ? ["\(name) City"] : []
            let input = OrganizationInput(
                kind: OrganizationKind(rawValue: kind) ?? .city, name: name,
                nativeName: script.key == "latin" ? nil : native, aliases: aliases, country: place.code,
                membershipStatus: MembershipStatus(rawValue: status) ?? .none)
            let slug = SearchText.normalize(name).replacingOccurrences(of: " ", with: "-")
            let population = isNetwork ? nil : Int(50_000 * pow(2, Double(random.below(900)) / 100))
            let aliasText = "[" + aliases.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            let memberSince = status == "member" || status == "former" ? Int64(1975 + random.below(51)) : nil
            rows.append([
                .integer(id), .text(kind), .text(name),
                native.map { script.key == "latin" ? .null : .text($0) } ?? .null,
                .text(aliasText), .text(place.code), .text(place.region),
                random.chance(5) ? .text("Greater \(name)") : .null, population.map { .integer(Int64($0)) } ?? .null,
                .real(jitter(place.latitude, 5, -89, 89)), .real(jitter(place.longitude, 8, -179, 179)),
                .text("https://www.\(slug).example"), .text(status), memberSince.map(TransferValue.integer) ?? .null,
                .bool(paying), paying ? .integer(Int64(1_000 * (1 + random.below(50)))) : .null, .null,
                status == "member" && random.chance(30)
                    ? .integer(Int64(1 + random.below(Self.staffCount))) : .null,
                .text(SearchText.document(names: input.searchableNames)), .text(SearchText.sortKey(name)),
                .integer(1), instant(index), instant(index),
            ])
            if status == "member", random.chance(3) {
                let from = 2015 + random.below(10)
                roles.append([
                    .integer(id), .integer(0),
                    .text(random.pick(["Co-presidency", "Vice-presidency", "Regional Secretariat", "Treasurer"])),
                    .integer(Int64(from)), .integer(Int64(from + 3)),
                ])
            }
            if !isNetwork, networkCount > 0, status == "member" || status == "partner", random.chance(40) {
                affiliations.append([.integer(id), .integer(Int64(1 + random.below(networkCount)))])
            }
            if !isNetwork {
                organizations.append(
                    OrganizationFacts(
                        id: id, name: name, script: scriptIndex, country: place.code, language: place.language,
                        domain: slug + ".example"))
            }
        }
        return [(Self.organization, rows), (Self.role, roles), (Self.affiliation, affiliations)]
    }

    private mutating func pickScript() -> Int {
        var roll = random.below(Script.weights.reduce(0, +))
        for (index, weight) in Script.weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return 0
    }

    private mutating func cityName(_ script: Script) -> String {
        let parts = (0..<(2 + random.below(2))).map { _ in random.pick(script.citySyllables) }
        var name = parts.joined() + script.citySuffix
        if script.key == "latin" || script.key == "cyrillic" { name = name.prefix(1).uppercased() + name.dropFirst() }
        return name
    }

    /// The name in plain Latin letters, words capitalized ("广州市" → "Guang Zhou Shi", "Мария" → "Mariya"
    /// as far as ICU's transliteration goes); worked out once a name.
    private mutating func latinName(_ native: String) -> String {
        if let known = latin[native] { return known }
        let transliterated = native.applyingTransform(Self.toPlainLatin, reverse: false) ?? native
        let name = transliterated.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " ")
        latin[native] = name
        return name
    }

    private mutating func jitter(_ center: Double, _ spread: Double, _ low: Double, _ high: Double) -> Double {
        let offset = (Double(random.below(2_000)) / 1_000 - 1) * spread
        return (min(max(center + offset, low), high) * 10_000).rounded() / 10_000
    }

    // MARK: - People

    mutating func people(from start: Int, count: Int) -> Batch {
        var people: [[TransferValue]] = []
        var languages: [[TransferValue]] = []
        var positions: [[TransferValue]] = []
        var channels: [[TransferValue]] = []
        let titles = [
            "Mayor", "Deputy Mayor", "Director of International Relations", "Head of Protocol", "Secretary General",
            "Councillor", "Chief of Staff", "Advisor", "Programme Officer", "Head of the Foreign Affairs Office",
        ]
        let departments = ["International Relations", "Protocol", "Mayor's Office", "Urban Planning", "Environment"]
        for index in start..<(start + count) {
            let id = Int64(index + 1)
            guard let workplace = organizations.isEmpty ? nil : random.pick(organizations) else { break }
            let script = Script.all[random.chance(85) ? workplace.script : pickScript()]
            let nativeGiven = random.pick(script.givenNames)
            let nativeFamily = random.pick(script.familyNames)
            let isLatin = script.key == "latin"
            let given = isLatin ? nativeGiven : script.romanized[nativeGiven] ?? latinName(nativeGiven)
            let family = isLatin ? nativeFamily : script.romanized[nativeFamily] ?? latinName(nativeFamily)
            let native: String? =
                isLatin ? nil : script.familyFirst ? nativeFamily + nativeGiven : "\(nativeGiven) \(nativeFamily)"
            let roleRoll = random.below(100)
            let role = roleRoll < 5 ? "interpreter" : roleRoll < 8 ? "protocol_officer" : "none"

            var input = PersonInput(
                givenName: given, familyName: family, nameOrder: script.familyFirst ? .familyFirst : .givenFirst,
                nativeName: native)
            var ownPositions: [Position] = [
                Position(
                    organizationId: workplace.id, organizationName: workplace.name,
                    title: role == "interpreter" ? "Interpreter" : random.pick(titles),
                    department: random.chance(60) ? random.pick(departments) : nil,
                    startDate: String(2012 + random.below(14)))
            ]
            if random.chance(30), let previous = organizations.isEmpty ? nil : random.pick(organizations) {
                let end = 2008 + random.below(15)
                ownPositions.append(
                    Position(
                        organizationId: previous.id, organizationName: previous.name, title: random.pick(titles),
                        startDate: String(end - 1 - random.below(6)), endDate: String(end)))
            }
            let word = asciiWord(given) + "." + asciiWord(family)
            var ownChannels: [Channel] = []
            if random.chance(90) {
                ownChannels.append(Channel(kind: .email, value: "\(word)\(index)@\(workplace.domain)"))
            }
            if random.chance(60), let code = PhoneNumber.callingCode(country: workplace.country) {
                ownChannels.append(Channel(kind: .phone, value: "+\(code)\(100_000_000 + random.below(899_999_999))"))
            }
            if workplace.country == "CN" || script.key == "chinese", random.chance(70) {
                ownChannels.append(Channel(kind: .wechat, value: "wx_\(asciiWord(given))\(index)"))
            }
            if random.chance(15), let code = PhoneNumber.callingCode(country: workplace.country) {
                ownChannels.append(
                    Channel(kind: .whatsapp, value: "+\(code)\(100_000_000 + random.below(899_999_999))"))
            }
            for position in ownChannels.indices {
                ownChannels[position].preferred = position == 0
                if random.chance(10) {
                    ownChannels[position].heldByAccountId = Int64(1 + random.below(Self.staffCount))
                }
            }
            input.positions = ownPositions
            input.channels = ownChannels
            input.languages =
                workplace.language == "en" || random.chance(50) ? [workplace.language] : [workplace.language, "en"]

            people.append([
                .integer(id), .text(given), .text(family), .text(input.nameOrder.rawValue),
                native.map(TransferValue.text) ?? .null,
                .null, .text(role), .null, .null, .null, .null, .null, .text(input.displayName),
                .text(input.searchDocument(names: nameDocument(input))), .text(sortKey(input)), .integer(1),
                instant(options.organizations + index), instant(options.organizations + index),
            ])
            if peopleAt[workplace.id, default: []].count < 3 {
                peopleAt[workplace.id, default: []].append((id, input.displayName))
            }
            for (position, code) in input.languages.enumerated() {
                languages.append([.integer(id), .integer(Int64(position)), .text(code)])
            }
            for (number, position) in ownPositions.enumerated() {
                positions.append([
                    .integer(id), .integer(Int64(number)), .integer(position.organizationId ?? 0),
                    .text(position.organizationName ?? ""), .text(position.title),
                    position.department.map(TransferValue.text) ?? .null,
                    position.startDate.map(TransferValue.text) ?? .null,
                    position.endDate.map(TransferValue.text) ?? .null,
                ])
            }
            for (number, channel) in ownChannels.enumerated() {
                channels.append([
                    .integer(id), .integer(Int64(number)), .text(channel.kind.rawValue), .text(channel.value),
                    .text(channel.matchKey), .null, .bool(channel.preferred),
                    channel.heldByAccountId.map(TransferValue.integer) ?? .null,
                ])
            }
        }
        return [
            (Self.person, people), (Self.language, languages), (Self.position, positions), (Self.channel, channels),
        ]
    }

    private mutating func nameDocument(_ input: PersonInput) -> String {
        let key = "\(input.givenName)|\(input.familyName)|\(input.nameOrder.rawValue)|\(input.nativeName ?? "")"
        if let known = nameDocuments[key] { return known }
        let document = SearchText.document(names: input.searchableNames)
        nameDocuments[key] = document
        return document
    }

    private mutating func sortKey(_ input: PersonInput) -> String {
        let key = "\(input.familyName)|\(input.givenName)"
        if let known = sortKeys[key] { return known }
        let sortKey = input.sortKey
        sortKeys[key] = sortKey
        return sortKey
    }

    /// A name folded to one ASCII word, for addresses ("Agnès" → "agnes").
    private mutating func asciiWord(_ name: String) -> String {
        if let known = asciiWords[name] { return known }
        let word = SearchText.normalize(name).replacingOccurrences(of: " ", with: "")
        asciiWords[name] = word
        return word
    }

    // MARK: - Audit

    func auditRow(options: SyntheticOptions) -> (table: TransferTable, row: [TransferValue]) {
        (
            Self.audit,
            [
                .integer(1), instant(0), .null, .text("command line"), .null, .text("create"), .null, .null,
                .text(
                    "Synthetic network: \(options.organizations) organizations, \(options.people) people (seed \(options.seed))"
                ),
                .text("[]"),
            ]
        )
    }
}
