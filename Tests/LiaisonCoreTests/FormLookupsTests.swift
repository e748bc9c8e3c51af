import Foundation
import Testing

@testable import LiaisonCore

@Suite("Phone numbers as people read them")
struct PhoneDisplayTests {
    @Test(arguments: [
        ("+8653285912345", "+86 532 8591 2345"),
        ("+862083301234", "+86 20 8330 1234"),
        ("+8613800138000", "+86 138 0013 8000"),
        ("+3225551234", "+32 2 555 12 34"),
        ("+32470123456", "+32 470 12 34 56"),
        ("+3250123456", "+32 50 12 34 56"),
        ("+34912345678", "+34 912 345 678"),
        ("+33123456789", "+33 1 23 45 67 89"),
        ("+493012345678", "+49 30 12345678"),
        ("+4915123456789", "+49 151 23456789"),
        ("+442079460958", "+44 20 7946 0958"),
        ("+447700900123", "+44 7700 900123"),
        ("+12125550123", "+1 212 555 0123"),
        ("+5511912345678", "+55 11 91234 5678"),
        ("+551133334444", "+55 11 3333 4444"),
        ("+81312345678", "+81 3 1234 5678"),
        ("+819012345678", "+81 90 1234 5678"),
        ("+821012345678", "+82 10 1234 5678"),
        ("+82212345678", "+82 2 1234 5678"),
        ("+919876543210", "+91 98765 43210"),
        // No rule for Kenya: groups of three and four.
        ("+254712345678", "+254 712 345 678"),
        ("+6421234567", "+64 2123 4567"),
    ])
    func formats(e164: String, shown: String) {
        #expect(PhoneNumber.display(e164) == shown)
    }

    @Test func leavesWhatIsNotE164() {
        #expect(PhoneNumber.display("020 8330 1234") == "020 8330 1234")
        #expect(PhoneNumber.display("+86 abc") == "+86 abc")
        #expect(PhoneNumber.display("") == "")
    }

    @Test func defaultGroupsCoverEveryDigit() {
        for count in 1...15 { #expect(PhoneNumber.defaultGroups(count).reduce(0, +) == count) }
        #expect(PhoneNumber.defaultGroups(8) == [4, 4])
        #expect(PhoneNumber.defaultGroups(10) == [3, 3, 4])
    }
}

@Suite("Languages by name")
struct LanguageNameTests {
    @Test func namesMapBackToCodes() {
        #expect(Language.code(name: "Chinese") == "zh")
        #expect(Language.code(name: " english ") == "en")
        #expect(Language.code(name: "Norwegian Bokmal") == "nb")
        #expect(Language.code(name: "fr") == "fr")
        #expect(Language.code(name: "Klingon") == nil)
        for code in Language.common { #expect(Language.code(name: Language.name(code: code) ?? "") == code) }
    }
}

@Suite("Time zones by country")
struct CountryZonesTests {
    @Test func singleZoneCountries() {
        #expect(CountryZones.zone(country: "CN") == "Asia/Shanghai")
        #expect(CountryZones.zone(country: "be") == "Europe/Brussels")
        #expect(CountryZones.zone(country: "ES", latitude: 41.4, longitude: 2.2) == "Europe/Madrid")
        #expect(CountryZones.zone(country: "ZZ") == nil)
    }

    @Test func nearestZoneCityInACountryOfMany() {
        // Manaus and Rio Branco keep their own clocks; Recife keeps São Paulo's, so it is named São Paulo.
        #expect(CountryZones.zone(country: "BR", latitude: -3.1, longitude: -60.0) == "America/Manaus")
        #expect(CountryZones.zone(country: "BR", latitude: -9.97, longitude: -67.8) == "America/Rio_Branco")
        #expect(CountryZones.zone(country: "BR", latitude: -8.05, longitude: -34.9) == "America/Sao_Paulo")
        #expect(CountryZones.zone(country: "BR") == "America/Sao_Paulo")
        // Seville is nearer Ceuta's zone city than Madrid, and keeps Madrid's clock.
        #expect(CountryZones.zone(country: "ES", latitude: 37.4, longitude: -6.0) == "Europe/Madrid")
        // Qingdao, nearer Shanghai than Urumqi.
        #expect(CountryZones.zone(country: "CN", latitude: 36.1, longitude: 120.4) == "Asia/Shanghai")
    }

    @Test func offsets() {
        let january = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        #expect(CountryZones.offset("Asia/Shanghai", at: january) == "UTC+08:00")
        #expect(CountryZones.offset("America/Sao_Paulo", at: january) == "UTC-03:00")
        #expect(CountryZones.offset("Asia/Kolkata", at: january) == "UTC+05:30")
        #expect(CountryZones.all["Asia/Shanghai"]?.city == "Shanghai")
    }
}
