import LiaisonCore
import Testing

@Suite struct CSVReaderTests {
    @Test func readsWhatSpreadsheetsAndLiaisonsOwnExportsWrite() throws {
        let written = CSVWriter.document(
            header: ["name", "note", "phone"],
            rows: [["广州", "says \"hello\", twice\r\nthen leaves", "+86 20 8000"], ["Agnès", "", "=1+1"]])
        let records = try CSVReader.records(written)
        #expect(
            records.map(\.cells) == [
                ["name", "note", "phone"], ["广州", "says \"hello\", twice\r\nthen leaves", "+86 20 8000"],
                ["Agnès", "", "=1+1"],
            ])
        #expect(records.map(\.line) == [1, 2, 4], "a record starts on the line after the one its quotes spanned")
        #expect(try CSVReader.records("a,b\n\n1,2\n").map(\.cells) == [["a", "b"], ["1", "2"]])
        #expect(try CSVReader.records("a,b\n1,").map(\.cells) == [["a", "b"], ["1", ""]])
    }

    @Test func aBrokenQuoteNamesItsLine() {
        #expect(throws: CSVReader.Failure(line: 2, message: "a quoted cell is never closed.")) {
            try CSVReader.records("a,b\n\"open,1\n2,3\n")
        }
        #expect(throws: CSVReader.Failure.self) { try CSVReader.records("a\n\"closed\"then\n") }
    }
}

@Suite struct CSVImportTests {
    @Test func organizationsReadTheExportColumnsInAnyOrder() {
        let text = """
            paying,name,native_name,region,population,membership_status,member_since,country,aliases
            yes,Guangzhou,广州,Asia-Pacific,"18,676,605",member,1993,cn,Canton; Guangchow
            ,Barcelona,,europe,,prospect,,ES,
            """
        let plan = CSVImport.organizations(text, regions: .standard, currentYear: 2026)
        #expect(plan.problems.isEmpty)
        #expect(plan.rows.map(\.line) == [2, 3])
        let guangzhou = plan.rows[0].input
        #expect(guangzhou.name == "Guangzhou" && guangzhou.nativeName == "广州")
        #expect(guangzhou.region == "asia-pacific" && guangzhou.country == "CN")
        #expect(guangzhou.population == 18_676_605 && guangzhou.paying && guangzhou.memberSince == 1993)
        #expect(guangzhou.aliases == ["Canton", "Guangchow"])
        #expect(plan.rows[1].input.membershipStatus == .prospect && plan.rows[1].input.paying == false)
    }

    @Test func everyProblemNamesItsLineAndColumn() {
        let text = """
            name,kind,country,population,paying,latitude
            X,town,ZZ,abc,maybe,12
            ,city,FR,,,
            """
        let plan = CSVImport.organizations(text, regions: .standard, currentYear: 2026)
        #expect(plan.rows.isEmpty)
        let found = Set(plan.problems.map { "\($0.line) \($0.column ?? "-") \($0.rule)" })
        #expect(
            found == [
                "2 kind one_of", "2 country unknown_country", "2 population integer", "2 paying boolean",
                "2 longitude pair", "3 name required",
            ])
        let header = CSVImport.organizations("name,colour,name\nX,red,Y\n", regions: .standard, currentYear: 2026)
        #expect(Set(header.problems.map(\.rule)) == ["unknown_column", "unique"])
        #expect(header.problems.allSatisfy { $0.line == 1 })
    }

    @Test func peopleFindTheirOrganizationAndChannelProblemsNameTheirColumn() {
        let text = """
            family_name,given_name,name_order,native_name,title,organization,email,wechat,languages
            Chen,Guo,family_first,陈国,Secretary General,Guangzhou,chen.guo@gz.example.cn,chenguo_gz,zh en
            Li,Na,,,Officer,Nowhere Council,,x,
            Wang,Fang,,,Officer,Nowhere Council,,,
            """
        let plan = CSVImport.people(
            text, currentYear: 2026, organizationId: { $0 == "Guangzhou" ? 8 : nil }, country: { $0 == 8 ? "CN" : nil })
        #expect(plan.rows.count == 2)
        #expect(plan.rows[1].input.positions.first?.organizationName == "Nowhere Council")
        #expect(plan.rows[1].input.positions.first?.organizationId == nil)
        let chen = plan.rows[0].input
        #expect(chen.displayName == "CHEN Guo" || chen.displayName == "Chen Guo")
        #expect(chen.positions.first?.organizationId == 8)
        #expect(chen.channels.map(\.kind) == [.email, .wechat] && chen.channels[0].preferred)
        #expect(chen.languages == ["zh", "en"])
        #expect(plan.problems.map { "\($0.line) \($0.column ?? "-")" } == ["3 wechat"])
    }

    @Test func nationalNumbersAreDialledFromTheCountryOfTheOrganizationAsEverywhereElse() {
        let text = """
            family_name,given_name,title,organization,phone
            Chen,Guo,Secretary General,Guangzhou,020 8330 1234
            Li,Na,Officer,Nowhere Council,+86 20 8330 1235
            Wang,Fang,Officer,Nowhere Council,020 8330 1236
            """
        let plan = CSVImport.people(
            text, currentYear: 2026, organizationId: { $0 == "Guangzhou" ? 8 : nil }, country: { $0 == 8 ? "CN" : nil })
        #expect(plan.rows.map { $0.input.channels.first?.value } == ["+862083301234", "+862083301235"])
        // With no directory organization there is no country to dial from: the number is refused, named.
        #expect(plan.problems.map { "\($0.line) \($0.column ?? "-")" } == ["4 phone"])
    }
}
