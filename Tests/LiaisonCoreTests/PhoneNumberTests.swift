import LiaisonCore
import Testing

@Suite struct PhoneNumberTests {
    @Test(
        arguments: [
            ("+86 20 8330 1234", nil, "+862083301234"), ("020-8330-1234", "CN", "+862083301234"),
            ("0086 20 8330 1234", "ES", "+862083301234"), ("(212) 555-0134", "US", "+12125550134"),
            ("1 212 555 0134", "US", "+12125550134"), ("06 12 34 56 78", "FR", "+33612345678"),
            ("06 1234 5678", "IT", "+390612345678"), ("8 495 123-45-67", "RU", "+74951234567"),
        ] as [(String, String?, String)])
    func theBriefsExamplesBecomeE164(text: String, country: String?, expected: String) {
        #expect(PhoneNumber.e164(text, defaultCountry: country) == expected)
    }

    @Test(
        arguments: [
            ("12345", "CN"), ("call me", "CN"), ("020 8330 1234", nil), ("+1234567890123456", nil),
        ] as [(String, String?)])
    func whatCannotBeANumberIsNil(text: String, country: String?) {
        #expect(PhoneNumber.e164(text, defaultCountry: country) == nil)
    }

    @Test func anE164NumberIsKeptWhateverTheDefaultCountry() {
        #expect(PhoneNumber.e164("+862083301234", defaultCountry: nil) == "+862083301234")
        #expect(PhoneNumber.e164("+862083301234", defaultCountry: "FR") == "+862083301234")
        #expect(PhoneNumber.e164("  +44 20 7946 0958 ", defaultCountry: "US") == "+442079460958")
    }

    @Test func everySeparatorIsAccepted() {
        #expect(PhoneNumber.e164("+86.20.8330.1234", defaultCountry: nil) == "+862083301234")
        #expect(PhoneNumber.e164("+86/20/8330/1234", defaultCountry: nil) == "+862083301234")
        #expect(PhoneNumber.e164("(+86) 20-8330 1234", defaultCountry: nil) == "+862083301234")
    }

    @Test func aTrunkPrefixInParenthesesIsIgnored() {
        #expect(PhoneNumber.e164("+44 (0)20 7946 0958", defaultCountry: nil) == "+442079460958")
        #expect(PhoneNumber.e164("0049 (0)30 1234 5678", defaultCountry: nil) == "+493012345678")
        #expect(PhoneNumber.e164("(0)20 7946 0958", defaultCountry: "GB") == "+442079460958")
    }

    @Test func fullWidthFormsAndNoBreakSpacesAreRead() {
        #expect(PhoneNumber.e164("＋８６ ２０ ８３３０ １２３４", defaultCountry: nil) == "+862083301234")
        #expect(PhoneNumber.e164("（０２０）８３３０－１２３４", defaultCountry: "CN") == "+862083301234")
        #expect(PhoneNumber.e164("+86\u{00A0}20\u{202F}8330\u{00A0}1234", defaultCountry: nil) == "+862083301234")
    }

    @Test func lettersAndOtherCharactersMakeItNil() {
        #expect(PhoneNumber.e164("+86 20 8330 1234 ext 5", defaultCountry: nil) == nil)
        #expect(PhoneNumber.e164("+86 20 8330 1234 x5", defaultCountry: nil) == nil)
        #expect(PhoneNumber.e164("+86 20 8330 1234#5", defaultCountry: nil) == nil)
        #expect(PhoneNumber.e164("+86 20 8330 1234, +86 20 8330 1235", defaultCountry: nil) == nil)
        #expect(PhoneNumber.e164("86+20 8330 1234", defaultCountry: nil) == nil)
        #expect(PhoneNumber.e164("++86 20 8330 1234", defaultCountry: nil) == nil)
        #expect(PhoneNumber.e164("", defaultCountry: "CN") == nil)
        #expect(PhoneNumber.e164("+", defaultCountry: "CN") == nil)
    }

    @Test func lengthIsEightToFifteenDigits() {
        #expect(PhoneNumber.e164("+290 12345", defaultCountry: nil) == "+29012345")
        #expect(PhoneNumber.e164("+86 12345", defaultCountry: nil) == nil)
        #expect(PhoneNumber.e164("+86 2083 3012 3456 7", defaultCountry: nil) == "+862083301234567")
        #expect(PhoneNumber.e164("+86 2083 3012 3456 78", defaultCountry: nil) == nil)
    }

    @Test func theCountryCodeMustBeAssigned() {
        #expect(PhoneNumber.e164("+0086 20 8330 1234", defaultCountry: nil) == nil)
        #expect(PhoneNumber.e164("+999 1234 5678", defaultCountry: nil) == nil)
        #expect(PhoneNumber.e164("+800 1234 5678", defaultCountry: nil) == "+80012345678")
        #expect(PhoneNumber.e164("+247 650 1234", defaultCountry: nil) == "+2476501234")
    }

    @Test func nationalNumbersLoseOneTrunkPrefix() {
        #expect(PhoneNumber.e164("030 1234 5678", defaultCountry: "DE") == "+493012345678")
        #expect(PhoneNumber.e164("138 0013 8000", defaultCountry: "cn") == "+8613800138000")
        #expect(PhoneNumber.e164("0549 882 555", defaultCountry: "SM") == "+3780549882555")
        #expect(PhoneNumber.e164("06 6982 1234", defaultCountry: "VA") == "+390669821234")
        #expect(PhoneNumber.e164("8 727 123 4567", defaultCountry: "KZ") == "+77271234567")
        #expect(PhoneNumber.e164("495 123 4567", defaultCountry: "RU") == "+74951234567")
        #expect(PhoneNumber.e164("1 (416) 555-0199", defaultCountry: "CA") == "+14165550199")
        #expect(PhoneNumber.e164("876 555 0199", defaultCountry: "JM") == "+18765550199")
    }

    @Test func aNationalNumberNeedsACountryWithACallingCode() {
        #expect(PhoneNumber.e164("020 8330 1234", defaultCountry: "ZZ") == nil)
        #expect(PhoneNumber.e164("020 8330 1234", defaultCountry: "BV") == nil)
        #expect(PhoneNumber.e164("020 8330 1234", defaultCountry: "") == nil)
    }

    @Test func callingCodes() {
        #expect(PhoneNumber.callingCode(country: "CN") == "86")
        #expect(PhoneNumber.callingCode(country: "US") == "1")
        #expect(PhoneNumber.callingCode(country: "ES") == "34")
        #expect(PhoneNumber.callingCode(country: "cn") == "86")
        #expect(PhoneNumber.callingCode(country: "XK") == "383")
        #expect(PhoneNumber.callingCode(country: "VA") == "39")
        #expect(PhoneNumber.callingCode(country: "ZZ") == nil)
        for territory in ["CA", "PR", "GU", "VI", "AG", "JM", "SX", "UM"] {
            #expect(PhoneNumber.callingCode(country: territory) == "1", "\(territory)")
        }
    }

    @Test func everyCountryWithACallingCodeHasOne() {
        let missing = Country.all.filter { PhoneNumber.callingCode(country: $0.code) == nil }.map(\.code)
        #expect(missing == ["BV", "HM"])
        for country in Country.all {
            guard let code = PhoneNumber.callingCode(country: country.code) else { continue }
            #expect((1...3).contains(code.count) && code.allSatisfy(\.isNumber) && !code.hasPrefix("0"), "\(code)")
        }
    }
}
