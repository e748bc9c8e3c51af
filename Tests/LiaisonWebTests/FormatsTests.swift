import Foundation
import Testing

@testable import LiaisonWeb

@Suite struct FormatsTests {
    @Test(arguments: [
        (0, "0"), (7, "7"), (999, "999"), (-999, "-999"), (1_000, "1,000"), (20_000, "20,000"),
        (1_000_000, "1,000,000"), (-1_234_567, "-1,234,567"), (123_456_789_012, "123,456,789,012"),
    ])
    func numbersAreGroupedByThousands(value: Int, shown: String) {
        #expect(Formats.number(value) == shown)
    }

    @Test func theSmallestNumberIsGroupedWhole() {
        #expect(Formats.number(Int.min) == "-9,223,372,036,854,775,808")
    }
}
